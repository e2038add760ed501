"""Bulk writes of a dataset's typed batches: DuckDB inserts from Arrow, PostgreSQL COPY.

Row-by-row inserts take minutes for a million referrals; these paths take
seconds. Both run inside the caller's transaction, parents before children, and
take each table's rows batch by batch as the validator hands them over
(``validate.DatasetCheck``), so the dataset is never held in memory whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import pyarrow as pa
from sqlalchemy import Connection, Table

from data_access.bulk_duckdb import DuckdbWriter
from data_access.bulk_postgres import PostgresWriter

#: Called as ``progress(step, rows_done, rows_total)``; step is a table name while writing,
#: and rows_total is 0 when the total is not known yet (a file read batch by batch).
ProgressCallback = Callable[[str, int, int], None]


class TableWriter(Protocol):
    """Writes a dataset's tables into one transaction: ``write`` then ``merge`` per table, ``finish`` once."""

    def write(self, table: Table, batches: Iterable[pa.Table]) -> None:
        """Write the table's rows (PostgreSQL: into a staging table when the table already has rows)."""

    def merge(self, table: Table) -> None:
        """Bring staged rows into the table, once they are known to be valid."""

    def finish(self, present: set[str]) -> None:
        """After the last table: remove or keep the rows the dataset does not have, build deferred indexes."""


def table_writer(connection: Connection, *, replace: bool, keep_from: str | None = None) -> TableWriter:
    """The writer for the connection's database.

    Args:
        connection: an open transaction on the target database.
        replace: replace the previous dataset instead of upserting by key.
        keep_from: DuckDB only: the attached live database whose rows an upsert
            carries over into the new, empty file.
    """
    if connection.dialect.name == "postgresql":
        return PostgresWriter(connection, replace=replace)
    return DuckdbWriter(connection, keep_from=None if replace else keep_from)


def with_progress(name: str, batches: Iterable[pa.Table], progress: ProgressCallback | None) -> Iterator[pa.Table]:
    """The batches, reporting the rows done after each has been written."""
    done = 0
    for batch in batches:
        yield batch
        done += batch.num_rows
        if progress is not None:
            progress(name, done, 0)
