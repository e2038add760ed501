"""Time a page's server-side run with Streamlit's AppTest, on a cold and a warm cache."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.calibration import calibration_line, calibration_ms
from benchmarks.dataset import (
    add_scale_arguments,
    apply_scale_arguments,
    benchmark_database_urls,
    referral_count,
)
from data_access.engine import REPO_ROOT

ENTRYPOINT = str(REPO_ROOT / "dashboard.py")
T = TypeVar("T")


def open_app(database_url: str, page: str, **query: str) -> AppTest:
    """The app on ``page`` against ``database_url``, run once (caches cleared afterwards)."""
    os.environ["DATABASE_URL"] = database_url
    app = AppTest.from_file(ENTRYPOINT, default_timeout=300)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    if app.exception:
        raise RuntimeError(f"{page} failed: {app.exception[0].message}")
    st.cache_data.clear()
    return app


def time_run(app: AppTest, change: Callable[[AppTest], object] | None = None) -> float:
    """Seconds for one rerun (after applying ``change``, e.g. setting a widget's value)."""
    started = time.perf_counter()
    if change is None:
        app.run()
    else:
        change(app)
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    return seconds


def cold_and_warm(
    app: AppTest, change: Callable[[AppTest], object] | None = None, *, clear: bool = True
) -> tuple[float, float]:
    """(cache-miss seconds, cache-hit seconds) for a rerun after ``change``.

    With ``clear`` every cached result is dropped first (the first view after new
    data); without it only results for the new arguments miss (a filter
    combination not seen before, with shared look-ups such as filter choices warm).
    """
    if clear:
        st.cache_data.clear()
    cold = time_run(app, change)
    warm = time_run(app)
    return cold, warm


def median_runs(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median cache-miss and the median cache-hit seconds of several ``cold_and_warm`` runs."""
    return statistics.median(cold for cold, _ in runs), statistics.median(warm for _, warm in runs)


def time_new_periods(database_url: str, page: str, repeats: int) -> dict[str, tuple[float, float]]:
    """AppTest (cache miss, cache hit) seconds for ``page``, national scope: with every cache empty,
    and for a period not seen before (shared look-ups warm); medians of ``repeats`` runs each."""
    app = open_app(database_url, page)
    every_cache_empty = median_runs([cold_and_warm(app) for _ in range(repeats)])
    new_period = median_runs([cold_and_warm(app, shift_period_start(2), clear=False) for _ in range(repeats)])
    return {f"every cache empty (median of {repeats})": every_cache_empty,
            f"national, period not seen before (median of {repeats})": new_period}


def print_steps(steps: dict[str, float]) -> None:
    """One indented line per timed step (seconds shown as milliseconds)."""
    for step, seconds in steps.items():
        print(f"    {step}: {seconds * 1000:,.0f} ms")


def benchmark_arguments(description: str | None, *, repeats_help: str,
                        more: Callable[[argparse.ArgumentParser], None] | None = None) -> argparse.Namespace:
    """The page benchmarks' shared options: ``--repeats N``, ``--backend`` (repeatable) and the
    scale (``--people N`` or ``--scale 1m|5m``), which is applied before returning; ``more``
    adds a benchmark's own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeats", type=int, default=5, help=repeats_help)
    parser.add_argument("--backend", choices=("duckdb", "postgresql"), action="append",
                        help="only these backends (default: both)")
    add_scale_arguments(parser)
    if more is not None:
        more(parser)
    args = parser.parse_args()
    apply_scale_arguments(args)
    return args


def chosen_backends(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(backend, URL) of the benchmark dataset for each chosen backend, announcing each (after the
    machine's calibration: ``benchmarks.calibration``)."""
    print(calibration_line(calibration_ms()))
    for backend, url in benchmark_database_urls().items():
        if args.backend and backend not in args.backend:
            continue
        print(f"\n{backend}: {referral_count(url):,} referrals "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        yield backend, url


def print_page_runs(page_title: str, runs: dict[str, tuple[float, float]]) -> None:
    """One line per situation: AppTest server-side time on a cache miss and a cache hit."""
    for scope, (cold, warm) in runs.items():
        print(f"  {page_title} AppTest run, {scope}: cache miss {cold * 1000:,.0f} ms, cache hit {warm * 1000:,.0f} ms")


def shift_period_start(days: int) -> Callable[[AppTest], object]:
    """A change that moves the period's start by ``days``: a filter combination not seen before."""
    def change(app: AppTest) -> object:
        widget = app.sidebar.date_input(key="w_filter_period_start")
        return widget.set_value(widget.value + dt.timedelta(days=days)).run()

    return change


def timed(step: str, timings: dict[str, float], call: Callable[[], T]) -> T:
    """Run ``call``, adding its seconds to ``timings[step]``; return what it returned."""
    started = time.perf_counter()
    value = call()
    timings[step] = timings.get(step, 0.0) + time.perf_counter() - started
    return value
