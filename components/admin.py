"""The admin pages (issue 19): manage users, read and download the audit trail.

Each page first checks, on the server, that the signed-in person is an admin
(``access.require_role``); data_access checks again when a change is made.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import access, cache
from vocabulary.access import AuditAction, Role

_USER_MESSAGE_KEY = "_admin_user_message"
_NO_REGION = ""


def _region_choices() -> dict[str, str]:
    regions = cache.load_filter_options()["regions"]
    return {_NO_REGION: "No home region (national)", **dict(zip(regions["region_code"], regions["region_name"]))}


def users_table() -> None:
    """Every user with role and home region."""
    users = cache.list_users()
    regions = _region_choices()
    st.dataframe(
        pd.DataFrame({
            "E-mail address": [user.email for user in users],
            "Role": [user.role.value for user in users],
            "Home region": [regions.get(user.home_region or _NO_REGION, user.home_region) for user in users],
            "Last changed": [user.updated_at for user in users],
        }),
        hide_index=True, width="stretch",
    )


def _apply_user_change(action: str) -> None:
    actor = access.require_role(Role.ADMIN)
    email = st.session_state.get("admin_user_email", "")
    role = Role(st.session_state.get("admin_user_role", Role.VIEWER.value))
    region = st.session_state.get("admin_user_region") or None
    try:
        if action == "add":
            cache.add_user(email, role=role, home_region=region, actor=actor)
            done = f"Added {email} as {role.value}."
        elif action == "change":
            cache.change_user(email, role=role, home_region=region, actor=actor)
            done = f"{email} is now {role.value}."
        else:
            cache.remove_user(email, actor=actor)
            done = f"Removed {email}."
    except cache.UserError as error:
        st.session_state[_USER_MESSAGE_KEY] = ("error", str(error))
        return
    st.session_state[_USER_MESSAGE_KEY] = ("success", done)


def user_form() -> None:
    """Add, change or remove a user; the outcome is shown above the form."""
    kind, text = st.session_state.pop(_USER_MESSAGE_KEY, (None, ""))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)
    regions = _region_choices()
    with st.form("admin_user_form"):
        st.text_input("E-mail address", key="admin_user_email")
        st.selectbox("Role", [role.value for role in Role], key="admin_user_role")
        st.selectbox("Home region", list(regions), format_func=regions.get, key="admin_user_region")
        add, change, remove = st.columns(3)
        add.form_submit_button("Add user", on_click=_apply_user_change, args=("add",), width="stretch")
        change.form_submit_button("Change role and region", on_click=_apply_user_change, args=("change",),
                                  width="stretch")
        remove.form_submit_button("Remove user", on_click=_apply_user_change, args=("remove",), width="stretch")


def audit_filter() -> cache.AuditEventFilter:
    """Widgets narrowing the audit trail: dates, person, action."""
    today = dt.date.today()
    since_column, until_column, who_column, action_column = st.columns(4)
    since = since_column.date_input("From", today - dt.timedelta(days=30), format="DD/MM/YYYY", key="audit_since")
    until = until_column.date_input("To", today, format="DD/MM/YYYY", key="audit_until")
    who = who_column.text_input("Person (e-mail address)", key="audit_person")
    action = action_column.selectbox("Action", [None, *(action.value for action in AuditAction)],
                                     format_func=lambda value: "All actions" if value is None else value.replace("_", " "),
                                     key="audit_action")
    return cache.AuditEventFilter(
        since=dt.datetime.combine(since, dt.time()), until=dt.datetime.combine(until + dt.timedelta(days=1), dt.time()),
        actor_email=who or None, action=action,
    )


def audit_table(where: cache.AuditEventFilter) -> None:
    """The matching events, newest first, and their CSV download (itself recorded)."""
    actor = access.require_role(Role.ADMIN)
    events = cache.list_audit_events(actor, where)
    st.caption(f"{len(events):,} events, newest first (at most 5,000 shown).")
    st.dataframe(
        events.rename(columns={"occurred_at": "When", "actor_email": "Who", "action": "Action",
                               "target": "What", "detail": "Detail"}),
        hide_index=True, width="stretch",
    )
    file_name = f"audit-trail-{dt.date.today():%Y-%m-%d}.csv"
    st.download_button("Download these events (CSV)", events.to_csv(index=False).encode("utf-8"),
                       file_name=file_name, mime="text/csv", key="audit_download",
                       on_click=access.on_download(AuditAction.AUDIT_EXPORT, file_name))
