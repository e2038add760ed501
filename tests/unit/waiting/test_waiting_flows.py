"""Clearance time, the monthly trend and the comparison date, by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics.waiting.flows import (
    clearance_time_weeks,
    comparison_date,
    monthly_trend,
    recent_window_start,
    with_clearance_time,
)


def test_clearance_time_is_list_over_weekly_starts():
    # 13 starts in 13 weeks = 1 a week; 26 waiting take 26 weeks.
    assert clearance_time_weeks(26, 13) == pytest.approx(26.0)
    assert clearance_time_weeks(10, 26) == pytest.approx(5.0)  # 2 a week


def test_a_list_with_no_starts_is_not_clearing():
    assert math.isinf(clearance_time_weeks(12, 0))


def test_an_empty_list_takes_no_time_to_clear():
    assert clearance_time_weeks(0, 0) == 0.0


def test_clearance_column():
    table = with_clearance_time(pd.DataFrame({"waiting_count": [26, 4], "recent_starts_count": [13, 0]}))
    assert table["clearance_time_weeks"].iloc[0] == pytest.approx(26.0)
    assert math.isinf(table["clearance_time_weeks"].iloc[1])


def test_recent_window_is_91_days():
    assert recent_window_start(dt.date(2024, 6, 30)) == dt.date(2024, 3, 31)


def test_trend_adds_net_flows_to_the_list_before_the_period():
    flows = pd.DataFrame({
        "month": [dt.date(2024, 1, 1), dt.date(2024, 2, 1)],
        "month_end": [dt.date(2024, 1, 31), dt.date(2024, 2, 29)],
        "additions_count": [3, 0], "starts_count": [1, 2], "removals_count": [0, 1],
    })
    trend = monthly_trend(flows, waiting_before_count=5)
    assert trend["net_change_count"].tolist() == [2, -3]
    assert trend["waiting_end_count"].tolist() == [7, 4]


@pytest.mark.parametrize(
    ("snapshot", "data_from", "expected"),
    [
        (dt.date(2025, 3, 17), dt.date(2022, 1, 1), dt.date(2024, 3, 17)),  # a year earlier
        (dt.date(2025, 3, 17), dt.date(2024, 6, 1), dt.date(2024, 12, 16)),  # only 13 weeks (91 days)
        (dt.date(2025, 3, 17), dt.date(2025, 1, 1), None),  # neither is in the data
        (dt.date(2024, 2, 29), dt.date(2020, 1, 1), dt.date(2023, 2, 28)),  # leap day
    ],
)
def test_comparison_date(snapshot, data_from, expected):
    assert comparison_date(snapshot, data_from) == expected
