"""The benchmark dataset: 300,000 people (~1,000,000 referrals, ~2,000,000 need records).

Built once and kept under ``.bench/`` (DuckDB) and in the ``bench_1m`` schema of the
PostgreSQL server (``BENCH_POSTGRES_URL``, else ``TEST_DATABASE_URL``, else the local
server), so each page's benchmark measures queries, not generation.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from data_access.engine import REPO_ROOT, make_engine, with_search_path
from data_access.load import load_frames
from data_access.schema import dataset_loads
from sample_data.generate import generate_frames

BENCH_DIR = REPO_ROOT / ".bench"
BENCH_PEOPLE = 300_000
BENCH_SEED = 2024
BENCH_SOURCE = f"benchmark dataset: {BENCH_PEOPLE:,} people, seed {BENCH_SEED}"
POSTGRES_SCHEMA = "bench_1m"
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def duckdb_url() -> str:
    """The benchmark DuckDB file's URL."""
    return f"duckdb:///{BENCH_DIR / 'bench.duckdb'}"


def postgres_url() -> str:
    """The benchmark PostgreSQL schema's URL (created if absent)."""
    base = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_DATABASE_URL") or LOCAL_POSTGRES
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{POSTGRES_SCHEMA}"'))
    admin.dispose()
    return with_search_path(base, POSTGRES_SCHEMA)


def is_built(url: str) -> bool:
    """Whether ``url`` already holds the benchmark dataset."""
    if url.startswith("duckdb") and not Path(url.removeprefix("duckdb:///")).exists():
        return False
    # Read-only: a read-write open fails while a page benchmark holds the file, and
    # would wrongly report "not built" and rebuild it under the reader.
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            latest = connection.execute(
                select(dataset_loads.c.source).order_by(dataset_loads.c.load_id.desc()).limit(1)
            ).scalar()
            return latest == BENCH_SOURCE
    except Exception:  # noqa: BLE001 - an empty or foreign database simply is not built
        return False
    finally:
        engine.dispose()


def build(urls: dict[str, str]) -> dict[str, float]:
    """Generate the dataset and load it into every URL; return the seconds each step took."""
    BENCH_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    frames = generate_frames(people_count=BENCH_PEOPLE, seed=BENCH_SEED)
    timings = {"generate": time.perf_counter() - started}
    for backend, url in urls.items():
        summary = load_frames(frames, url, replace=True, source=BENCH_SOURCE, synthetic=True)
        timings[f"load_{backend}"] = summary.seconds
    return timings


def benchmark_database_urls() -> dict[str, str]:
    """URLs of the benchmark dataset on DuckDB and PostgreSQL, building what is missing."""
    urls = {"duckdb": duckdb_url(), "postgresql": postgres_url()}
    missing = {backend: url for backend, url in urls.items() if not is_built(url)}
    if missing:
        print(f"Building the benchmark dataset in {', '.join(missing)} (once; about a minute)...")
        build(missing)
    return urls


def referral_count(url: str) -> int:
    """Rows in the referrals table (to print beside timings)."""
    from data_access.schema import referrals

    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(referrals)).scalar() or 0
    engine.dispose()
    return count
