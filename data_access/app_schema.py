"""The app's own tables for sign-in (issue 19): who may use the app, and what they did.

They sit beside ``saved_views`` in the app store (data_access.app_store), never in the
dataset: a load replaces the data but leaves users and the audit trail alone.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, DateTime, Index, MetaData, Table, Text

from vocabulary.access import Role

app_metadata = MetaData()

_ROLES = ", ".join(f"'{role.value}'" for role in Role)

#: People allowed in when sign-in is on, keyed by lower-case e-mail address.
users = Table(
    "users",
    app_metadata,
    Column("email", Text, primary_key=True),
    Column("display_name", Text, nullable=True),
    Column("role", Text, nullable=False),
    Column("home_region", Text, nullable=True),  # a region_code: the scope the app opens in
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    CheckConstraint(f"role IN ({_ROLES})", name="ck_users_role"),
)

#: What people did, appended by the app and never changed; only the retention purge removes rows.
#: No person-level data: pages, query strings of filters, file and view names, counts.
audit_events = Table(
    "audit_events",
    app_metadata,
    Column("event_id", Text, primary_key=True),
    Column("occurred_at", DateTime, nullable=False),
    Column("actor_email", Text, nullable=True),  # None: sign-in is off, or a system task
    Column("action", Text, nullable=False),
    Column("target", Text, nullable=True),  # the page, view, file, user or data source acted on
    Column("detail", Text, nullable=True),  # e.g. the query string, the rows loaded, the new role
)

Index("ix_audit_events_occurred_at", audit_events.c.occurred_at).ddl_if(dialect="postgresql")
