"""Summaries of a load run: latency percentiles, throughput, failures, per page and overall."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.load.protocol import ViewResult


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile of ``values``, interpolating linearly between order statistics.

    The same rule as numpy's default: rank ``(n - 1) * pct / 100`` in the sorted values,
    so the 50th of [1, 2, 3, 4] is 2.5 and the 95th of 1..20 is 19.05.

    Raises:
        ValueError: ``values`` is empty or ``pct`` is outside 0–100.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile {pct} is outside 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    below, above = math.floor(rank), math.ceil(rank)
    return ordered[below] + (ordered[above] - ordered[below]) * (rank - below)


@dataclass(frozen=True)
class LatencySummary:
    """Views, their latency (seconds) and how many went wrong, for one group of views."""

    view_count: int
    p50_seconds: float
    p95_seconds: float
    max_seconds: float
    first_element_p50_seconds: float | None
    failed_count: int
    exception_count: int
    timeout_count: int
    page_not_found_count: int
    wrong_page_count: int


def summarise(results: Sequence[ViewResult]) -> LatencySummary:
    """Percentiles and failure counts of ``results`` (time-outs count at the time they gave up).

    Raises:
        ValueError: ``results`` is empty.
    """
    seconds = [result.seconds for result in results]
    first = [result.first_element_seconds for result in results if result.first_element_seconds is not None]
    finished = [result for result in results if result.reading.finished]
    return LatencySummary(
        view_count=len(results),
        p50_seconds=percentile(seconds, 50),
        p95_seconds=percentile(seconds, 95),
        max_seconds=max(seconds),
        first_element_p50_seconds=percentile(first, 50) if first else None,
        failed_count=sum(result.failed for result in results),
        exception_count=sum(len(result.reading.exception_messages) for result in results),
        timeout_count=sum(result.timed_out for result in results),
        page_not_found_count=sum(result.reading.page_not_found for result in results),
        wrong_page_count=sum(result.reading.shown_page != result.link.page.url_path for result in finished),
    )


def by_page(results: Sequence[ViewResult]) -> dict[str, LatencySummary]:
    """A summary for each page title, in order of first appearance."""
    titles = list(dict.fromkeys(result.link.page.title for result in results))
    return {title: summarise([r for r in results if r.link.page.title == title]) for title in titles}


def throughput_per_second(view_count: int, wall_seconds: float) -> float:
    """Views finished per second of wall-clock time (0 for an instant run)."""
    return view_count / wall_seconds if wall_seconds > 0 else 0.0


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def summary_table(rows: dict[str, LatencySummary]) -> list[str]:
    """Text lines: one row per group with count, p50, p95, max, first element and failures."""
    header = (f"{'':<18}{'views':>6}{'p50':>10}{'p95':>10}{'max':>10}{'first el. p50':>15}"
              f"{'failed':>8}{'exceptions':>12}{'time-outs':>11}{'not found':>11}{'wrong page':>12}")
    lines = [header]
    for name, row in rows.items():
        lines.append(
            f"{name:<18}{row.view_count:>6}{_seconds(row.p50_seconds):>10}{_seconds(row.p95_seconds):>10}"
            f"{_seconds(row.max_seconds):>10}{_seconds(row.first_element_p50_seconds):>15}"
            f"{row.failed_count:>8}{row.exception_count:>12}{row.timeout_count:>11}"
            f"{row.page_not_found_count:>11}{row.wrong_page_count:>12}"
        )
    return lines
