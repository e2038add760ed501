"""PostgreSQL bulk path: COPY, then set-based merges, all in the caller's transaction.

An empty table is filled straight from COPY. A table that already holds rows is
synchronised from a staging copy: rows whose values changed are updated, new
keys inserted and, when replacing, keys the dataset no longer has deleted
(children first). Unchanged rows are not touched, so reloading a large dataset
rewrites only what changed, and readers are never locked out (no TRUNCATE).

Foreign-key triggers cost more than everything else in a large load (a check
per row per reference, and per deleted parent). The validator has already
checked every reference inside the dataset, and rows are written parents first
and deleted children first, so when the role may do so the load turns the
triggers off for its own transaction (``SET LOCAL session_replication_role``,
as ``pg_restore --disable-triggers`` does). Otherwise PostgreSQL checks them.

Indexes cost the next most: COPY into an indexed table inserts into every index
row by row (at 5,000,000 referrals, more than the COPY itself). A table this
transaction created is invisible to every other session until commit, so its
indexes (and its primary key, when no foreign key needs it) are dropped before the
COPY and built once afterwards, sorted, in the same transaction (``DeferredIndexes``),
as pg_restore does. Tables that existed before keep theirs: dropping an index
would lock readers out until the load commits.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Connection, Table, exists, select
from sqlalchemy.exc import DBAPIError

from data_access.bulk_sql import column_list, delete_absent_sql, insert_new_sql, update_changed_sql
from data_access.schema import DATA_TABLES, intervention_needs, metadata


def skip_reference_triggers(connection: Connection) -> bool:
    """Turn off foreign-key triggers until the transaction ends, if the role is allowed to.

    Returns:
        Whether they were turned off (False: PostgreSQL checks every reference).
    """
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    except DBAPIError:
        return False
    return True


class DeferredIndexes:
    """The indexes of tables created by this transaction, dropped now and built again by ``create``."""

    def __init__(self, connection: Connection, tables: Iterable[Table]) -> None:
        self.connection = connection
        created = _created_here(connection, [table.name for table in tables])
        self.tables = [table for table in tables if table.name in created]
        referenced = {key.column.table.name for table in metadata.tables.values() for key in table.foreign_keys}
        self._keys: dict[str, tuple[str, str]] = {}
        for table in self.tables:
            for index in table.indexes:
                index.drop(connection)
            if table.name not in referenced and table.primary_key.columns:
                name = connection.exec_driver_sql(
                    "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'",
                    (table.name,),
                ).scalar_one()
                connection.exec_driver_sql(f"ALTER TABLE {table.name} DROP CONSTRAINT {name}")
                self._keys[table.name] = (name, ", ".join(column.name for column in table.primary_key.columns))

    def create(self) -> None:
        """Build the dropped primary keys and indexes (each from a sort of the whole table)."""
        for table in self.tables:
            if table.name in self._keys:
                name, columns = self._keys[table.name]
                self.connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD CONSTRAINT {name} PRIMARY KEY ({columns})")
            for index in table.indexes:
                index.create(self.connection)


def _created_here(connection: Connection, names: list[str]) -> set[str]:
    """Which of the tables (in the current schema) this transaction created."""
    rows = connection.exec_driver_sql(
        "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
        "AND relname = ANY(%s) AND xmin = pg_current_xact_id()::xid",
        (names,),
    )
    return {name for (name,) in rows}


class PostgresWriter:
    """COPY into empty tables, or into staging tables merged by key into tables that have rows."""

    def __init__(self, connection: Connection, *, replace: bool) -> None:
        self.connection = connection
        self.replace = replace
        self._cursor = connection.connection.driver_connection.cursor()
        self._staged: set[str] = set()
        self._intervention_codes: list[str] = []

    def write(self, table: Table, batches: Iterable[pa.Table]) -> None:
        """COPY the rows, straight into the table if it is empty, else into a staging table."""
        target = table.name
        if self.connection.execute(select(exists().select_from(table))).scalar():
            target = f"incoming_{table.name}"
            self._staged.add(table.name)
            self._cursor.execute(f"CREATE TEMPORARY TABLE {target} (LIKE {table.name}) ON COMMIT DROP")
        with self._cursor.copy(f"COPY {target} ({column_list(table)}) FROM STDIN (FORMAT csv)") as copy:
            for batch in batches:
                buffer = io.BytesIO()
                pa_csv.write_csv(batch, buffer, pa_csv.WriteOptions(include_header=False))
                copy.write(buffer.getbuffer())
                if table.name == "interventions":
                    self._intervention_codes += batch.column("intervention_code").to_pylist()

    def merge(self, table: Table) -> None:
        """Update changed rows and insert new ones from the staging table, if the table was staged."""
        if table.name not in self._staged:
            return
        staging = f"incoming_{table.name}"
        self._cursor.execute(f"ANALYZE {staging}")
        self._cursor.execute(update_changed_sql(table, staging))
        self._cursor.execute(insert_new_sql(table, staging))

    def finish(self, present: set[str]) -> None:
        """Replace: delete what the dataset no longer has (children first). Upsert: an intervention
        keeps only the needs its list now names. Then refresh the planner's statistics."""
        for table in reversed(DATA_TABLES):
            if self.replace and table.name not in present:
                self._cursor.execute(f"DELETE FROM {table.name}")
            elif self.replace and table.name in self._staged:
                self._cursor.execute(delete_absent_sql(table, f"incoming_{table.name}"))
            elif table is intervention_needs and table.name in self._staged:
                self._cursor.execute(
                    "DELETE FROM intervention_needs AS kept WHERE kept.intervention_code = ANY(%s) AND NOT EXISTS "
                    "(SELECT 1 FROM incoming_intervention_needs AS incoming WHERE incoming.intervention_code = "
                    "kept.intervention_code AND incoming.need_code = kept.need_code)",
                    [self._intervention_codes],
                )
        for table in DATA_TABLES:
            self._cursor.execute(f"ANALYZE {table.name}")
        self._cursor.close()
