"""The app store: where the app keeps what people write (saved views, users, the audit trail).

On PostgreSQL it is the app database itself. On DuckDB the app holds the data file
open read-only and a load swaps a new file in, so the app store is a small sibling
file, ``<data file stem>.views.duckdb`` (named for saved views, its first tenant),
opened read-write only for the moment of each call. See docs/architecture.md,
"Saved views" and "Sign-in, roles and the audit trail".

Every transaction first makes sure the tables exist and are up to date: views saved
before sign-in existed lack an owner and a visibility, and get them here, as shared
views owned by nobody.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateIndex, CreateTable

from data_access.app_schema import app_metadata
from data_access.engine import duckdb_path, is_duckdb
from data_access.schema import saved_views

T = TypeVar("T")

_LOCK = threading.Lock()
_SERVER_ENGINES: dict[str, Engine] = {}
#: Columns added to saved_views since it was first created (issue 19), with their SQL type and default.
_ADDED_VIEW_COLUMNS = (("owner_email", "TEXT", None), ("visibility", "TEXT", "'shared'"))


class AppStoreBusyError(RuntimeError):
    """The DuckDB app store file stayed locked by another process for too long."""


def store_url(url: str) -> str:
    """Where the app store of the database at ``url`` is (see the module docstring)."""
    path = duckdb_path(url)
    if path is None:
        return url
    return f"duckdb:///{path.with_name(path.stem + '.views.duckdb')}"


def ensure_tables(connection: Connection) -> None:
    """Create the app store's tables, and add the columns older saved_views tables lack."""
    for table in (saved_views, *app_metadata.sorted_tables):
        connection.execute(CreateTable(table, if_not_exists=True))
    for index in app_metadata.tables["audit_events"].indexes:
        if connection.dialect.name == "postgresql":
            connection.execute(CreateIndex(index, if_not_exists=True))
    for column, sql_type, default in _ADDED_VIEW_COLUMNS:
        with_default = f" DEFAULT {default}" if default else ""
        connection.execute(text(f"ALTER TABLE saved_views ADD COLUMN IF NOT EXISTS {column} {sql_type}{with_default}"))
    # A column added with a default fills old rows on both backends; this catches rows a
    # writer without the column's default left empty.
    connection.execute(text("UPDATE saved_views SET visibility = 'shared' WHERE visibility IS NULL"))


def in_transaction(url: str, work: Callable[[Connection], T], *, busy_timeout_seconds: float = 5.0) -> T:
    """Run ``work`` in one transaction on the app store of the database at ``url``.

    Raises:
        AppStoreBusyError: on DuckDB, another process held the store's file for longer
            than ``busy_timeout_seconds``.
    """
    if is_duckdb(url):
        return _in_duckdb_store(store_url(url), work, busy_timeout_seconds)
    with _LOCK:
        if url not in _SERVER_ENGINES:
            engine = create_engine(url, pool_pre_ping=True)
            with engine.begin() as connection:
                ensure_tables(connection)
            _SERVER_ENGINES[url] = engine
    with _SERVER_ENGINES[url].begin() as connection:
        return work(connection)


def _in_duckdb_store(url: str, work: Callable[[Connection], T], busy_timeout_seconds: float) -> T:
    """Open the store file read-write for one transaction, waiting while another process holds it."""
    deadline = time.monotonic() + busy_timeout_seconds
    while True:
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                # Statements, not an inspection round trip: this runs on every call.
                ensure_tables(connection)
                return work(connection)
        except DBAPIError as error:
            # Only opening the file can meet another process's lock; nothing has been written yet.
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() > deadline:
                path = url.removeprefix("duckdb:///")
                raise AppStoreBusyError(f"The app store file {path} stayed locked by another process: try again.") from error
        finally:
            engine.dispose()
        time.sleep(0.05)


def close_connections() -> None:
    """Close the pooled connections to server databases (for tests and shutdown)."""
    with _LOCK:
        for engine in _SERVER_ENGINES.values():
            engine.dispose()
        _SERVER_ENGINES.clear()
