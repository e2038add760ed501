"""Check and write a dataset in one transaction, batch by batch, and record the load.

DuckDB: a new file built beside the live one and swapped in (``duckdb_file.py``).
PostgreSQL: one transaction that merges the dataset into the tables
(``bulk_postgres.py``); ``--replace`` deletes rows the dataset no longer has,
children before parents (DELETE, not TRUNCATE, whose exclusive lock would
block the app's readers).

Rows are checked and written in the same pass (``validate.DatasetCheck`` hands
over each batch once it is checked), so memory stays bounded however large the
dataset. Writing stops at the first problem, but every row is still checked; the
problems are then raised and the transaction rolled back, so a dataset that breaks
the contract changes nothing. Either way the derived tables are rebuilt from the
raw rows in the same transaction (``derived/build.py``), and readers see the old
data until the load commits.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from contextlib import closing
from dataclasses import dataclass, field

import duckdb
import psycopg
import pyarrow as pa
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from data_access.bulk import ProgressCallback, table_writer, with_progress
from data_access.bulk_postgres import DeferredIndexes, skip_reference_triggers
from data_access.derived.build import rebuild_derived_tables
from data_access.duckdb_file import build_and_swap
from data_access.engine import create_schema, duckdb_path, is_duckdb, make_engine
from data_access.load_pipeline import CheckedAhead
from data_access.schema import DATA_TABLES, dataset_loads
from data_access.validate import DatasetCheck

#: Memory for each sort or hash of the load's merges and derived build, and for each index
#: build (PostgreSQL, this transaction only; loads run one at a time): the defaults (4 MB,
#: 64 MB) spill a 5,000,000-referral load's joins and index sorts to disk.
LOAD_WORK_MEM = "512MB"
LOAD_MAINTENANCE_WORK_MEM = "1GB"
#: What the database may raise while the rows are written.
DATABASE_ERRORS = (SQLAlchemyError, duckdb.Error, psycopg.Error)


class LoadError(RuntimeError):
    """The database could not be written; it was left as it was."""


@dataclass
class WrittenDataset:
    """What a load wrote.

    Attributes:
        load_id: the row recorded in ``dataset_loads``.
        database_rows: rows per table in the database afterwards.
        phases: seconds per phase, in order: prepare (schema, live file attached); read, check
            (both in the background thread) and write rows (this thread's own time), which overlap,
            and all rows (elapsed), the wall time of that pass; finish raw tables (PostgreSQL:
            deletes and ANALYZE; DuckDB upsert: old rows carried over); derived tables (PostgreSQL:
            with their indexes); indexes (PostgreSQL, raw tables the load created); record the
            load; commit (DuckDB: also the
            checkpoint and the swap).
    """

    load_id: int
    database_rows: dict[str, int]
    phases: dict[str, float] = field(default_factory=dict)


def write_checked_dataset(
    check: DatasetCheck, url: str, *, replace: bool, progress: ProgressCallback | None = None,
    loaded_by: str | None = None, started: float | None = None,
) -> WrittenDataset:
    """Check and write a dataset in one transaction (DuckDB: into a new file swapped in).

    ``loaded_by`` (the signed-in user, if any) and the seconds since ``started`` (``time.perf_counter``;
    default: this call) are recorded in the load history.

    Raises:
        DatasetInvalidError: the dataset breaks the contract (nothing written).
    """
    phases = _Phases()
    record = _LoadRecord(loaded_by, time.perf_counter() if started is None else started)

    def write(connection: Connection, live: str | None, deferred: DeferredIndexes | None = None) -> WrittenDataset:
        phases.lap("prepare")
        written = _write_rows(connection, check, replace=replace, keep_from=live, progress=progress,
                              deferred=deferred, phases=phases, record=record)
        return written

    if is_duckdb(url):
        path = duckdb_path(url)
        if path is None:
            raise LoadError("Loading needs a DuckDB file (duckdb:///path/to/file.duckdb), not an in-memory database.")
        written = build_and_swap(path, write)
        phases.lap("commit, checkpoint and swap")
        return written
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            create_schema(connection)  # in the transaction: a failed first load leaves no tables
            # Serialises loads; readers (plain SELECTs) are not blocked.
            connection.exec_driver_sql("LOCK TABLE dataset_loads IN EXCLUSIVE MODE")
            connection.exec_driver_sql(f"SET LOCAL work_mem = '{LOAD_WORK_MEM}'")
            connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{LOAD_MAINTENANCE_WORK_MEM}'")
            skip_reference_triggers(connection)
            # The derived tables are built anew and indexed after their rows (``derived/build.py``).
            written = write(connection, None, DeferredIndexes(connection, DATA_TABLES))
        phases.lap("commit")
        return written
    finally:
        engine.dispose()


class _Phases(dict[str, float]):
    """Seconds per phase, each lap timed from the end of the one before."""

    def __init__(self) -> None:
        super().__init__()
        self._since = time.perf_counter()

    def lap(self, phase: str) -> None:
        """Record the time since the last lap as ``phase``."""
        self[phase] = self.get(phase, 0.0) + self.take()

    def take(self) -> float:
        """The time since the last lap, starting the next one."""
        now = time.perf_counter()
        seconds, self._since = now - self._since, now
        return seconds



def _write_rows(
    connection: Connection,
    check: DatasetCheck,
    *,
    replace: bool,
    keep_from: str | None,
    progress: ProgressCallback | None,
    deferred: DeferredIndexes | None,
    phases: _Phases,
    record: _LoadRecord,
) -> WrittenDataset:
    writer = table_writer(connection, replace=replace, keep_from=keep_from)
    present: set[str] = set()
    failure: Exception | None = None
    ahead = CheckedAhead(check)  # rows are read and checked in a thread while this one writes
    with closing(ahead.tables()) as tables:
        for table, batches in tables:
            present.add(table.name)
            if failure is None and check.clean:
                try:
                    writer.write(table, with_progress(table.name, batches, progress))
                    if check.clean:
                        writer.merge(table)
                except DATABASE_ERRORS as error:
                    failure = error  # the dataset may be at fault: finish checking it before saying which
            for _ in batches:  # the rest of the file is still checked, so that every problem is reported
                pass
    check.raise_if_invalid()
    if failure is not None:
        raise failure
    elapsed = phases.take()
    phases.update({"read": check.seconds["read"], "check": check.seconds["check"],
                   "write rows": elapsed - ahead.waited, "all rows (elapsed)": elapsed})
    rows_read = sum(count for name, count in check.row_counts.items() if name in check.raw.names())
    _announce(progress, f"Checked {rows_read:,} rows: no problems")
    writer.finish(present)
    pa.default_memory_pool().release_unused()  # the batches are gone: give their memory back before the build
    phases.lap("finish raw tables")
    _announce(progress, "Building derived tables")
    built = rebuild_derived_tables(connection)
    _announce(progress, "Derived tables built: " + ", ".join(f"{name} {rows:,} rows" for name, rows in built.items()))
    phases.lap("derived tables")
    if deferred is not None and deferred.tables:
        _announce(progress, "Building the indexes of the new tables")
        deferred.create()
        phases.lap("indexes")
    load_id = _record_load(connection, check, "replace" if replace else "upsert", record)
    written = WrittenDataset(load_id, _database_rows(connection, check, replace=replace), phases)
    phases.lap("record the load")
    return written


def _database_rows(connection: Connection, check: DatasetCheck, *, replace: bool) -> dict[str, int]:
    """Rows per table after the load: a replace leaves exactly the dataset's (no need to count millions)."""
    if replace:
        return {table.name: check.row_counts.get(table.name, 0) for table in DATA_TABLES}
    return {
        table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in DATA_TABLES
    }


def _announce(progress: ProgressCallback | None, step: str) -> None:
    if progress is not None:
        progress(step, 0, 0)


@dataclass(frozen=True)
class _LoadRecord:
    """What the load history keeps beyond the dataset: who loaded it and when the load started."""

    loaded_by: str | None
    started: float


def _record_load(connection: Connection, check: DatasetCheck, mode: str, record: _LoadRecord) -> int:
    load_id = (connection.execute(select(func.max(dataset_loads.c.load_id))).scalar() or 0) + 1
    _, data_as_of = check.referral_date_range()
    connection.execute(insert(dataset_loads).values(
        load_id=load_id,
        loaded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        source=check.raw.source,
        mode=mode,
        row_counts=json.dumps(check.row_counts),
        synthetic=check.raw.synthetic,
        loaded_by=record.loaded_by,
        data_as_of=data_as_of,
        seconds=round(time.perf_counter() - record.started, 3),
    ))
    return load_id
