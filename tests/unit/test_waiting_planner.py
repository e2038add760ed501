"""The capacity planner's projection against a month worked by hand.

Month length = 365.25 ÷ 12 = 30.4375 days. Start: 10 people waiting 0 days and 10
waiting 60 days (blocks [0, 1) and [60, 61)). Rates: 6 referrals, 12 starts and 2
removals a month (removal share 2 ÷ 20 = 0.1).

    age a month:  [30.4375, 31.4375) 10 people, [90.4375, 91.4375) 10 people
    remove 10%:   9 and 9
    add 6:        [0, 30.4375) 6 people
    start 12, longest first: all 9 of the oldest block, then 3 of the 9 in [30.4375, 31.4375),
                  leaving 6 spread over [30.4375, 30.4375 + 6/9) = [30.4375, 31.1042)
    list: 12.  Median: the 6th person ends the new block -> 30.4375 days = 4.3482 weeks.
    92nd: 0.92 × 12 = 11.04 -> 5.04 into the 6 people of the older block:
          30.4375 + 5.04/6 × 2/3 = 30.9975 days = 4.4282 weeks.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.waiting_planner import (
    MONTH_DAYS,
    block_percentile_days,
    first_month_meeting_target,
    monthly_rate,
    project_waiting_list,
)

LIST = pd.DataFrame({"wait_days": [0, 60], "waiting_count": [10, 10]})


def _project(target_weeks: float, **rates: float) -> pd.DataFrame:
    settings = {"additions_per_month": 6, "starts_per_month": 12, "removals_per_month": 2} | rates
    return project_waiting_list(LIST, target_weeks=target_weeks, months=2, **settings)


def test_one_month_by_hand():
    month_one = _project(target_weeks=4).set_index("month").loc[1]
    assert round(MONTH_DAYS, 4) == 30.4375
    assert month_one["waiting_count"] == pytest.approx(12)
    assert month_one["median_wait_weeks"] == pytest.approx(30.4375 / 7)
    assert month_one["p92_wait_weeks"] == pytest.approx(30.9975 / 7)
    assert not month_one["meets_target"]  # 30.9975 days > 4 weeks (28 days)


def test_month_zero_is_the_list_at_t_with_exact_percentiles():
    month_zero = _project(target_weeks=4).set_index("month").loc[0]
    assert month_zero["waiting_count"] == 20
    assert month_zero["median_wait_weeks"] == pytest.approx(30 / 7)  # numpy: halfway between 0 and 60
    assert month_zero["p92_wait_weeks"] == pytest.approx(60 / 7)


def test_the_first_month_meeting_the_target():
    # With a 5-week (35-day) target, month 1's 92nd percentile (30.9975 days) is within it.
    assert first_month_meeting_target(_project(target_weeks=5)) == 1
    assert first_month_meeting_target(_project(target_weeks=4, starts_per_month=0)) is None


def test_enough_places_empty_the_list():
    projection = _project(target_weeks=4, starts_per_month=100)
    assert projection["waiting_count"].iloc[1] == 0
    assert math.isnan(projection["median_wait_weeks"].iloc[1])
    assert projection["meets_target"].iloc[1]


def test_no_starts_and_no_removals_keeps_everyone_and_ages_them():
    projection = _project(target_weeks=4, starts_per_month=0, removals_per_month=0, additions_per_month=0)
    assert projection["waiting_count"].tolist() == pytest.approx([20, 20, 20])
    # Month 2: blocks [60.875, 61.875) and [120.875, 121.875); median = the 10th person = 61.875 days.
    assert projection["median_wait_weeks"].iloc[2] == pytest.approx(61.875 / 7)


def test_monthly_rate_from_13_weeks():
    assert monthly_rate(39) == pytest.approx(13.0)  # 13 weeks = 3 planning months


def test_block_percentile_within_a_block():
    blocks = np.array([[0.0, 10.0, 4.0], [10.0, 20.0, 6.0]])
    assert block_percentile_days(blocks, 50) == pytest.approx(10 + 1 / 6 * 10)  # 5th of 10 is 1 into block 2
