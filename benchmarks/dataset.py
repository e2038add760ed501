"""The benchmark dataset: by default 300,000 people (~1,000,000 referrals, ~2,000,000 need records).

Built once per scale and kept under ``.bench/`` (DuckDB) and in a schema of the
PostgreSQL server (``BENCH_POSTGRES_URL``, else ``TEST_DATABASE_URL``, else the local
server), so each page's benchmark measures queries, not generation. The scale is a
number of people (``--people N``, or ``--scale 1m|5m`` for about 1 or 5 million
referrals); each scale has its own file and schema (``bench.duckdb`` and ``bench_1m``
for the default, ``bench_<people>.duckdb`` and ``bench_p<people>`` otherwise), so
databases built at one scale are reused by every later run at that scale.
"""

from __future__ import annotations

import argparse
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
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: People for each named scale: about 3.3 referrals per person.
SCALES: dict[str, int] = {"1m": BENCH_PEOPLE, "5m": 1_500_000}

_chosen_people = BENCH_PEOPLE


def use_scale(people: int) -> None:
    """Make every later call in this process use the dataset of ``people`` people."""
    global _chosen_people  # noqa: PLW0603 - one scale per benchmark process, set from its command line
    if people <= 0:
        raise ValueError(f"people must be positive, not {people}")
    _chosen_people = people


def bench_people() -> int:
    """People in the chosen benchmark dataset."""
    return _chosen_people


def bench_source() -> str:
    """The load source recorded for the chosen dataset (tells a built database from a stale one)."""
    return f"benchmark dataset: {_chosen_people:,} people, seed {BENCH_SEED}"


def postgres_schema() -> str:
    """The PostgreSQL schema holding the chosen dataset."""
    return "bench_1m" if _chosen_people == BENCH_PEOPLE else f"bench_p{_chosen_people}"


def duckdb_url() -> str:
    """The chosen benchmark DuckDB file's URL."""
    name = "bench.duckdb" if _chosen_people == BENCH_PEOPLE else f"bench_{_chosen_people}.duckdb"
    return f"duckdb:///{BENCH_DIR / name}"


def postgres_url() -> str:
    """The chosen benchmark PostgreSQL schema's URL (created if absent)."""
    base = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_DATABASE_URL") or LOCAL_POSTGRES
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{postgres_schema()}"'))
    admin.dispose()
    return with_search_path(base, postgres_schema())


def add_scale_arguments(parser: argparse.ArgumentParser) -> None:
    """``--people N`` and ``--scale 1m|5m`` (the default is the 1m dataset)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--people", type=int, help=f"people in the benchmark dataset (default {BENCH_PEOPLE:,})")
    group.add_argument("--scale", choices=sorted(SCALES), help="about 1 or 5 million referrals")


def apply_scale_arguments(args: argparse.Namespace) -> None:
    """Use the scale the command line asked for."""
    use_scale(args.people or SCALES[args.scale or "1m"])


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
            return latest == bench_source()
    except Exception:  # noqa: BLE001 - an empty or foreign database simply is not built
        return False
    finally:
        engine.dispose()


def build(urls: dict[str, str]) -> dict[str, float]:
    """Generate the dataset and load it into every URL; return the seconds each step took."""
    BENCH_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    frames = generate_frames(people_count=_chosen_people, seed=BENCH_SEED)
    timings = {"generate": time.perf_counter() - started}
    for backend, url in urls.items():
        summary = load_frames(frames, url, replace=True, source=bench_source(), synthetic=True)
        timings[f"load_{backend}"] = summary.seconds
    return timings


def benchmark_database_urls() -> dict[str, str]:
    """URLs of the benchmark dataset on DuckDB and PostgreSQL, building what is missing."""
    urls = {"duckdb": duckdb_url(), "postgresql": postgres_url()}
    missing = {backend: url for backend, url in urls.items() if not is_built(url)}
    if missing:
        print(f"Building the {_chosen_people:,}-people benchmark dataset in {', '.join(missing)} "
              "(once per scale; minutes)...")
        build(missing)
    return urls


def referral_count(url: str) -> int:
    """Rows in the referrals table (to print beside timings)."""
    from data_access.schema import referrals

    # Read-only, as is_built: a read-write open of a DuckDB file fails while another benchmark reads it.
    engine = make_engine(url, read_only=True)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(referrals)).scalar() or 0
    engine.dispose()
    return count
