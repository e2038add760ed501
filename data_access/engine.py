"""Database URLs and engines for DuckDB (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url

from data_access.derived import tables as derived_tables  # noqa: F401 - puts the derived tables on the metadata
from data_access.schema import DATASET_LOADS_ADDED_COLUMNS, dataset_loads, metadata

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = REPO_ROOT / "data" / "interventions.duckdb"


#: Work memory per PostgreSQL sort or hash in the app's sessions.
POSTGRES_WORK_MEM = "64MB"


class DatabaseMissingError(RuntimeError):
    """The configured database does not exist or holds no loaded dataset."""


def database_url() -> str:
    """The app's database: ``DATABASE_URL``, or the sample DuckDB file built by ``make run``."""
    return os.environ.get("DATABASE_URL") or f"duckdb:///{DEFAULT_DATABASE_PATH}"


def is_duckdb(url: str) -> bool:
    """Whether ``url`` names a DuckDB database."""
    return make_url(url).get_backend_name() == "duckdb"


def duckdb_path(url: str) -> Path | None:
    """The file behind a DuckDB URL, or None for in-memory or non-DuckDB URLs."""
    if not is_duckdb(url):
        return None
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


@functools.lru_cache(maxsize=64)
def _duckdb_file(url: URL) -> Path | None:
    # Every cached result asks for the data version, several times a view: parse the URL once.
    return duckdb_path(url.render_as_string(hide_password=False))


def with_search_path(url: str, schema: str) -> str:
    """A PostgreSQL URL whose connections use ``schema`` (through libpq's ``options``)."""
    changed = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return changed.render_as_string(hide_password=False)


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """Create an engine; the app opens DuckDB read-only so loads never contend for its lock."""
    if is_duckdb(url):
        path = duckdb_path(url)
        if read_only and path is not None and not path.exists():
            raise DatabaseMissingError(
                f"No database at {path}. Run `make run` (it builds the sample database) "
                "or load your own data with `python -m data_access.load PATH`."
            )
        connect_args = {"read_only": True} if read_only and path is not None else {}
        return create_engine(url, connect_args=connect_args)
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", _set_session)
    return engine


def _set_session(dbapi_connection: object, _record: object) -> None:
    """Session settings for the app's aggregate queries.

    - Work memory: aggregates over millions of rows de-duplicate ids and hash by day and
      PDU; the default 4 MB spills them to disk in batches.
    - No JIT compilation: PostgreSQL compiles any query its planner costs above
      ``jit_above_cost``, which every national query is, and spent 0.3–1 s of a 1–2.5 s
      query at a million referrals compiling expressions the query then ran once
      (query timings at 1,000,000 referrals, December 2026, JIT on against off).
    """
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET work_mem = '{POSTGRES_WORK_MEM}'")
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


def table_columns(bind: Engine | Connection, table: str) -> set[str]:
    """The columns ``table`` has in the database (as the connection's search path finds it).

    Read from an empty select rather than SQLAlchemy's inspector, whose column reflection
    queries PostgreSQL catalogues DuckDB does not have.
    """
    statement = f"SELECT * FROM {table} LIMIT 0"
    if isinstance(bind, Connection):
        return set(bind.exec_driver_sql(statement).keys())
    with bind.connect() as connection:
        return set(connection.exec_driver_sql(statement).keys())


def create_schema(bind: Engine | Connection) -> None:
    """Create every contract and derived table that does not exist yet (inside ``bind``'s transaction
    when given a connection, so a failed first load leaves no tables behind), and add the load
    history's newer columns to a ``dataset_loads`` made by an older version."""
    metadata.create_all(bind)
    present = table_columns(bind, dataset_loads.name)
    for name in DATASET_LOADS_ADDED_COLUMNS:
        if name not in present:
            column = dataset_loads.c[name]
            kind = column.type.compile(dialect=bind.dialect)
            statement = f"ALTER TABLE {dataset_loads.name} ADD COLUMN {name} {kind}"
            if isinstance(bind, Connection):
                bind.exec_driver_sql(statement)
            else:
                with bind.begin() as connection:
                    connection.exec_driver_sql(statement)


def data_version(engine: Engine) -> str:
    """A token that changes whenever a load commits: caches key on it.

    For a DuckDB file it is the file's identity and modification time (loads swap
    in a new file); for PostgreSQL it is the id of the latest recorded load.
    """
    path = _duckdb_file(engine.url)
    if path is not None:
        stat = path.stat()
        return f"{stat.st_ino}:{stat.st_mtime_ns}"
    with engine.connect() as connection:
        latest = connection.execute(select(func.max(dataset_loads.c.load_id))).scalar()
    return f"load:{latest}"
