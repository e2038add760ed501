"""Rebuild every derived table from the raw tables, inside the caller's transaction.

A load calls this after writing the raw rows (DuckDB: into the new file before it
is swapped in; PostgreSQL: in the load's transaction, with DELETE rather than
TRUNCATE so that readers are never locked out). Anything else that writes raw
rows directly, such as a test, calls it afterwards.
"""

from __future__ import annotations

from sqlalchemy import Connection, Select, Table, delete, insert

from data_access.derived.tables import DERIVED_TABLES, need_referral_links
from data_access.need_links import need_referral_links_from_raw


def derived_rows_from_raw() -> dict[Table, Select]:
    """Each derived table and the select over raw tables that gives its rows."""
    return {need_referral_links: need_referral_links_from_raw()}


def rebuild_derived_tables(connection: Connection) -> dict[str, int]:
    """Replace every derived table's rows with those recomputed from raw rows; rows written per table."""
    statements = derived_rows_from_raw()
    written: dict[str, int] = {}
    for table in DERIVED_TABLES:
        connection.execute(delete(table))
        rows = statements[table]
        result = connection.execute(insert(table).from_select([column.name for column in table.columns], rows))
        written[table.name] = result.rowcount
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"ANALYZE {table.name}")
    return written
