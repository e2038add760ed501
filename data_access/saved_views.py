"""Named saved views: a page and its query string, kept in the database.

On PostgreSQL a view is a row of the app database's ``saved_views`` table. On DuckDB
the app holds the data file open read-only (DuckDB refuses a read-write connection
to a file that any connection, in this process or another, holds), and a load swaps a
new data file in. So DuckDB keeps saved views in a small sibling file,
``<data file stem>.views.duckdb``, with the same ``saved_views`` table, opened
read-write only for the moment of each call and never touched by loads. See
docs/architecture.md, "Saved views".
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateTable

from data_access.engine import duckdb_path, is_duckdb
from data_access.schema import saved_views

T = TypeVar("T")

NAME_MAX_CHARS = 60
_NAME_RULE = re.compile(r"[A-Za-z0-9 _-]+")
#: How long to wait for another process's brief hold on the DuckDB views file.
BUSY_TIMEOUT_SECONDS = 5.0

_LOCK = threading.Lock()
_SERVER_ENGINES: dict[str, Engine] = {}
_LISTED: dict[str, tuple[tuple, tuple[SavedView, ...]]] = {}


class SavedViewError(ValueError):
    """A saved-view request that cannot be met; the message says why."""


class InvalidViewNameError(SavedViewError):
    """A view name breaks the naming rule."""


class DuplicateViewNameError(SavedViewError):
    """A view with that name (ignoring case) already exists."""


class ViewNotFoundError(SavedViewError):
    """No view has that name."""


class SavedViewsBusyError(RuntimeError):
    """The DuckDB views file stayed locked by another process for too long."""


@dataclass(frozen=True)
class SavedView:
    """One saved view: ``page`` is the page's URL path ("/" for the home page)."""

    name: str
    page: str
    query_string: str
    created_at: dt.datetime


def views_database_url(url: str) -> str:
    """Where the saved views of the database at ``url`` are kept (see the module docstring)."""
    path = duckdb_path(url)
    if path is None:
        return url
    return f"duckdb:///{path.with_name(path.stem + '.views.duckdb')}"


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
    url: str, name: str, page: str, query_string: str, *, created_at: dt.datetime | None = None
) -> SavedView:
    """Save a new named view of ``page`` with ``query_string`` (no leading "?").

    Raises:
        InvalidViewNameError: the name breaks the naming rule.
        DuplicateViewNameError: a view of that name (ignoring case) exists.
    """
    view = SavedView(
        validate_view_name(name), page, query_string.lstrip("?"), created_at or dt.datetime.now().replace(microsecond=0)
    )

    def write(connection: Connection) -> None:
        clash = connection.execute(
            select(saved_views.c.name).where(func.lower(saved_views.c.name) == view.name.lower())
        ).scalar()
        if clash is not None:
            raise DuplicateViewNameError(f"A saved view called '{clash}' already exists: choose another name.")
        connection.execute(insert(saved_views).values(**view.__dict__))

    try:
        _in_transaction(url, write)
    except IntegrityError as error:  # a concurrent save of the same name won the race
        raise DuplicateViewNameError(f"A saved view called '{view.name}' already exists: choose another name.") from error
    return view


def list_views(url: str) -> list[SavedView]:
    """Every saved view, alphabetically by name (ignoring case).

    The sidebar lists views on every rerun; on DuckDB the list is remembered until
    the views file changes on disk (any process's save or delete changes it).
    """
    statement = select(saved_views).order_by(func.lower(saved_views.c.name))
    state = _file_state(url)
    with _LOCK:
        remembered = _LISTED.get(url)
    if state is not None and remembered is not None and remembered[0] == state:
        return list(remembered[1])
    views = _in_transaction(url, lambda connection: [SavedView(**row._mapping) for row in connection.execute(statement)])
    if state is not None:
        with _LOCK:
            _LISTED[url] = (state, tuple(views))
    return views


def _file_state(url: str) -> tuple | None:
    """Size and modification time of the DuckDB views file and its log (None for a server database)."""
    path = duckdb_path(views_database_url(url))
    if path is None:
        return None
    return tuple(
        (item.stat().st_mtime_ns, item.stat().st_size) if item.exists() else None
        for item in (path, path.with_name(path.name + ".wal"))
    )


def get_view(url: str, name: str) -> SavedView:
    """The view called ``name``; ViewNotFoundError when there is none."""
    statement = select(saved_views).where(saved_views.c.name == name)
    row = _in_transaction(url, lambda connection: connection.execute(statement).first())
    if row is None:
        raise ViewNotFoundError(f"There is no saved view called '{name}'.")
    return SavedView(**row._mapping)


def delete_view(url: str, name: str) -> None:
    """Delete the view called ``name``; ViewNotFoundError when there is none."""
    statement = delete(saved_views).where(saved_views.c.name == name)
    deleted = _in_transaction(url, lambda connection: connection.execute(statement).rowcount)
    if not deleted:
        raise ViewNotFoundError(f"There is no saved view called '{name}'.")


def _in_transaction(url: str, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction on the views store of ``url``."""
    if is_duckdb(url):
        return _in_duckdb_views(views_database_url(url), work)
    with _LOCK:
        if url not in _SERVER_ENGINES:
            engine = create_engine(url, pool_pre_ping=True)
            with engine.begin() as connection:
                connection.execute(CreateTable(saved_views, if_not_exists=True))
            _SERVER_ENGINES[url] = engine
    with _SERVER_ENGINES[url].begin() as connection:
        return work(connection)


def _in_duckdb_views(url: str, work: Callable[[Connection], T]) -> T:
    """Open the views file read-write for one transaction, waiting while another process holds it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                # One statement, not an inspection round trip: this runs on every call.
                connection.execute(CreateTable(saved_views, if_not_exists=True))
                return work(connection)
        except DBAPIError as error:
            # Only opening the file can meet another process's lock; nothing has been written yet.
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() > deadline:
                path = url.removeprefix("duckdb:///")
                raise SavedViewsBusyError(
                    f"The saved views file {path} stayed locked by another process: try again."
                ) from error
        finally:
            engine.dispose()
        time.sleep(0.05)


def close_connections() -> None:
    """Close the pooled connections to server databases (for tests and shutdown)."""
    with _LOCK:
        for engine in _SERVER_ENGINES.values():
            engine.dispose()
        _SERVER_ENGINES.clear()
