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
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Connection, Table, exists, select
from sqlalchemy.exc import DBAPIError

from data_access.bulk_sql import column_list, delete_absent_sql, insert_new_sql, update_changed_sql
from data_access.schema import DATA_TABLES, intervention_needs

#: Runs one table's write, reporting progress: ``report(table_name, rows_done_steps, rows_total)``.
Reporter = Callable[[str, Iterator[int], int], None]


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


def write_postgres(
    connection: Connection,
    rows: dict[str, pa.Table],
    chunks: Callable[[pa.Table], Iterable[tuple[int, pa.Table]]],
    *,
    replace: bool,
    report: Reporter,
) -> None:
    """Write the dataset's tables: COPY into empty tables, merge into the others.

    Args:
        connection: the load's transaction.
        rows: table name -> Arrow rows with the table's columns.
        chunks: splits a table into (rows done, chunk) pairs for progress.
        replace: also delete rows (and whole tables) the dataset does not have.
        report: runs each COPY, reporting its progress.
    """
    cursor = connection.connection.driver_connection.cursor()
    staged: set[str] = set()
    for table in DATA_TABLES:
        if table.name not in rows:
            continue
        if connection.execute(select(exists().select_from(table))).scalar():
            staged.add(table.name)
            _stage(cursor, table, rows[table.name], chunks, report)
            cursor.execute(update_changed_sql(table, f"incoming_{table.name}"))
            cursor.execute(insert_new_sql(table, f"incoming_{table.name}"))
        else:
            report(table.name, _copy(cursor, table, table.name, chunks(rows[table.name])), rows[table.name].num_rows)
    for table in reversed(DATA_TABLES):
        if replace and table.name not in rows:
            cursor.execute(f"DELETE FROM {table.name}")
        elif replace and table.name in staged:
            cursor.execute(delete_absent_sql(table, f"incoming_{table.name}"))
        elif table is intervention_needs and table.name in staged:
            _delete_dropped_needs(cursor, rows["interventions"])
    for table in DATA_TABLES:
        cursor.execute(f"ANALYZE {table.name}")
    cursor.close()


def _stage(cursor: object, table: Table, rows: pa.Table,
           chunks: Callable[[pa.Table], Iterable[tuple[int, pa.Table]]], report: Reporter) -> None:
    staging = f"incoming_{table.name}"
    cursor.execute(f"CREATE TEMPORARY TABLE {staging} (LIKE {table.name}) ON COMMIT DROP")  # type: ignore[attr-defined]
    report(table.name, _copy(cursor, table, staging, chunks(rows)), rows.num_rows)
    cursor.execute(f"ANALYZE {staging}")  # type: ignore[attr-defined]


def _copy(cursor: object, table: Table, target: str, chunks: Iterable[tuple[int, pa.Table]]) -> Iterator[int]:
    with cursor.copy(f"COPY {target} ({column_list(table)}) FROM STDIN (FORMAT csv)") as copy:  # type: ignore[attr-defined]
        for done, chunk in chunks:
            buffer = io.BytesIO()
            pa_csv.write_csv(chunk, buffer, pa_csv.WriteOptions(include_header=False))
            copy.write(buffer.getbuffer())
            yield done


def _delete_dropped_needs(cursor: object, interventions: pa.Table) -> None:
    """Upsert: an intervention in the dataset keeps only the needs its list now names."""
    cursor.execute(  # type: ignore[attr-defined]
        "DELETE FROM intervention_needs AS kept WHERE kept.intervention_code = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM incoming_intervention_needs AS incoming WHERE incoming.intervention_code = "
        "kept.intervention_code AND incoming.need_code = kept.need_code)",
        [interventions.column("intervention_code").to_pylist()],
    )
