"""Every page on a cache miss, national scope, against issue 14's targets.

Run: ``python -m benchmarks.pages [--scale 1m|5m | --people N] [--backend duckdb|postgresql]
[--repeats N] [--step-days D] [--page TITLE ...]``. For each backend it opens each page
(or only the ``--page`` titles) with AppTest (as a person following a link:
``benchmarks.apptest_timing.open_app``), then times ``--repeats`` reruns, each for a period
end not seen before, ``D`` days (default 1) before the last (so the period, the
waiting-list snapshot and the trend windows are all new and every query of the page misses
the cache, while shared look-ups such as the filter choices stay warm), and prints the
median against the target for the scale. A section whose output depends only on the
period's month or quarter (Sufficiency gaps' quarters) is reused for a period end moved by
a day, as it would be for a person; ``--step-days 92`` moves each view into a new quarter
so that nothing at all is reused (with one or two ``--page``: the period ends must stay
within the data). Each page is timed on period ends of its own, after those of the pages
timed before it, since pages share queries. Targets:

=========  ==========  ============
scale      DuckDB      PostgreSQL
=========  ==========  ============
1m         500 ms      1,000 ms
5m         1,000 ms    2,000 ms
=========  ==========  ============

PDU comparisons is opened with a PDU of interest, so its profile and trend are drawn too.
Figures depend on what else the machine is doing: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time

from benchmarks.apptest_timing import benchmark_arguments, chosen_backends, open_app, time_run
from benchmarks.dataset import BENCH_PEOPLE, SCALES, bench_people

#: (page title, page script, query parameters of the link that opens it).
PAGES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("Overview", "pages/overview.py", {}),
    ("Landscape", "pages/landscape.py", {}),
    ("Waiting times", "pages/waiting_times.py", {}),
    ("Sufficiency gaps", "pages/sufficiency_gaps.py", {}),
    ("PDU comparisons", "pages/pdu_comparisons.py", {"cmp_pdu": "N52P07"}),
    ("Data quality", "pages/data_quality.py", {}),
    # Each page is timed on period ends of its own (see time_page), so no page finds another's results.
    ("Key findings", "pages/key_findings.py", {}),
)
#: Milliseconds allowed for a cache miss, by (people in the dataset, backend).
TARGETS_MS: dict[tuple[int, str], float] = {
    (BENCH_PEOPLE, "duckdb"): 500, (BENCH_PEOPLE, "postgresql"): 1_000,
    (SCALES["5m"], "duckdb"): 1_000, (SCALES["5m"], "postgresql"): 2_000,
}


def new_period_end(days: int) -> object:
    """A change that moves the period's end back by ``days``: a view not seen before."""
    def change(app: object) -> object:
        widget = app.sidebar.date_input(key="w_filter_period_end")
        return widget.set_value(widget.value - dt.timedelta(days=days)).run()

    return change


def time_page(url: str, page: str, query: dict[str, str], repeats: int, step_days: int = 1,
              skip_views: int = 0) -> list[float]:
    """Seconds of each of ``repeats`` cache-miss reruns of ``page`` (a period end ``step_days``
    earlier each time), after skipping the first ``skip_views`` such period ends (those the pages
    timed before it used: pages share queries, so a later page would find an earlier page's results
    for the same period in the cache)."""
    app = open_app(url, page, **query)
    offsets = [step_days * (skip_views + 1)] + [step_days] * (repeats - 1)
    return [time_run(app, new_period_end(days)) for days in offsets]


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--step-days", type=int, default=1,
                        help="days the period end moves back for each view (default 1; 92 for a new quarter each time)")
    parser.add_argument("--page", action="append", choices=[title for title, _, _ in PAGES], metavar="TITLE",
                        help="only these pages (repeatable; default: all)")


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="views not seen before, per page (median reported)",
                               more=_options)
    for backend, url in chosen_backends(args):
        target = TARGETS_MS.get((bench_people(), backend))
        chosen = [(title, page, query) for title, page, query in PAGES if not args.page or title in args.page]
        for index, (title, page, query) in enumerate(chosen):
            started = time.perf_counter()
            runs = time_page(url, page, query, args.repeats, args.step_days, skip_views=index * args.repeats)
            median_ms = statistics.median(runs) * 1000
            verdict = "" if target is None else (
                f"  target {target:,.0f} ms: {'met' if median_ms <= target else 'MISSED'}")
            print(f"  {title:<17} cache miss, national, new period: median {median_ms:6,.0f} ms "
                  f"(runs {', '.join(f'{run * 1000:,.0f}' for run in runs)}){verdict}"
                  f"  [load {os.getloadavg()[0]:.1f}, {time.perf_counter() - started:.0f} s]")


if __name__ == "__main__":
    main()
