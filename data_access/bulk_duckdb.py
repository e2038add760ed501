"""DuckDB bulk path: insert registered Arrow chunks; upsert by carrying old rows into a new file.

DuckDB cannot update a row whose key other tables reference when the update
touches an indexed column (it deletes and re-inserts), so ``ON CONFLICT DO
UPDATE`` fails for people and interventions. Loads therefore always write a
new file (see ``duckdb_file.py``): to upsert, old rows the dataset does not
replace are copied from the live file, then the dataset's rows are inserted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd
import pyarrow as pa
from sqlalchemy import Connection, Table

from data_access.bulk_sql import column_list, replaced_by


def insert_duckdb(
    connection: Connection,
    table: Table,
    chunks: Iterable[tuple[int, pa.Table]],
    *,
    keep_from: str | None,
    dataset: dict[str, pd.DataFrame],
) -> Iterator[int]:
    """Insert the chunks into ``table``; yield the rows done after each.

    Args:
        connection: a transaction on the new (empty) DuckDB file.
        table: the table written.
        chunks: (rows done, Arrow rows) pairs.
        keep_from: the attached live database to carry unreplaced rows from, if upserting.
        dataset: the whole validated dataset (decides which old rows are replaced).
    """
    driver = connection.connection.driver_connection
    names = column_list(table)
    if keep_from is not None:
        _keep_old_rows(driver, table, keep_from, dataset)
    for done, chunk in chunks:
        # No unregister on failure: the aborted transaction would refuse it and hide the cause.
        driver.register("incoming_rows", chunk)
        driver.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM incoming_rows")
        driver.unregister("incoming_rows")
        yield done


def keep_whole_table(connection: Connection, table: Table, live: str) -> None:
    """Upsert without this file in the dataset: every old row of ``table`` is kept."""
    names = column_list(table)
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {live}.{table.name}")


def _keep_old_rows(driver: object, table: Table, live: str, dataset: dict[str, pd.DataFrame]) -> None:
    decider, keys = replaced_by(table)
    driver.register("replacing_keys", dataset[decider].loc[:, list(keys)])  # type: ignore[attr-defined]
    matched = " AND ".join(f"replacing.{key} = old.{key}" for key in keys)
    driver.execute(  # type: ignore[attr-defined]
        f"INSERT INTO {table.name} ({column_list(table)}) SELECT {column_list(table, 'old.')} "
        f"FROM {live}.{table.name} AS old "
        f"WHERE NOT EXISTS (SELECT 1 FROM replacing_keys AS replacing WHERE {matched})"
    )
    driver.unregister("replacing_keys")  # type: ignore[attr-defined]
