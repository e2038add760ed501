"""DuckDB bulk path: insert registered Arrow batches; upsert by carrying old rows into a new file.

DuckDB cannot update a row whose key other tables reference when the update
touches an indexed column (it deletes and re-inserts), so ``ON CONFLICT DO
UPDATE`` cannot upsert people and interventions. Loads therefore always write a
new file (see ``duckdb_file.py``): the dataset's rows are inserted, then, to
upsert, the old rows the dataset does not replace are copied from the live file.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
from sqlalchemy import Connection, Table

from data_access.bulk_sql import column_list, replaced_by
from data_access.schema import DATA_TABLES


class DuckdbWriter:
    """Writes into a new DuckDB file; an upsert carries the live file's other rows over at the end."""

    def __init__(self, connection: Connection, *, keep_from: str | None) -> None:
        self.connection = connection
        self.keep_from = keep_from
        self._driver = connection.connection.driver_connection

    def write(self, table: Table, batches: Iterable[pa.Table]) -> None:
        """Insert each batch (registered as an Arrow table: no copy through Python)."""
        names = column_list(table)
        for batch in batches:
            # No unregister on failure: the aborted transaction would refuse it and hide the cause.
            self._driver.register("incoming_rows", batch)
            self._driver.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM incoming_rows")
            self._driver.unregister("incoming_rows")

    def merge(self, table: Table) -> None:
        """Commit the table's rows: no one else sees the new file until it is swapped in, and
        uncommitted rows stay in memory (DuckDB does not count them against its memory limit)."""
        self.connection.commit()

    def finish(self, present: set[str]) -> None:
        """Upsert: copy the live file's rows that the dataset does not replace (children first, so an
        intervention's needs are judged against the dataset's interventions alone)."""
        if self.keep_from is None:
            return
        for table in reversed(DATA_TABLES):
            names = column_list(table)
            if table.name not in present:
                self.connection.exec_driver_sql(
                    f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {self.keep_from}.{table.name}"
                )
                continue
            decider, keys = replaced_by(table)
            matched = " AND ".join(f"replacing.{key} = old.{key}" for key in keys)
            self.connection.exec_driver_sql(
                f"INSERT INTO {table.name} ({names}) SELECT {column_list(table, 'old.')} "
                f"FROM {self.keep_from}.{table.name} AS old "
                f"WHERE NOT EXISTS (SELECT 1 FROM {decider} AS replacing WHERE {matched})"
            )
        self.connection.commit()
