"""Who may do what: roles, saved-view visibility and the permission rules (issue 19).

Sign-in is optional. With no ``[auth]`` configured there is no signed-in person and
every action is open, as in the embedded demo; callers then pass no actor (None).
With sign-in on, each action is checked against the acting person's role where the
action happens (in data_access), not by hiding buttons.

Role matrix (each role has everything the one before it has):

- viewer: read every page, download CSVs and the meeting pack, save private views,
  delete their own views.
- editor: also save shared views and delete any shared view.
- admin: also manage users, read the audit trail, see and delete any view, and load new
  data from the browser (About the data).

Loading with ``python -m data_access.load`` on the server needs server access, not an app
role. The audit trail records who loaded, either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """An app role, lowest first."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class Visibility(StrEnum):
    """Who sees a saved view: its owner only, or everyone signed in."""

    PRIVATE = "private"
    SHARED = "shared"


class UnknownUserPolicy(StrEnum):
    """What a signed-in person who is not in the users table gets."""

    VIEWER = "viewer"
    REFUSE = "refuse"


ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class Actor:
    """The signed-in person acting: e-mail address (lower case) and role."""

    email: str
    role: Role


def normalise_email(email: str) -> str:
    """An e-mail address as the users table keys it: trimmed, lower case."""
    return email.strip().lower()


def has_role(actor: Actor | None, role: Role) -> bool:
    """Whether ``actor`` holds ``role`` or a higher one (no actor: sign-in is off, all open)."""
    return actor is None or ROLE_RANK[actor.role] >= ROLE_RANK[role]


def may_save(actor: Actor | None, visibility: Visibility) -> bool:
    """Viewers save private views only; editors and admins may also share."""
    return visibility is Visibility.PRIVATE or has_role(actor, Role.EDITOR)


def may_see(actor: Actor | None, owner_email: str | None, visibility: Visibility) -> bool:
    """Shared views are seen by everyone; a private view by its owner and by admins."""
    return (actor is None or visibility is Visibility.SHARED or owner_email == actor.email
            or has_role(actor, Role.ADMIN))


def may_delete(actor: Actor | None, owner_email: str | None, visibility: Visibility) -> bool:
    """Owners delete their own views, editors any shared view, admins any view."""
    if actor is None or has_role(actor, Role.ADMIN):
        return True
    if owner_email is not None and owner_email == actor.email:
        return True
    return visibility is Visibility.SHARED and has_role(actor, Role.EDITOR)


class AuditAction(StrEnum):
    """What an audit event records. Targets and details never hold person-level data."""

    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    REFUSED = "refused"  # a signed-in person not in the users table, with unknown users refused
    PAGE_VIEW = "page_view"  # target: page path; detail: the query string (filters only)
    CSV_DOWNLOAD = "csv_download"  # target: file name
    PACK_DOWNLOAD = "pack_download"  # target: file name
    VIEW_SAVED = "view_saved"  # target: view name; detail: visibility, page and query string
    VIEW_DELETED = "view_deleted"
    VIEW_DELETE_REFUSED = "view_delete_refused"
    DATA_LOAD = "data_load"  # target: source name; detail: mode and rows written
    USER_ADDED = "user_added"  # target: the user's e-mail address; detail: role and home region
    USER_CHANGED = "user_changed"
    USER_REMOVED = "user_removed"
    AUDIT_EXPORT = "audit_export"  # an admin downloaded the audit trail
    AUDIT_PURGE = "audit_purge"  # detail: the retention period and the rows removed
