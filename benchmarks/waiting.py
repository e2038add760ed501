"""Waiting times page benchmark (issue 3): server-side time on a cache miss at ~1,000,000 referrals, national.

Run: ``python -m benchmarks.waiting``. For DuckDB and PostgreSQL it prints

1. each query the page runs and the page's metric work (everything but drawing),
   national scope, accredited programmes, for a period end (so a snapshot date) not
   seen before: median of ``--repeats`` runs, each with a new date so nothing is reused;
2. one AppTest run of the page with every cache empty, a rerun for a period end not
   seen before (shared look-ups warm), and a cache hit.

The target is under 800 ms on DuckDB for the cache miss.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from benchmarks.apptest_timing import (
    benchmark_arguments,
    chosen_backends,
    cold_and_warm,
    open_app,
    print_page_runs,
    print_steps,
    timed,
)
from data_access.engine import make_engine
from data_access.queries import dataset_info
from data_access.waiting_queries import waiting_flows, waiting_snapshot
from data_access.waiting_start_queries import completed_waits, time_to_start_events
from metrics.waiting.completed import completed_waits_table
from metrics.waiting.flows import clearance_time_weeks, comparison_date, monthly_trend
from metrics.waiting.kpis import waiting_kpis
from metrics.waiting.planner import life_table, monthly_rate
from metrics.waiting.projection import project_waiting_list
from metrics.waiting.snapshot import wait_bands, wait_summary
from metrics.waiting.started_within import started_within_target
from metrics.waiting.tables import breakdown, breakdown_display
from metrics.waiting.time_to_start import incidence_curves
from vocabulary.scope import Filters, default_filters

PAGE = "pages/waiting_times.py"
TARGET_WEEKS = 12


def _summary(snapshot: dict) -> dict[str, float]:
    summary = wait_summary(snapshot["histogram"], target_weeks=TARGET_WEEKS)
    starts = int(snapshot["recent"]["recent_starts_count"].sum())
    return summary | {"clearance_time_weeks": clearance_time_weeks(summary["waiting_count"], starts)}


def _page_work(engine: object, filters: Filters, data_from: dt.date, timings: dict[str, float]) -> None:
    """The queries and metric work of one page view, as the page's components do them."""
    scope = filters.with_changes(categories=("accredited_programme",))
    day = filters.period_end
    before_day = comparison_date(day, data_from)
    now = timed("query: list at T", timings, lambda: waiting_snapshot(engine, scope, day))
    before = timed("query: list a year earlier", timings, lambda: waiting_snapshot(engine, scope, before_day))
    flows = timed("query: monthly flows", timings, lambda: waiting_flows(engine, scope))
    events = timed("query: time to start", timings,
                    lambda: time_to_start_events(engine, scope, day, "intervention_code"))
    completed = timed("query: completed waits", timings, lambda: completed_waits(engine, scope))

    def metrics() -> None:
        waiting_kpis(_summary(now), _summary(before), before_date=before_day, target_weeks=TARGET_WEEKS)
        wait_bands(now["histogram"])
        monthly_trend(flows["flows"], flows["waiting_before_count"])
        for by in (["intervention_code"], ["pdu_code", "region_code"], ["region_code"]):
            breakdown_display(breakdown(now["histogram"], now["recent"], by, target_weeks=TARGET_WEEKS), {by[0]: "x"})
        incidence_curves(events, "group", weeks=52)
        started_within_target(events, "group", target_weeks=TARGET_WEEKS)
        totals = now["recent"][["recent_additions_count", "recent_starts_count", "recent_removals_count"]].sum()
        chances = life_table(events.groupby(["duration_days", "event"], as_index=False)["referral_count"].sum())
        project_waiting_list(now["histogram"], chances, additions_per_month=monthly_rate(totals.iloc[0]),
                             starts_per_month=monthly_rate(totals.iloc[1]),
                             removals_per_month=monthly_rate(totals.iloc[2]), target_weeks=TARGET_WEEKS)
        completed_waits_table(completed, {})

    timed("metrics (all sections)", timings, metrics)


def time_functions(url: str, repeats: int) -> tuple[float, dict[str, float]]:
    """(median total seconds, mean seconds per step) of queries + metrics for new snapshot dates."""
    engine = make_engine(url, read_only=url.startswith("duckdb"))
    info = dataset_info(engine)
    base = default_filters(info["data_as_of"])
    totals: list[float] = []
    steps: dict[str, float] = {}
    try:
        for shift in range(1, repeats + 1):
            filters = base.with_changes(period_end=base.period_end - dt.timedelta(days=shift))
            started = time.perf_counter()
            _page_work(engine, filters, info["data_from"], steps)
            totals.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return statistics.median(totals), {step: seconds / repeats for step, seconds in steps.items()}


def time_page(url: str) -> dict[str, tuple[float, float]]:
    """AppTest (cache miss, cache hit) seconds for the page, national scope."""
    app = open_app(url, PAGE)
    every_cache_empty = cold_and_warm(app)
    end = app.sidebar.date_input(key="w_filter_period_end").value
    new_end = cold_and_warm(
        app, lambda a: a.sidebar.date_input(key="w_filter_period_end").set_value(end - dt.timedelta(days=9)).run(),
        clear=False,
    )
    return {"every cache empty": every_cache_empty, "national, period end (snapshot) not seen before": new_end}


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="new snapshot dates timed per backend (median)")
    for _, url in chosen_backends(args):
        total, steps = time_functions(url, args.repeats)
        print(f"  Waiting times queries + metrics, national, cache miss: {total * 1000:,.0f} ms "
              f"(median of {args.repeats})")
        print_steps(steps)
        print_page_runs("Waiting times", time_page(url))


if __name__ == "__main__":
    main()
