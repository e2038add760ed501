"""The load benchmark's arithmetic: percentiles, per-page summaries, throughput."""

import pytest

from benchmarks.load.links import AppPage, Link
from benchmarks.load.protocol import ViewReading, ViewResult
from benchmarks.load.summary import by_page, percentile, summarise, throughput_per_second

OVERVIEW = AppPage("Overview", "")
WAITING = AppPage("Waiting times", "waiting-times")


def view(page: AppPage, seconds: float, **reading: object) -> ViewResult:
    shown = {"shown_page": page.url_path, "finish_status": 0, **reading}
    return ViewResult(Link(page), seconds, 0.1, ViewReading(**shown))


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [
        ([3.0], 95, 3.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 50, 2.5),  # order does not matter
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0, 1.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 100, 5.0),
        ([float(v) for v in range(1, 21)], 95, 19.05),  # rank 18.05: 19 + 0.05 × (20 − 19)
    ],
)
def test_percentile_interpolates_between_order_statistics(values, pct, expected):
    assert percentile(values, pct) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "pct"), [([], 50), ([1.0], 101), ([1.0], -1)])
def test_percentile_refuses_nonsense(values, pct):
    with pytest.raises(ValueError):
        percentile(values, pct)


def test_a_summary_counts_each_kind_of_failure_once_per_view():
    results = [
        view(OVERVIEW, 1.0),
        view(OVERVIEW, 2.0, exception_messages=["KeyError: 'x'", "ValueError: y"]),
        view(OVERVIEW, 3.0, shown_page="waiting-times"),
        view(OVERVIEW, 4.0, page_not_found=True),
        ViewResult(Link(OVERVIEW), 120.0, None, ViewReading(), timed_out=True),
    ]
    summary = summarise(results)
    assert (summary.view_count, summary.p50_seconds, summary.max_seconds) == (5, 3.0, 120.0)
    assert summary.first_element_p50_seconds == pytest.approx(0.1)
    assert summary.exception_count == 2
    assert summary.wrong_page_count == 1
    assert summary.timeout_count == 1
    assert summary.page_not_found_count == 1
    assert summary.failed_count == 3  # the exceptions, the wrong page, the time-out


def test_summaries_by_page_keep_first_appearance_order():
    pages = by_page([view(WAITING, 2.0), view(OVERVIEW, 1.0), view(WAITING, 4.0)])
    assert list(pages) == ["Waiting times", "Overview"]
    assert pages["Waiting times"].p50_seconds == 3.0


def test_throughput_is_views_per_wall_clock_second():
    assert throughput_per_second(80, 40.0) == 2.0
    assert throughput_per_second(0, 0.0) == 0.0
