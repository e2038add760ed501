"""PostgreSQL bulk path: COPY in CSV form, through a staging table when rows must be merged.

Foreign-key triggers cost more than everything else in a large load (a check
per row per reference, and per deleted parent). The validator has already
checked every reference inside the dataset, and a load never deletes a
parent without its children, so when the role may do so the load turns the
triggers off for its own transaction (``SET LOCAL session_replication_role``,
as ``pg_restore --disable-triggers`` does). Otherwise PostgreSQL checks them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Connection, Table, delete, exists, select
from sqlalchemy.exc import DBAPIError

from data_access.bulk_sql import column_list, upsert_sql
from data_access.schema import intervention_needs


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


def copy_postgres(
    connection: Connection,
    table: Table,
    chunks: Iterable[tuple[int, pa.Table]],
    *,
    upsert: bool,
    dataset: dict[str, pd.DataFrame],
) -> Iterator[int]:
    """COPY the chunks into ``table`` (merging by key when upserting into a non-empty table).

    Yields the rows done after each chunk.
    """
    if upsert and table is intervention_needs:
        codes = dataset["interventions"]["intervention_code"].tolist()
        connection.execute(delete(intervention_needs).where(intervention_needs.c.intervention_code.in_(codes)))
    merge = upsert and bool(connection.execute(select(exists().select_from(table))).scalar())
    driver = connection.connection.driver_connection
    target = f"incoming_{table.name}" if merge else table.name
    with driver.cursor() as cursor:
        if merge:
            cursor.execute(f"CREATE TEMPORARY TABLE {target} (LIKE {table.name}) ON COMMIT DROP")
        with cursor.copy(f"COPY {target} ({column_list(table)}) FROM STDIN (FORMAT csv)") as copy:
            for done, chunk in chunks:
                buffer = io.BytesIO()
                pa_csv.write_csv(chunk, buffer, pa_csv.WriteOptions(include_header=False))
                copy.write(buffer.getbuffer())
                yield done
        if merge:
            cursor.execute(upsert_sql(table, target))
            cursor.execute(f"DROP TABLE {target}")
        cursor.execute(f"ANALYZE {table.name}")
