"""Rebuild every derived table from the raw tables, inside the caller's transaction.

A load calls this after writing the raw rows (DuckDB: into the new file before it
is swapped in; PostgreSQL: in the load's transaction, with DELETE rather than
TRUNCATE so that readers are never locked out). Anything else that writes raw
rows directly, such as a test, calls it afterwards.

A database loaded before a derived table existed gets it with
``python -m data_access.derived.build [DATABASE_URL]`` (on a DuckDB file, while
the app is stopped: it writes the live file), or simply by loading again.
"""

from __future__ import annotations

import sys

from sqlalchemy import Connection, Select, Table, delete, func, insert, inspect, select

from data_access.derived.tables import (
    DERIVED_TABLES,
    need_records_linked,
    need_referral_links,
    referral_facts,
)
from data_access.engine import create_schema, database_url, make_engine
from data_access.need_links import need_records_linked_from_raw, need_referral_links_from_raw
from data_access.scope import referral_facts_from_raw


def derived_rows_from_raw() -> dict[Table, Select]:
    """Each derived table and the select that gives its rows (over raw tables or derived ones built before it)."""
    return {referral_facts: referral_facts_from_raw(), need_referral_links: need_referral_links_from_raw(), need_records_linked: need_records_linked_from_raw()}


def rebuild_derived_tables(connection: Connection) -> dict[str, int]:
    """Replace every derived table's rows with those recomputed from raw rows; rows written per table."""
    statements = derived_rows_from_raw()
    written: dict[str, int] = {}
    for table in DERIVED_TABLES:
        connection.execute(delete(table))
        rows = statements[table]
        inserted = connection.execute(insert(table).from_select([column.name for column in table.columns], rows)
                                      .execution_options(preserve_rowcount=True))
        if connection.dialect.name == "postgresql":
            written[table.name] = inserted.rowcount  # counting again would read ten million rows
            connection.exec_driver_sql(f"ANALYZE {table.name}")
        else:
            written[table.name] = connection.execute(select(func.count()).select_from(table)).scalar_one()
    return written


def main(argv: list[str]) -> int:
    """Rebuild the derived tables of the database at ``argv[0]`` (default: ``DATABASE_URL``) in one transaction.

    With ``--if-missing``, do nothing when every derived table already exists (``make run`` uses it,
    so a sample database built before the derived tables gets them once).
    """
    if_missing = "--if-missing" in argv
    urls = [arg for arg in argv if arg != "--if-missing"]
    engine = make_engine(urls[0] if urls else database_url())
    if if_missing and all(inspect(engine).has_table(table.name) for table in DERIVED_TABLES):
        engine.dispose()
        return 0
    try:
        with engine.begin() as connection:
            create_schema(connection)
            for name, count in rebuild_derived_tables(connection).items():
                print(f"{name}: {count:,} rows")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
