"""Build a new DuckDB database file beside the live one and swap it in atomically.

DuckDB allows one writer per file and the app keeps the live file open
read-only, so a load never writes the live file. It builds a new file (fresh
schema; saved views and the load history copied from the live file, which is
attached read-only), checkpoints and closes it, then ``os.replace``s it onto
the live path. The new file is private until then, so the load may commit it in
steps (each table, so that DuckDB can move rows from memory to the file). Connections opened before the swap keep reading the old file;
new ones see the new data, and ``data_version`` changes with the file. If
anything fails the new file is removed and the live file is untouched.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection

from data_access.engine import create_schema, make_engine
from data_access.schema import dataset_loads, saved_views

T = TypeVar("T")

#: How the live file is known inside the new database while a load runs.
LIVE_ALIAS = "live_database"
#: Tables that belong to the app rather than the dataset: always carried over.
APP_TABLES = (saved_views, dataset_loads)
#: DuckDB's own memory while a load builds the new file (its default is 80% of the machine's):
#: enough for the derived build's joins at 5,000,000 referrals without spilling, and it keeps the
#: loader's peak (with the Python side's batches and key ledgers) under 3 GB.
LOAD_MEMORY_LIMIT = "2GB"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


@contextmanager
def loader_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock so that two loads into the same file run one after the other."""
    lock_path = target.with_name(target.name + ".load-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_and_swap(target: Path, write: Callable[[Connection, str | None], T]) -> T:
    """Build a new database with ``write`` and swap it onto ``target`` if it succeeds.

    Args:
        target: the live DuckDB file (need not exist yet).
        write: called with a transaction on the new file (schema created, app
            tables carried over) and the alias of the attached live database,
            or None when there is no live file; its return value is passed back.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with loader_lock(target):
        staging = target.with_name(f".{target.name}.loading-{os.getpid()}")
        _remove(staging)
        try:
            outcome = _build(staging, target if target.exists() else None, write)
            # A log left by a crashed writer belongs to the old file; it must
            # never be replayed onto the new one.
            _wal(target).unlink(missing_ok=True)
            os.replace(staging, target)
        except BaseException:
            _remove(staging)
            raise
    return outcome


def _build(staging: Path, live: Path | None, write: Callable[[Connection, str | None], T]) -> T:
    engine = make_engine(f"duckdb:///{staging}")
    try:
        # Commit as you go: ``write`` may commit each table (no one else sees this file), which lets
        # DuckDB move the rows out of memory; the swap below is what makes the load all or nothing.
        with engine.connect() as connection:
            connection.exec_driver_sql("SET preserve_insertion_order = false")
            connection.exec_driver_sql(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
            connection.exec_driver_sql("SET enable_progress_bar = false")
            create_schema(connection)
            if live is not None:
                connection.exec_driver_sql(f"ATTACH '{_sql_text(live)}' AS {LIVE_ALIAS} (READ_ONLY)")
                _carry_over_app_tables(connection)
            outcome = write(connection, LIVE_ALIAS if live is not None else None)
            connection.commit()
        with engine.connect() as connection:
            if live is not None:
                connection.exec_driver_sql(f"DETACH {LIVE_ALIAS}")
            connection.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()
    if _wal(staging).exists():
        raise OSError(f"DuckDB left a write-ahead log beside {staging}; the load was not swapped in")
    return outcome


def _carry_over_app_tables(connection: Connection) -> None:
    """Copy saved views and the load history; columns a live file from an older version lacks take their defaults."""
    live_columns = {tuple(row) for row in connection.exec_driver_sql(
        f"SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = '{LIVE_ALIAS}'"
    )}
    for table in APP_TABLES:
        shared = [column.name for column in table.columns if (table.name, column.name) in live_columns]
        if shared:
            names = ", ".join(shared)
            connection.exec_driver_sql(
                f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {LIVE_ALIAS}.{table.name}"
            )


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _remove(staging: Path) -> None:
    staging.unlink(missing_ok=True)
    _wal(staging).unlink(missing_ok=True)
