"""Rebuild every derived table from the raw tables, inside the caller's transaction.

A load calls this after writing the raw rows (DuckDB: into the new file before it
is swapped in; PostgreSQL: in the load's transaction). Anything else that writes raw
rows directly, such as a test, calls it afterwards.

PostgreSQL builds each table anew beside the live one (``CREATE TABLE … AS``, the one
way PostgreSQL runs an insert's query with parallel workers), with its index built and
its statistics gathered after the rows, then swaps the new tables in by name as the
build's last step. Readers keep reading the old tables (the new ones are invisible
until commit) and are held only from the swap to the commit, a few catalogue updates;
an exclusive lock taken at the start (TRUNCATE) would hold them for the whole load. At
5,000,000 referrals, rebuilding a loaded database this way took 94 s of server CPU against
106 s for DELETE then INSERT into the indexed tables, which also left the 19 million old
rows behind as dead tuples (tables twice their size until a vacuum). A first load into
empty tables costs about the same either way (146 against 150 s of server CPU for the whole
load). The swap keeps the old tables' grants.
Readers in REPEATABLE READ transactions begun before the commit would see the new tables
empty; the app's readers are single READ COMMITTED statements.

A database loaded before a derived table existed gets it with
``python -m data_access.derived.build [DATABASE_URL]`` (on a DuckDB file, while
the app is stopped: it writes the live file), or simply by loading again.
"""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    FromClause,
    Select,
    Table,
    case,
    cast,
    column,
    delete,
    func,
    insert,
    inspect,
    literal,
    select,
    table,
)

from data_access.derived.tables import (
    DERIVED_TABLES,
    need_records_linked,
    need_referral_links,
    referral_facts,
)
from data_access.engine import create_schema, database_url, make_engine
from data_access.need_links import need_records_linked_from_raw, need_referral_links_from_raw
from data_access.scope import referral_facts_from_raw
from vocabulary.definitions import CATEGORIES

#: The name a derived table is built under on PostgreSQL until the swap (its index's name too).
BUILD_SUFFIX = "__build"
#: Memory for each sort and hash of the PostgreSQL build (this transaction only; loads run one at
#: a time): at 5,000,000 referrals ``need_records_linked``'s sort of ten million rows needs about
#: 1.5 GB, and with the load's 512 MB it was written to disk and merged back (4 s more CPU).
BUILD_WORK_MEM = "2GB"
#: Settings for one table's build. The planner's parallel plan for ``need_records_linked`` has every
#: worker aggregate all the links again for its own hash table (45-57 s of CPU at 5,000,000
#: referrals, against 35 s in one process).
BUILD_SETTINGS: dict[str, dict[str, str]] = {need_records_linked.name: {"max_parallel_workers_per_gather": "0"}}


def _category_then_date(statement: Select) -> Select:
    """``referral_facts``' rows in the same order, (category, referral_date), sorted by one integer.

    PostgreSQL's sort compares its first key in place and goes to the row itself only on a tie; with
    six categories nearly every comparison tied and read the row (and compared text through the
    collation) to reach the date: at 5,000,000 referrals the select took 23.5 s of CPU against 16.6 s this way. As one
    integer, the category's rank (its place in sorted order) above the date's day number, every
    comparison stays in place and the rows come out in the same order (categories are the
    contract's six, which the table's check constraint holds it to; days fit in 32 bits).
    """
    columns = statement.selected_columns
    rank = case({category: place for place, category in enumerate(sorted(CATEGORIES))}, value=columns.category)
    days = columns.referral_date - cast(literal(dt.date(2000, 1, 1)), Date)
    return statement.order_by(None).order_by(cast(rank, BigInteger) * 2**32 + days)


def derived_rows_from_raw(links_table: FromClause = need_referral_links) -> dict[Table, Select]:
    """Each derived table and the select that gives its rows (over raw tables or derived ones built
    before it: ``links_table`` is where ``need_referral_links`` is read from)."""
    return {referral_facts: referral_facts_from_raw(), need_referral_links: need_referral_links_from_raw(),
            need_records_linked: need_records_linked_from_raw(links_table)}


def rebuild_derived_tables(connection: Connection) -> dict[str, int]:
    """Replace every derived table's rows with those recomputed from raw rows; rows written per table."""
    if connection.dialect.name == "postgresql":
        return _rebuild_postgresql(connection)
    statements = derived_rows_from_raw()
    written: dict[str, int] = {}
    for derived in DERIVED_TABLES:
        connection.execute(delete(derived))
        connection.execute(insert(derived).from_select([col.name for col in derived.columns], statements[derived]))
        written[derived.name] = connection.execute(select(func.count()).select_from(derived)).scalar_one()
    return written


def _rebuild_postgresql(connection: Connection) -> dict[str, int]:
    """Build every derived table under its build name, then swap them all in (see the module's docstring)."""
    connection.exec_driver_sql(f"SET LOCAL work_mem = '{BUILD_WORK_MEM}'")
    built = {derived.name: _build_name(derived.name) for derived in DERIVED_TABLES}
    links_build = table(built[need_referral_links.name],
                        *(column(col.name, col.type) for col in need_referral_links.columns))
    statements = derived_rows_from_raw(links_build)
    statements[referral_facts] = _category_then_date(statements[referral_facts])
    written: dict[str, int] = {}
    for derived in DERIVED_TABLES:
        name = built[derived.name]
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")  # only a crashed build outside a transaction
        query = str(statements[derived].compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
        settings = BUILD_SETTINGS.get(derived.name, {})
        before = {setting: _setting(connection, setting) for setting in settings}
        for setting, value in settings.items():
            connection.exec_driver_sql("SELECT set_config(%s, %s, true)", (setting, value))
        written[derived.name] = _fill(connection, derived, name, query)
        for setting, value in before.items():
            connection.exec_driver_sql("SELECT set_config(%s, %s, true)", (setting, value))
        for index in derived.indexes:
            keys = ", ".join(col.name for col in index.columns)
            connection.exec_driver_sql(f"CREATE INDEX {_build_name(index.name)} ON {name} ({keys})")
        connection.exec_driver_sql(f"ANALYZE {name}")
    for derived in DERIVED_TABLES:  # the swap: from here to the commit, readers of these tables wait
        name = built[derived.name]
        _copy_grants(connection, derived.name, name)
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {derived.name}")
        connection.exec_driver_sql(f"ALTER TABLE {name} RENAME TO {derived.name}")
        for index in derived.indexes:
            connection.exec_driver_sql(f"ALTER INDEX {_build_name(index.name)} RENAME TO {index.name}")
    return written


def _fill(connection: Connection, derived: Table, name: str, query: str) -> int:
    """Create the build table ``name`` of ``derived`` holding the rows of ``query``; the rows written.

    A table whose plan may go parallel is made by CREATE TABLE … AS (PostgreSQL 15 runs no other
    insert's query in parallel), and its NOT NULL columns marked afterwards, which reads every new
    row again (3 s of CPU for ``need_records_linked`` at 5,000,000 referrals). A table built in one
    process anyway (``BUILD_SETTINGS``) is created with its NOT NULL columns and filled by INSERT.
    """
    columns = ", ".join(col.name for col in derived.columns)
    if BUILD_SETTINGS.get(derived.name, {}).get("max_parallel_workers_per_gather") == "0":
        definitions = ", ".join(f"{col.name} {col.type.compile(dialect=connection.dialect)}"
                                f"{'' if col.nullable else ' NOT NULL'}" for col in derived.columns)
        connection.exec_driver_sql(f"CREATE TABLE {name} ({definitions})")
        return connection.exec_driver_sql(f"INSERT INTO {name} ({columns}) {query}").rowcount
    rows = connection.exec_driver_sql(f"CREATE TABLE {name} ({columns}) AS {query}").rowcount
    required = [f"ALTER COLUMN {col.name} SET NOT NULL" for col in derived.columns if not col.nullable]
    if required:
        connection.exec_driver_sql(f"ALTER TABLE {name} {', '.join(required)}")
    return rows


def _setting(connection: Connection, setting: str) -> str:
    return connection.exec_driver_sql("SELECT current_setting(%s)", (setting,)).scalar_one()


def _build_name(name: str | None) -> str:
    return f"{name}{BUILD_SUFFIX}"


def _copy_grants(connection: Connection, live: str, build: str) -> None:
    """Grant on the new table what other roles had on the live one (a read-only role, say)."""
    grants = connection.exec_driver_sql(
        "SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END, "
        "acl.privilege_type FROM pg_class AS live, aclexplode(live.relacl) AS acl "
        "WHERE live.oid = to_regclass(%s) AND acl.grantee <> live.relowner",
        (live,),
    ).all()
    for grantee, privilege in grants:
        connection.exec_driver_sql(f"GRANT {privilege} ON {build} TO {grantee}")


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
