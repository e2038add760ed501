"""The audit trail: append-only records of who did what (issue 19).

The app only ever appends (``record_event``) and reads (``list_events``, admins
only). The one way rows leave is the retention purge, run on the server:

    python -m data_access.audit purge [--days N] [--database-url URL]

which removes events older than ``N`` days (default: ``AUDIT_RETENTION_DAYS``, else
365) and records that it did so. Events name pages, filters, files, views and
users; never a person in the data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import uuid
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, delete, func, insert, select

from data_access import app_store
from data_access.app_schema import audit_events
from data_access.engine import database_url
from vocabulary.access import Actor, AuditAction, Role, has_role

DEFAULT_RETENTION_DAYS = 365
#: Most events the admin page reads at once (newest first).
LIST_LIMIT = 5000
EVENT_COLUMNS = ("occurred_at", "actor_email", "action", "target", "detail")


class AuditPermissionError(PermissionError):
    """Only admins read the audit trail."""


@dataclass(frozen=True)
class EventFilter:
    """Which events to list: each field narrows the list; None leaves it open."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actor_email: str | None = None
    action: str | None = None


def cli_actor() -> str:
    """Who runs a command on the server, for the audit trail: ``cli:<login name>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def write_event(
    connection: Connection, action: AuditAction, *, actor_email: str | None,
    target: str | None = None, detail: str | None = None, occurred_at: dt.datetime | None = None,
) -> None:
    """Append one event inside the caller's transaction (so it stands or falls with the change)."""
    connection.execute(insert(audit_events).values(
        event_id=uuid.uuid4().hex,
        occurred_at=occurred_at or dt.datetime.now().replace(microsecond=0),
        actor_email=actor_email, action=AuditAction(action).value, target=target, detail=detail,
    ))


def record_event(
    url: str, action: AuditAction, *, actor_email: str | None,
    target: str | None = None, detail: str | None = None, occurred_at: dt.datetime | None = None,
) -> None:
    """Append one event to the audit trail of the database at ``url``."""
    app_store.in_transaction(url, lambda connection: write_event(
        connection, action, actor_email=actor_email, target=target, detail=detail, occurred_at=occurred_at,
    ))


def list_events(url: str, *, actor: Actor | None, where: EventFilter = EventFilter()) -> pd.DataFrame:
    """Audit events, newest first (at most LIST_LIMIT), one row per event with EVENT_COLUMNS.

    Raises:
        AuditPermissionError: ``actor`` is signed in and not an admin.
    """
    if actor is None or not has_role(actor, Role.ADMIN):
        raise AuditPermissionError("Only admins may read the audit trail.")
    statement = select(*(audit_events.c[name] for name in EVENT_COLUMNS))
    if where.since is not None:
        statement = statement.where(audit_events.c.occurred_at >= where.since)
    if where.until is not None:
        statement = statement.where(audit_events.c.occurred_at < where.until)
    if where.actor_email:
        statement = statement.where(func.lower(audit_events.c.actor_email) == where.actor_email.strip().lower())
    if where.action:
        statement = statement.where(audit_events.c.action == where.action)
    statement = statement.order_by(audit_events.c.occurred_at.desc(), audit_events.c.event_id).limit(LIST_LIMIT)
    rows = app_store.in_transaction(url, lambda connection: connection.execute(statement).all())
    return pd.DataFrame([tuple(row) for row in rows], columns=list(EVENT_COLUMNS))


def purge_events(url: str, *, older_than_days: int, now: dt.datetime | None = None, actor_email: str) -> int:
    """Remove events older than ``older_than_days`` days; record the purge; return how many went."""
    if older_than_days < 1:
        raise ValueError("Keep at least one day of audit events.")
    now = now or dt.datetime.now().replace(microsecond=0)
    cutoff = now - dt.timedelta(days=older_than_days)

    def purge(connection: Connection) -> int:
        removed = connection.execute(delete(audit_events).where(audit_events.c.occurred_at < cutoff)).rowcount
        write_event(connection, AuditAction.AUDIT_PURGE, actor_email=actor_email, target="audit_events",
                    detail=f"kept {older_than_days} days; removed {removed} events before {cutoff:%Y-%m-%d %H:%M}",
                    occurred_at=now)
        return removed

    return app_store.in_transaction(url, purge)


def retention_days() -> int:
    """The retention period in days: ``AUDIT_RETENTION_DAYS``, else DEFAULT_RETENTION_DAYS."""
    return int(os.environ.get("AUDIT_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


def main(argv: list[str] | None = None) -> int:
    """The retention command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m data_access.audit", description="Audit trail retention.")
    commands = parser.add_subparsers(dest="command", required=True)
    purge = commands.add_parser("purge", help="remove audit events older than the retention period")
    purge.add_argument("--days", type=int, default=None, help="keep this many days (default: AUDIT_RETENTION_DAYS or 365)")
    purge.add_argument("--database-url", help="the app database (default: DATABASE_URL or the sample DuckDB file)")
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else retention_days()
    try:
        removed = purge_events(args.database_url or database_url(), older_than_days=days, actor_email=cli_actor())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Removed {removed} audit events older than {days} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
