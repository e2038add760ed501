"""Landscape page benchmark (issue 6): server-side time on a cache miss at ~1,000,000 referrals, national scope.

Run: ``python -m benchmarks.landscape``. For DuckDB and PostgreSQL it prints

1. each query the page runs and the page's metric work (everything but drawing),
   for a national period not seen before (median of ``--repeats`` runs, each with a
   new period so nothing is reused);
2. AppTest runs of the page with every cache empty, and for a period not seen
   before (shared look-ups warm), each followed by a cache hit (medians of ``--repeats``).

The target is under 600 ms on DuckDB for the cache miss.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from benchmarks.apptest_timing import (
    benchmark_arguments,
    chosen_backends,
    print_page_runs,
    print_steps,
    time_new_periods,
    timed,
)
from data_access.engine import make_engine
from data_access.landscape_queries import (
    landscape_reference,
    monthly_referrals_by_category,
    need_profiles,
    provision_places,
    referral_activity,
)
from data_access.queries import data_as_of
from data_access.waiting_queries import waiting_snapshot
from metrics.landscape.model import Landscape, build_landscape
from metrics.landscape.providers import provider_outcomes
from metrics.landscape.treemap import treemap_frame
from metrics.landscape.trend import monthly_by_category
from metrics.landscape.utilisation import DEFAULT_DEMAND_MARGIN_PCT
from metrics.landscape.waits import snapshot_date
from vocabulary.scope import Filters, default_filters

PAGE = "pages/landscape.py"


def _queries(engine: object, filters: Filters, as_of: dt.date, timings: dict[str, float]) -> Landscape:
    snapshot = snapshot_date(filters.period_end, as_of)
    reference = timed("query: reference", timings, lambda: landscape_reference(engine, filters))
    activity = timed("query: flows", timings, lambda: referral_activity(engine, filters))
    return build_landscape(
        filters,
        reference=reference,
        provision=timed("query: provision", timings, lambda: provision_places(engine, filters)),
        activity=activity,
        referred=activity,  # the benchmark dataset has provision, so the fallback is not used
        histogram=timed("query: waiting list (Waiting times)", timings, lambda: waiting_snapshot(
            engine, filters.with_changes(period_start=snapshot, period_end=snapshot), snapshot)["histogram"]),
        profiles=timed("query: need profiles", timings, lambda: need_profiles(engine, filters)),
        monthly=timed("query: monthly by category", timings, lambda: monthly_referrals_by_category(engine, filters)),
        snapshot=snapshot,
    )


def _metrics(landscape: Landscape) -> None:
    """Every derived frame the page's sections compute."""
    landscape.kpis()
    treemap_frame(landscape.catalogue(), measure="referrals")
    landscape.availability_details()
    landscape.demand("pdu_code", margin_pct=DEFAULT_DEMAND_MARGIN_PCT)
    provider_outcomes(landscape.activity, landscape.interventions)
    monthly_by_category(landscape.monthly, landscape.filters.period_start, landscape.filters.period_end)


def time_functions(url: str, repeats: int) -> tuple[list[float], dict[str, float]]:
    """(total seconds of each run, mean seconds per step) of queries + metrics for new national periods."""
    engine = make_engine(url, read_only=url.startswith("duckdb"))
    as_of = data_as_of(engine)
    base = default_filters(as_of)
    totals: list[float] = []
    steps: dict[str, float] = {}
    try:
        for shift in range(1, repeats + 1):
            filters = base.with_changes(period_start=base.period_start + dt.timedelta(days=shift))
            started = time.perf_counter()
            landscape = _queries(engine, filters, as_of, steps)
            timed("metrics (all sections)", steps, lambda: _metrics(landscape))  # noqa: B023
            totals.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return totals, {step: seconds / repeats for step, seconds in steps.items()}


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="new periods timed per backend (median reported)")
    for _, url in chosen_backends(args):
        totals, steps = time_functions(url, args.repeats)
        print(f"  Landscape queries + metrics, national, cache miss: median {statistics.median(totals) * 1000:,.0f} ms,"
              f" fastest {min(totals) * 1000:,.0f} ms ({args.repeats} new periods)")
        print_steps(steps)
        print_page_runs("Landscape", time_new_periods(url, PAGE, args.repeats))


if __name__ == "__main__":
    main()
