"""PDU comparisons page benchmark (issue 5): server-side time on a cache miss at ~1,000,000 referrals,
108 PDUs, national scope.

Run: ``python -m benchmarks.comparison``. For DuckDB and PostgreSQL it prints

1. the queries, metrics, tables and charts the page runs, for a national period not
   seen before (median of ``--repeats`` runs, each with a new period so nothing is
   reused), with a PDU of interest (so the profile and the trend are built too);
2. switching the indicator (new trend family) and the benchmark on a cache miss:
   the period's counts are cached, the new indicator's trend counts are not;
3. AppTest runs of the page: every cache empty, a period not seen before, switching
   the indicator and switching the benchmark (each a cache miss), and a cache hit.

The target is under 800 ms on DuckDB for switching indicator or benchmark on a cache miss.
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
    shift_period_start,
)
from benchmarks.comparison_work import PageWork

PAGE = "pages/pdu_comparisons.py"
PDU_OF_INTEREST = "N52P07"  # Stoke-on-Trent


def time_functions(url: str, repeats: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median milliseconds of each scenario, and mean milliseconds per step of the full page work."""
    work = PageWork(url)
    scenarios: dict[str, list[float]] = {"page, new period": [], "switch indicator": [], "switch benchmark": []}
    try:
        for shift in range(1, repeats + 1):
            filters = work.base.with_changes(period_start=work.base.period_start + dt.timedelta(days=shift))
            scenarios["page, new period"].append(work.page(filters, "judged_sufficient", "england_wales",
                                                           PDU_OF_INTEREST))
            scenarios["switch indicator"].append(work.page(filters, "median_wait", "england_wales",
                                                           PDU_OF_INTEREST))
            scenarios["switch benchmark"].append(work.page(filters, "median_wait", "region", PDU_OF_INTEREST))
    finally:
        work.close()
    return ({name: statistics.median(times) * 1000 for name, times in scenarios.items()},
            {step: seconds * 1000 / (3 * repeats) for step, seconds in work.steps.items()})


def time_page(url: str) -> dict[str, tuple[float, float]]:
    """AppTest (cache miss, cache hit) seconds for the page, national scope, PDU of interest chosen."""
    app = open_app(url, PAGE, cmp_pdu=PDU_OF_INTEREST)
    every_cache_empty = cold_and_warm(app)
    new_period = cold_and_warm(app, shift_period_start(3), clear=False)
    indicator = cold_and_warm(
        app, lambda a: a.selectbox(key="w_page_cmp_indicator").set_value("median_wait").run(), clear=False)
    benchmark = cold_and_warm(
        app, lambda a: a.selectbox(key="w_page_cmp_benchmark").set_value("region").run(), clear=False)
    return {"every cache empty": every_cache_empty, "period not seen before": new_period,
            "switch indicator to the median wait (its trend query)": indicator, "switch benchmark": benchmark}


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="new periods timed per backend (median reported)")
    for _, url in chosen_backends(args):
        started = time.perf_counter()
        scenarios, steps = time_functions(url, args.repeats)
        for name, milliseconds in scenarios.items():
            print(f"  PDU comparisons server-side work, national, cache miss, {name}: {milliseconds:,.0f} ms "
                  f"(median of {args.repeats})")
        for step, milliseconds in steps.items():
            print(f"    {step}: {milliseconds:,.0f} ms")
        print_page_runs("PDU comparisons", time_page(url))
        print(f"  ({time.perf_counter() - started:,.0f} s in all)")


if __name__ == "__main__":
    main()
