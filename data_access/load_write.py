"""Write a validated dataset to DuckDB or PostgreSQL in one transaction, and record the load.

DuckDB: a new file built beside the live one and swapped in (``duckdb_file.py``).
PostgreSQL: one transaction that merges the dataset into the tables
(``bulk_postgres.py``); ``--replace`` deletes rows the dataset no longer has,
children before parents (DELETE, not TRUNCATE, whose exclusive lock would
block the app's readers).
Either way the derived tables are rebuilt from the raw rows in the same
transaction (``derived/build.py``), and readers see the old data until the load commits.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, func, insert, select

from data_access.bulk import ProgressCallback, write_tables
from data_access.bulk_postgres import skip_reference_triggers
from data_access.derived.build import rebuild_derived_tables
from data_access.duckdb_file import build_and_swap
from data_access.engine import create_schema, duckdb_path, is_duckdb, make_engine
from data_access.schema import DATA_TABLES, dataset_loads
from data_access.validate import ValidDataset


class LoadError(RuntimeError):
    """The database could not be written; it was left as it was."""


def write_valid_dataset(
    valid: ValidDataset, url: str, *, replace: bool, progress: ProgressCallback | None = None
) -> tuple[int, dict[str, int]]:
    """Write a validated dataset in one transaction (DuckDB: into a new file swapped in).

    Returns:
        The new load id and the rows per table in the database afterwards.
    """
    def write(connection: Connection, live: str | None) -> tuple[int, dict[str, int]]:
        return _write_rows(connection, valid, replace=replace, keep_from=live, progress=progress)

    if is_duckdb(url):
        path = duckdb_path(url)
        if path is None:
            raise LoadError("Loading needs a DuckDB file (duckdb:///path/to/file.duckdb), not an in-memory database.")
        return build_and_swap(path, write)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            create_schema(connection)  # in the transaction: a failed first load leaves no tables
            # Serialises loads; readers (plain SELECTs) are not blocked.
            connection.exec_driver_sql("LOCK TABLE dataset_loads IN EXCLUSIVE MODE")
            skip_reference_triggers(connection)
            return write(connection, None)
    finally:
        engine.dispose()


def _write_rows(
    connection: Connection,
    valid: ValidDataset,
    *,
    replace: bool,
    keep_from: str | None,
    progress: ProgressCallback | None,
) -> tuple[int, dict[str, int]]:
    write_tables(connection, valid.tables, replace=replace, keep_from=keep_from, progress=progress)
    if progress is not None:
        progress("Building derived tables", 0, 0)
    built = rebuild_derived_tables(connection)
    if progress is not None:
        progress("Derived tables built: " + ", ".join(f"{name} {rows:,} rows" for name, rows in built.items()), 0, 0)
    load_id = _record_load(connection, valid, "replace" if replace else "upsert")
    counts = {
        table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in DATA_TABLES
    }
    return load_id, counts


def _record_load(connection: Connection, valid: ValidDataset, mode: str) -> int:
    load_id = (connection.execute(select(func.max(dataset_loads.c.load_id))).scalar() or 0) + 1
    connection.execute(insert(dataset_loads).values(
        load_id=load_id,
        loaded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        source=valid.source,
        mode=mode,
        row_counts=json.dumps(valid.row_counts),
        synthetic=valid.synthetic,
    ))
    return load_id
