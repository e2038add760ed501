"""Named saved views: a page and its query string, kept in the app store.

On PostgreSQL a view is a row of the app database's ``saved_views`` table. On DuckDB
the app holds the data file open read-only (DuckDB refuses a read-write connection
to a file that any connection, in this process or another, holds), and a load swaps a
new data file in. So DuckDB keeps saved views in a small sibling file,
``<data file stem>.views.duckdb``, with the same ``saved_views`` table, opened
read-write only for the moment of each call and never touched by loads
(data_access.app_store). See docs/architecture.md, "Saved views".

With sign-in on (issue 19) each view has an owner and a visibility, and every call
takes the acting person (``actor``) and checks here, where the change is made, that
they may make it (vocabulary.access). ``actor=None`` means sign-in is off: every view
is shared and anyone may delete any view, as before.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from data_access import app_store
from data_access.audit import write_event
from data_access.engine import duckdb_path
from data_access.schema import saved_views
from vocabulary.access import Actor, AuditAction, Visibility, may_delete, may_save, may_see

T = TypeVar("T")

NAME_MAX_CHARS = 60
_NAME_RULE = re.compile(r"[A-Za-z0-9 _-]+")
#: How long to wait for another process's brief hold on the DuckDB views file.
BUSY_TIMEOUT_SECONDS = 5.0

_LOCK = threading.Lock()
_LISTED: dict[str, tuple[tuple, tuple[SavedView, ...]]] = {}


class SavedViewError(ValueError):
    """A saved-view request that cannot be met; the message says why."""


class InvalidViewNameError(SavedViewError):
    """A view name breaks the naming rule."""


class DuplicateViewNameError(SavedViewError):
    """A view with that name (ignoring case) already exists."""


class ViewNotFoundError(SavedViewError):
    """No view has that name."""


class ViewPermissionError(SavedViewError):
    """The signed-in person's role does not allow this change to this view."""


#: The DuckDB views file stayed locked by another process for too long.
SavedViewsBusyError = app_store.AppStoreBusyError


@dataclass(frozen=True)
class SavedView:
    """One saved view: ``page`` is the page's URL path ("/" for the home page).

    ``owner_email`` is None for views saved without sign-in (or before it existed).
    """

    name: str
    page: str
    query_string: str
    created_at: dt.datetime
    owner_email: str | None = None
    visibility: Visibility = Visibility.SHARED


def _view(row: object) -> SavedView:
    values = dict(row._mapping)
    values["visibility"] = Visibility(values.get("visibility") or Visibility.SHARED)
    return SavedView(**values)


def views_database_url(url: str) -> str:
    """Where the saved views of the database at ``url`` are kept (see the module docstring)."""
    return app_store.store_url(url)


def validate_view_name(name: str) -> str:
    """The name with surrounding spaces removed, or an InvalidViewNameError saying which rule it breaks."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidViewNameError("A view needs a name: the name is empty.")
    if len(cleaned) > NAME_MAX_CHARS:
        raise InvalidViewNameError(
            f"The view name is {len(cleaned)} characters long: use at most {NAME_MAX_CHARS}."
        )
    if not _NAME_RULE.fullmatch(cleaned):
        bad = sorted({char for char in cleaned if not _NAME_RULE.fullmatch(char)})
        raise InvalidViewNameError(
            f"The view name may hold only letters, digits, spaces, '-' and '_': "
            f"remove {' '.join(repr(char) for char in bad)}."
        )
    return cleaned


def save_view(
    url: str, name: str, page: str, query_string: str, *, created_at: dt.datetime | None = None,
    actor: Actor | None = None, visibility: Visibility = Visibility.SHARED,
) -> SavedView:
    """Save a new named view of ``page`` with ``query_string`` (no leading "?"), owned by ``actor``.

    Raises:
        InvalidViewNameError: the name breaks the naming rule.
        DuplicateViewNameError: a view of that name (ignoring case) exists.
        ViewPermissionError: ``actor`` may not save a view with this visibility.
    """
    visibility = Visibility(visibility)
    if not may_save(actor, visibility):
        raise ViewPermissionError(
            "Your role (viewer) saves private views only: ask an admin for the editor role to share views."
        )
    view = SavedView(
        validate_view_name(name), page, query_string.lstrip("?"), created_at or dt.datetime.now().replace(microsecond=0),
        actor.email if actor else None, visibility,
    )

    def write(connection: Connection) -> None:
        clash = connection.execute(
            select(saved_views.c.name).where(func.lower(saved_views.c.name) == view.name.lower())
        ).scalar()
        if clash is not None:
            raise DuplicateViewNameError(f"A saved view called '{clash}' already exists: choose another name.")
        connection.execute(insert(saved_views).values(**{**view.__dict__, "visibility": view.visibility.value}))
        if actor is not None:
            write_event(connection, AuditAction.VIEW_SAVED, actor_email=actor.email, target=view.name,
                        detail=f"{view.visibility.value}: {view.page}" + (f"?{view.query_string}" if view.query_string else ""))

    try:
        _in_transaction(url, write)
    except IntegrityError as error:  # a concurrent save of the same name won the race
        raise DuplicateViewNameError(f"A saved view called '{view.name}' already exists: choose another name.") from error
    return view


def list_views(url: str, *, actor: Actor | None = None) -> list[SavedView]:
    """Every saved view ``actor`` may see (shared ones and their own), alphabetically by name (ignoring case).

    The sidebar lists views on every rerun; on DuckDB the list is remembered until
    the views file changes on disk (any process's save or delete changes it).
    """
    statement = select(saved_views).order_by(func.lower(saved_views.c.name))
    state = _file_state(url)
    with _LOCK:
        remembered = _LISTED.get(url)
    if state is not None and remembered is not None and remembered[0] == state:
        views = list(remembered[1])
    else:
        views = _in_transaction(url, lambda connection: [_view(row) for row in connection.execute(statement)])
        if state is not None:
            with _LOCK:
                _LISTED[url] = (state, tuple(views))
    return [view for view in views if may_see(actor, view.owner_email, view.visibility)]


def _file_state(url: str) -> tuple | None:
    """Size and modification time of the DuckDB views file and its log (None for a server database)."""
    path = duckdb_path(views_database_url(url))
    if path is None:
        return None
    return tuple(
        (item.stat().st_mtime_ns, item.stat().st_size) if item.exists() else None
        for item in (path, path.with_name(path.name + ".wal"))
    )


def get_view(url: str, name: str, *, actor: Actor | None = None) -> SavedView:
    """The view called ``name``; ViewNotFoundError when there is none that ``actor`` may see."""
    statement = select(saved_views).where(saved_views.c.name == name)
    row = _in_transaction(url, lambda connection: connection.execute(statement).first())
    view = None if row is None else _view(row)
    if view is None or not may_see(actor, view.owner_email, view.visibility):
        raise ViewNotFoundError(f"There is no saved view called '{name}'.")
    return view


def delete_view(url: str, name: str, *, actor: Actor | None = None) -> SavedView:
    """Delete the view called ``name`` and return it, if ``actor``'s role allows.

    Raises:
        ViewNotFoundError: there is no view of that name that ``actor`` may see.
        ViewPermissionError: the view is someone else's and ``actor``'s role may not delete it.
    """

    def remove(connection: Connection) -> SavedView:
        row = connection.execute(select(saved_views).where(saved_views.c.name == name)).first()
        view = None if row is None else _view(row)
        if view is None or not may_see(actor, view.owner_email, view.visibility):
            raise ViewNotFoundError(f"There is no saved view called '{name}'.")
        if not may_delete(actor, view.owner_email, view.visibility):
            raise ViewPermissionError(
                f"You cannot delete '{name}': it belongs to {view.owner_email or 'nobody in particular'}, "
                f"and your role ({actor.role.value}) may delete only your own views."
            )
        connection.execute(delete(saved_views).where(saved_views.c.name == name))
        if actor is not None:
            write_event(connection, AuditAction.VIEW_DELETED, actor_email=actor.email, target=name,
                        detail=f"owner: {view.owner_email or 'nobody'}; {view.visibility.value}")
        return view

    try:
        return _in_transaction(url, remove)
    except ViewPermissionError as error:
        # The refusal is worth keeping: it is recorded apart from the refused change, which rolled back.
        reason = str(error)
        _in_transaction(url, lambda connection: write_event(
            connection, AuditAction.VIEW_DELETE_REFUSED, actor_email=actor.email, target=name, detail=reason))
        raise


def _in_transaction(url: str, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction on the views store of ``url``."""
    return app_store.in_transaction(url, work, busy_timeout_seconds=BUSY_TIMEOUT_SECONDS)


def close_connections() -> None:
    """Close the pooled connections to server databases (for tests and shutdown)."""
    app_store.close_connections()
