"""Saved views at 1,000,000 referrals: what a save costs where the app actually runs.

Prints the time to save, list and delete a view on DuckDB (sibling views file, with
the data file held read-only as the app holds it) and on PostgreSQL, and what the
rejected DuckDB design would cost: writing the view into the data file itself means
copying the whole file and swapping it in (and a new data version, so every cached
result of every user is recomputed). Run: ``python -m benchmarks.saved_views``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from benchmarks.dataset import (
    add_scale_arguments,
    apply_scale_arguments,
    benchmark_database_urls,
    referral_count,
)
from data_access import saved_views
from data_access.engine import duckdb_path, make_engine
from data_access.schema import dataset_loads

REPEATS = 20


def _median_ms(action: object) -> float:
    times = []
    for index in range(REPEATS):
        started = time.perf_counter()
        action(index)  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def time_round_trip(url: str) -> dict[str, float]:
    """Median milliseconds to save, list and delete one view."""
    names = [f"Benchmark view {index}" for index in range(REPEATS)]
    return {
        "save": _median_ms(lambda index: saved_views.save_view(url, names[index], "/", "region=E12000004")),
        "list (views changed)": _median_ms(lambda index: (saved_views._LISTED.clear(), saved_views.list_views(url))),
        "list (unchanged, every rerun)": _median_ms(lambda index: saved_views.list_views(url)),
        "delete": _median_ms(lambda index: saved_views.delete_view(url, names[index])),
    }


def time_copy_and_swap(url: str) -> float:
    """Seconds to copy the DuckDB data file and swap the copy in: the floor of writing views into it."""
    live = duckdb_path(url)
    with tempfile.TemporaryDirectory(dir=live.parent) as folder:
        started = time.perf_counter()
        staging = Path(folder) / "staging.duckdb"
        shutil.copyfile(live, staging)
        staging.replace(Path(folder) / "swapped.duckdb")  # same-filesystem rename, as a load does
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_scale_arguments(parser)
    apply_scale_arguments(parser.parse_args())
    urls = benchmark_database_urls()
    for backend, url in urls.items():
        print(f"{backend}: {referral_count(url):,} referrals")
        app_engine = make_engine(url, read_only=backend == "duckdb")
        with app_engine.connect() as connection:  # held open, as the app holds it
            connection.execute(select(dataset_loads.c.load_id)).all()
            timings = time_round_trip(url)
        app_engine.dispose()
        print("  " + ", ".join(f"{step} {ms:.1f} ms" for step, ms in timings.items()) + f" (median of {REPEATS})")
    saved_views.close_connections()
    size_mb = duckdb_path(urls["duckdb"]).stat().st_size / 1e6
    print(f"rejected design, DuckDB: copy {size_mb:,.0f} MB data file and swap: {time_copy_and_swap(urls['duckdb']):.2f} s per save")


if __name__ == "__main__":
    main()
