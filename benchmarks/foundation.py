"""Foundation benchmark (issue 2): generation, loads, database size, Overview server-side time.

Run: ``python -m benchmarks.foundation`` (or ``make bench``). It regenerates the
dataset (300,000 people; ``--people N`` or ``--scale 1m|5m`` for another scale), loads
it into DuckDB and PostgreSQL (timing both), then times the Overview page with AppTest, national and for one region, on a cache miss
and a cache hit. ``--reuse`` skips generation and loading when already built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from sqlalchemy import text

from benchmarks.apptest_timing import cold_and_warm, open_app
from benchmarks.dataset import (
    BENCH_SEED,
    add_scale_arguments,
    apply_scale_arguments,
    bench_people,
    benchmark_database_urls,
    build,
    duckdb_url,
    postgres_schema,
    postgres_url,
    referral_count,
)
from data_access.engine import make_engine
from sample_data.generate import generate_frames, write_dataset

REGION = "N53"  # East Midlands


def database_size_mb(backend: str, url: str) -> float:
    """On-disk size of the loaded database, in megabytes."""
    if backend == "duckdb":
        return Path(url.removeprefix("duckdb:///")).stat().st_size / 1e6
    engine = make_engine(url)
    with engine.connect() as connection:
        size = connection.execute(
            text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relkind = 'r'"
            ),
            {"schema": postgres_schema()},
        ).scalar()
    engine.dispose()
    return float(size or 0) / 1e6


def time_generation(out_dir: Path) -> tuple[float, float]:
    """(seconds to generate in memory, seconds to generate and write CSVs)."""
    started = time.perf_counter()
    frames = generate_frames(people_count=bench_people(), seed=BENCH_SEED)
    generated = time.perf_counter() - started
    write_dataset(frames, out_dir)
    return generated, time.perf_counter() - started


def time_overview(url: str) -> dict[str, tuple[float, float]]:
    """Overview page (cache miss, cache hit) seconds for three situations."""
    app = open_app(url, "pages/overview.py")
    all_cold = cold_and_warm(app)
    start = app.sidebar.date_input(key="w_filter_period_start").value
    unseen_period = cold_and_warm(
        app,
        lambda a: a.sidebar.date_input(key="w_filter_period_start").set_value(start + dt.timedelta(days=1)).run(),
        clear=False,
    )
    region = cold_and_warm(
        app, lambda a: a.sidebar.multiselect(key="w_filter_regions").set_value([REGION]).run(), clear=False
    )
    return {
        "national, every cache empty": all_cold,
        "national, period not seen before": unseen_period,
        "one region not seen before": region,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="reuse the built benchmark databases")
    add_scale_arguments(parser)
    args = parser.parse_args()
    apply_scale_arguments(args)
    if args.reuse:
        urls = benchmark_database_urls()
    else:
        generated, written = time_generation(Path(f".bench/csv_{bench_people()}"))
        print(f"Generation ({bench_people():,} people): {generated:.1f} s in memory, {written:.1f} s with CSV files")
        urls = {"duckdb": duckdb_url(), "postgresql": postgres_url()}
        for step, seconds in build(urls).items():
            print(f"{step}: {seconds:.1f} s")
    for backend, url in urls.items():
        print(f"\n{backend}: {referral_count(url):,} referrals, database {database_size_mb(backend, url):,.0f} MB")
        for scope, (cold, warm) in time_overview(url).items():
            print(f"  Overview, {scope}: cache miss {cold * 1000:,.0f} ms, cache hit {warm * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
