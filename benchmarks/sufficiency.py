"""Sufficiency gaps page benchmark (issue 4): server-side time on a cache miss at ~1,000,000
referrals and ~2,000,000 need records, national scope.

Run: ``python -m benchmarks.sufficiency``. For DuckDB and PostgreSQL it prints

1. the page's one query and its metric and chart work (everything but sending the
   page), for a national period not seen before (median of ``--repeats`` runs,
   each with a new period so nothing is reused);
2. AppTest runs of the page with every cache empty, and for periods not seen before
   (shared look-ups warm), each followed by a cache hit (medians of ``--repeats``).

The target is under 800 ms on DuckDB for the cache miss.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pandas as pd

from benchmarks.apptest_timing import (
    benchmark_arguments,
    chosen_backends,
    print_page_runs,
    print_steps,
    time_new_periods,
    timed,
)
from charts.sufficiency.figures import cascade_figure, share_bars_figure, tartan_rug_figure
from data_access.engine import make_engine
from data_access.queries import data_as_of, filter_options
from data_access.sufficiency_queries import sufficiency_counts
from metrics.sufficiency.benchmark import benchmark_population
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.headline import sufficiency_kpis
from metrics.sufficiency.measures import MEASURES, in_area
from metrics.sufficiency.tables import cascade_table, compared_table
from metrics.sufficiency.views import (
    cascade_in_order,
    need_by_subgroup,
    need_shares,
    rug_cells,
    subgroup_shares,
)
from vocabulary.scope import Filters, default_filters

PAGE = "pages/sufficiency_gaps.py"
DIMENSION = "ethnicity_group"
BENCHMARK = "all_persons"


def _page_work(national: pd.DataFrame, filters: Filters, names: dict[str, dict[str, str]],
               timings: dict[str, float]) -> None:
    """Every frame, table and figure the page's sections build, as the page builds them."""
    measure, judged = MEASURES["sufficient"], MEASURES["sufficient"]
    area = in_area(national, filters)
    population = benchmark_population(national, filters, BENCHMARK)
    timed("metrics: headline", timings, lambda: sufficiency_kpis(area))
    shares = timed("metrics: by need", timings, lambda: need_shares(area, population, judged, benchmark=BENCHMARK))
    cascade = timed("metrics: cascade", timings, lambda: cascade_in_order(area, list(shares["need_code"])))
    subgroups = timed("metrics: subgroups", timings, lambda: subgroup_shares(area, measure))
    crossed = timed("metrics: need × subgroup", timings, lambda: need_by_subgroup(area, measure))
    cells = timed("metrics: matrix", timings, lambda: rug_cells(area, population, measure, benchmark=BENCHMARK,
                                                                  pdu_names=names["pdus"]))
    gaps = timed("metrics: gap finder", timings, lambda: find_gaps(
        compared_cells(area, population, measure, benchmark=BENCHMARK)))
    timed("tables (disclosure control)", timings, lambda: [
        compared_table(frame, measure, names=names, dimension=DIMENSION) for frame in (shares, subgroups, crossed, cells)
    ] + [cascade_table(cascade), compared_table(gaps, measure, names=names,
                                                extra=("rank", "shortfall_pct_points", "people_gap_count"))])
    timed("charts", timings, lambda: (
        share_bars_figure(shares, title="t", value_title="v", benchmark_name="b"),
        cascade_figure(cascade),
        share_bars_figure(subgroups, title="t", value_title="v", benchmark_name="b"),
        tartan_rug_figure(cells, measure_label=measure.label, benchmark_name="b"),
    ))


def time_functions(url: str, repeats: int) -> tuple[float, dict[str, float]]:
    """(median total seconds, mean seconds per step) of the query + page work for new national periods."""
    engine = make_engine(url, read_only=url.startswith("duckdb"))
    base = default_filters(data_as_of(engine))
    options = filter_options(engine)
    names = {"pdus": dict(zip(options["pdus"]["pdu_code"], options["pdus"]["pdu_name"])),
             "regions": dict(zip(options["regions"]["region_code"], options["regions"]["region_name"]))}
    totals: list[float] = []
    steps: dict[str, float] = {}
    try:
        for shift in range(1, repeats + 1):
            filters = base.with_changes(period_start=base.period_start + dt.timedelta(days=shift))
            started = time.perf_counter()
            national = timed("query: need records linked to referrals", steps,
                              lambda: sufficiency_counts(engine, filters, DIMENSION))  # noqa: B023
            _page_work(national, filters, names, steps)
            totals.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return statistics.median(totals), {step: seconds / repeats for step, seconds in steps.items()}


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="new periods timed per backend (median reported)")
    for _, url in chosen_backends(args):
        total, steps = time_functions(url, args.repeats)
        print(f"  Sufficiency gaps query + metrics + charts, national, cache miss: {total * 1000:,.0f} ms "
              f"(median of {args.repeats})")
        print_steps(steps)
        print_page_runs("Sufficiency gaps", time_new_periods(url, PAGE, args.repeats))


if __name__ == "__main__":
    main()
