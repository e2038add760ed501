"""Bulk writes of validated tables: DuckDB inserts from Arrow, PostgreSQL COPY.

Row-by-row inserts take minutes for a million referrals; these paths take
seconds. Both run inside the caller's transaction, parents before children.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing

import pandas as pd
import pyarrow as pa
from sqlalchemy import Connection, Date, Integer, Table

from data_access.bulk_duckdb import insert_duckdb, keep_whole_table
from data_access.bulk_postgres import write_postgres
from data_access.schema import DATA_TABLES

#: Rows written per step; progress is reported after each.
CHUNK_ROWS = 200_000

#: Called as ``progress(step, rows_done, rows_total)``; step is a table name while writing.
ProgressCallback = Callable[[str, int, int], None]


def arrow_table(rows: pd.DataFrame, table: Table) -> pa.Table:
    """The rows as Arrow with the database column types (dates as date32, missing as null)."""
    arrays = []
    for column in table.columns:
        values = pa.array(rows[column.name], from_pandas=True)
        if isinstance(column.type, Date):
            values = values.cast(pa.date32())
        elif isinstance(column.type, Integer):
            values = values.cast(pa.int64())
        else:
            values = values.cast(pa.string())
        arrays.append(values)
    return pa.table(arrays, names=[column.name for column in table.columns])


def chunks(rows: pa.Table) -> Iterator[tuple[int, pa.Table]]:
    """Slices of ``CHUNK_ROWS`` rows with the running row count (one empty slice for no rows)."""
    for offset in range(0, max(rows.num_rows, 1), CHUNK_ROWS):
        chunk = rows.slice(offset, CHUNK_ROWS)
        yield offset + chunk.num_rows, chunk


def write_tables(
    connection: Connection,
    tables: dict[str, pd.DataFrame],
    *,
    replace: bool,
    keep_from: str | None = None,
    progress: ProgressCallback | None = None,
) -> None:
    """Write every table of a validated dataset in the caller's transaction.

    Upserting (not ``replace``) updates rows with the same primary key and keeps
    the others; an intervention's needs are replaced by those in the dataset
    (its list of needs is part of its row in interventions.csv). Replacing
    leaves exactly the dataset's rows.

    Args:
        connection: an open transaction on the target database.
        tables: the validated dataset's tables.
        replace: replace the previous dataset instead of upserting.
        keep_from: DuckDB only: the attached live database whose rows an upsert
            carries over into the new, empty file.
        progress: called after each chunk of rows.
    """
    rows = {table.name: arrow_table(tables[table.name], table) for table in DATA_TABLES if table.name in tables}

    def report(name: str, steps: Iterator[int], total: int) -> None:
        # closing(): if progress raises, the writer's COPY or insert ends before the rollback.
        with closing(steps):
            for done in steps:
                if progress is not None:
                    progress(name, done, total)

    if connection.dialect.name == "postgresql":
        write_postgres(connection, rows, chunks, replace=replace, report=report)
        return
    keep_from = None if replace else keep_from
    for table in DATA_TABLES:
        if table.name in rows:
            steps = insert_duckdb(connection, table, chunks(rows[table.name]), keep_from=keep_from, dataset=tables)
            report(table.name, steps, rows[table.name].num_rows)
        elif keep_from is not None:
            keep_whole_table(connection, table, keep_from)
