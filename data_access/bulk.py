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

from data_access.bulk_duckdb import insert_duckdb
from data_access.bulk_postgres import copy_postgres
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
    upsert: bool,
    keep_from: str | None = None,
    progress: ProgressCallback | None = None,
) -> None:
    """Write every table of a validated dataset, parents first, in the caller's transaction.

    Upserting replaces rows with the same primary key and keeps the others; an
    intervention's needs are replaced by those in the dataset (its list of
    needs is part of its row in interventions.csv).

    Args:
        connection: an open transaction on the target database.
        tables: the validated dataset's tables.
        upsert: merge into existing rows by key instead of adding to empty tables.
        keep_from: DuckDB only: the attached database whose rows are carried
            over into the new, empty file (the DuckDB way to upsert).
        progress: called after each chunk of rows.
    """
    postgres = connection.dialect.name == "postgresql"
    for table in DATA_TABLES:
        if table.name not in tables:
            continue
        rows = arrow_table(tables[table.name], table)
        if postgres:
            steps = copy_postgres(connection, table, chunks(rows), upsert=upsert, dataset=tables)
        else:
            steps = insert_duckdb(connection, table, chunks(rows), keep_from=keep_from if upsert else None,
                                  dataset=tables)
        # closing(): if progress raises, the writer's COPY or insert is ended before the rollback.
        with closing(steps):
            for done in steps:
                if progress is not None:
                    progress(table.name, done, rows.num_rows)
