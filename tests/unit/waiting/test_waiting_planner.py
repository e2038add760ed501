"""The capacity planner against a life table and a month worked by hand.

Month length = 365.25 ÷ 12 = 30.4375 days.

Projection example: 10 people waiting 0 days and 10 waiting 60 days (blocks [0, 1)
and [60, 61); the second block's middle, 60.5 days, is in month 1 of waiting).
Chances by month of waiting: starting 0.1 then 0.5, leaving without starting 0.1
then 0.1. Recent rates: 6 referrals, 12 starts and 2 removals a month.

    removals: chances × people = 1 + 1 = 2, the recent rate, so scale 1: 9 and 9 left
    starts:   shared as 0.1 × 9 : 0.5 × 9 = 0.9 : 4.5 -> 2 and 10; the older block holds only 9,
              so its spare place goes to the younger block: 3 and 9 start (12 in all)
    age:      6 left in [30.4375, 31.4375); the older block is empty
    add:      6 referrals spread over [0, 30.4375)
    list 12.  Median: the 6th person ends the new block -> 30.4375 days = 4.3482 weeks.
    92nd: 0.92 × 12 = 11.04 -> 5.04 of the 6 in [30.4375, 31.4375) -> 31.2775 days = 4.4682 weeks.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.waiting.planner import MONTH_DAYS, block_percentile_days, life_table, monthly_rate
from metrics.waiting.projection import first_month_meeting_target, project_waiting_list, share_out

LIST = pd.DataFrame({"wait_days": [0, 60], "waiting_count": [10, 10]})
CHANCES = pd.DataFrame({"month": [0, 1], "start_chance": [0.1, 0.5], "removal_chance": [0.1, 0.1]})


def _project(target_weeks: float, chances: pd.DataFrame = CHANCES, **rates: float) -> pd.DataFrame:
    settings = {"additions_per_month": 6, "starts_per_month": 12, "removals_per_month": 2} | rates
    return project_waiting_list(LIST, chances, target_weeks=target_weeks, months=2, **settings)


def test_one_month_by_hand():
    month_one = _project(target_weeks=4).set_index("month").loc[1]
    assert round(MONTH_DAYS, 4) == 30.4375
    assert month_one["waiting_count"] == pytest.approx(12)
    assert month_one["starts_count"] == pytest.approx(12)
    assert month_one["median_wait_weeks"] == pytest.approx(30.4375 / 7)
    assert month_one["p92_wait_weeks"] == pytest.approx(31.2775 / 7)
    assert not month_one["meets_target"]  # 31.2775 days > 4 weeks (28 days)


def test_month_zero_is_the_list_at_t_with_exact_percentiles():
    month_zero = _project(target_weeks=4).set_index("month").loc[0]
    assert month_zero["waiting_count"] == 20
    assert month_zero["median_wait_weeks"] == pytest.approx(30 / 7)  # numpy: halfway between 0 and 60
    assert month_zero["p92_wait_weeks"] == pytest.approx(60 / 7)


def test_the_first_month_meeting_the_target():
    # With a 5-week (35-day) target, month 1's 92nd percentile (31.2775 days) is within it.
    assert first_month_meeting_target(_project(target_weeks=5)) == 1
    assert first_month_meeting_target(_project(target_weeks=4, starts_per_month=0)) is None


def test_more_places_than_people_empty_the_list_and_go_unused():
    projection = _project(target_weeks=4, starts_per_month=100, additions_per_month=0)
    assert projection["waiting_count"].iloc[1] == pytest.approx(0)
    assert projection["starts_count"].iloc[1] == pytest.approx(18)  # 20 less the 2 removed
    assert math.isnan(projection["median_wait_weeks"].iloc[1])
    assert projection["meets_target"].iloc[1]


def test_no_starts_and_no_removals_keeps_everyone_and_ages_them():
    projection = _project(target_weeks=4, starts_per_month=0, removals_per_month=0, additions_per_month=0)
    assert projection["waiting_count"].tolist() == pytest.approx([20, 20, 20])
    # Month 2: blocks [60.875, 61.875) and [120.875, 121.875); median = the 10th person = 61.875 days.
    assert projection["median_wait_weeks"].iloc[2] == pytest.approx(61.875 / 7)


def test_without_a_life_table_starts_and_removals_are_spread_evenly():
    # No chances known: 2 removals shared 1 : 1, 12 starts shared by room 9 : 9 -> 6 and 6.
    projection = _project(target_weeks=4, chances=CHANCES.iloc[0:0])
    assert projection["waiting_count"].iloc[1] == pytest.approx(20 - 2 - 12 + 6)


def test_life_table_by_hand():
    # Durations (days, event): 10 started, 20 removed, 40 started, 45 still waiting, 70 started.
    # Months of waiting: 0, 0, 1, 1, 2. Entering: 5, 3, 1; censored: 0, 1, 0; at risk 5, 2.5, 1.
    events = pd.DataFrame({"duration_days": [10, 20, 40, 45, 70], "event": [1, 2, 1, 0, 1],
                           "referral_count": [1, 1, 1, 1, 1]})
    table = life_table(events, pool_below=0)
    assert table["at_risk"].tolist() == pytest.approx([5, 2.5, 1])
    assert table["start_chance"].tolist() == pytest.approx([0.2, 0.4, 1.0])
    assert table["removal_chance"].tolist() == pytest.approx([0.2, 0.0, 0.0])
    # Months from the first with fewer than 3 at risk are pooled: at risk 2.5 + 1, starts 1 + 1.
    pooled = life_table(events, pool_below=3)
    assert pooled["start_chance"].tolist() == pytest.approx([0.2, 2 / 3.5])


def test_share_out_fills_and_spills():
    assert share_out(30, np.array([1.0, 1.0]), np.array([5.0, 10.0])).tolist() == [5.0, 10.0]  # 15 unused
    assert share_out(4, np.array([0.0, 0.0]), np.array([6.0, 2.0])).tolist() == pytest.approx([3.0, 1.0])


def test_monthly_rate_from_13_weeks():
    assert monthly_rate(39) == pytest.approx(13.0)  # 13 weeks = 3 planning months


def test_block_percentile_within_a_block():
    blocks = np.array([[0.0, 10.0, 4.0], [10.0, 20.0, 6.0]])
    assert block_percentile_days(blocks, 50) == pytest.approx(10 + 1 / 6 * 10)  # 5th of 10 is 1 into block 2
