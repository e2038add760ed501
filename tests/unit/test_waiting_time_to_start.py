"""Aalen–Johansen time to start, checked against values worked by hand.

Hand-worked example (six referrals; S = started, R = removed without start, C = still waiting):

    day 0 S, day 2 R, day 3 S, day 3 C, day 5 S, day 6 C

    day 0: 6 at risk, 1 starts:  started = 1/6;           all-cause survival 5/6
    day 2: 5 at risk, 1 removed: left    = 5/6 × 1/5 = 1/6; survival 5/6 × 4/5 = 4/6
    day 3: 4 at risk, 1 starts:  started = 1/6 + 4/6 × 1/4 = 2/6; survival 3/6; then 1 censored
    day 5: 2 at risk, 1 starts:  started = 2/6 + 3/6 × 1/2 = 7/12; survival 3/12
    day 6: the last person is censored, still waiting (25%).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.waiting_started_within import below_overall_sentence, loglog_interval_pct, started_within_target
from metrics.waiting_time_to_start import cumulative_incidence, incidence_at_days, incidence_curves

HAND = pd.DataFrame({
    "duration_days": [0, 2, 3, 3, 5, 6],
    "event": [1, 2, 1, 0, 1, 0],
    "referral_count": [1, 1, 1, 1, 1, 1],
})


def test_cumulative_incidence_by_hand():
    read = incidence_at_days(cumulative_incidence(HAND), np.array([0, 1, 2, 3, 5, 6]))
    assert read["started_pct"].tolist() == pytest.approx([100 / 6, 100 / 6, 100 / 6, 200 / 6, 700 / 12, 700 / 12])
    assert read["left_pct"].tolist() == pytest.approx([0, 0, 100 / 6, 100 / 6, 100 / 6, 100 / 6])
    assert read["waiting_pct"].iloc[-1] == pytest.approx(25.0)


def test_after_the_last_follow_up_the_estimate_is_unknown_while_people_were_still_waiting():
    read = incidence_at_days(cumulative_incidence(HAND), np.array([7, 70]))
    assert read["started_pct"].isna().all()


def test_after_everyone_has_left_the_estimate_stands():
    events = pd.DataFrame({"duration_days": [1, 4], "event": [1, 2], "referral_count": [1, 1]})
    read = incidence_at_days(cumulative_incidence(events), np.array([30]))
    assert read["started_pct"].iloc[0] == pytest.approx(50.0)
    assert read["left_pct"].iloc[0] == pytest.approx(50.0)


def test_before_the_first_event_nobody_has_started():
    events = pd.DataFrame({"duration_days": [10, 12], "event": [1, 0], "referral_count": [1, 1]})
    read = incidence_at_days(cumulative_incidence(events), np.array([0, 9]))
    assert read["started_pct"].tolist() == [0.0, 0.0]
    assert read["waiting_pct"].tolist() == [100.0, 100.0]


def test_counts_are_the_same_as_repeated_rows():
    counted = pd.DataFrame({"duration_days": [0, 4, 9], "event": [1, 2, 0], "referral_count": [3, 2, 1]})
    repeated = counted.loc[counted.index.repeat(counted["referral_count"])].assign(referral_count=1)
    pd.testing.assert_frame_equal(cumulative_incidence(counted), cumulative_incidence(repeated))


def test_without_censoring_the_estimate_is_the_plain_share_with_its_binomial_standard_error():
    # Seven referrals, none still waiting: by day 3, 2 of 7 had started; se = √(2/7 × 5/7 ÷ 7) = 0.17075.
    events = pd.DataFrame({"duration_days": [1, 2, 3, 4, 5, 6, 7], "event": [1, 2, 1, 2, 1, 1, 2],
                           "referral_count": [1] * 7})
    read = incidence_at_days(cumulative_incidence(events), np.array([3]))
    assert read["started_pct"].iloc[0] == pytest.approx(200 / 7)
    assert read["started_se_pct"].iloc[0] == pytest.approx(17.074694, rel=1e-6)


def test_nobody_started_or_left():
    events = pd.DataFrame({"duration_days": [3, 8], "event": [0, 0], "referral_count": [1, 1]})
    read = incidence_at_days(cumulative_incidence(events), np.array([5]))
    assert read["started_pct"].iloc[0] == 0.0 and read["left_pct"].iloc[0] == 0.0


def test_curves_by_week_per_group():
    events = pd.concat([HAND.assign(group="A"),
                        pd.DataFrame({"duration_days": [7], "event": [1], "referral_count": [1], "group": ["B"]})])
    curves = incidence_curves(events, "group", weeks=1)
    a = curves[curves["group"] == "A"]
    assert a["started_pct"].iloc[0] == pytest.approx(100 / 6)  # week 0 = day 0
    assert math.isnan(a["started_pct"].iloc[1])  # day 7 is past A's last follow-up (day 6, 25% waiting)
    b = curves[curves["group"] == "B"]
    assert b["started_pct"].tolist() == [0.0, 100.0]


def test_loglog_interval_by_hand():
    # F = 0.4, se = 0.1, z = 1.959964: log F = −0.916291, F·log F = −0.366516,
    # s = z·se ÷ (F·log F) = −0.534760; lower = 0.4^e^0.534760 = 0.4^1.707026 = 0.209269;
    # upper = 0.4^e^−0.534760 = 0.4^0.585813 = 0.584631.
    lower, upper = loglog_interval_pct(40.0, 10.0, confidence=0.95)
    assert lower == pytest.approx(20.9269, rel=1e-4)
    assert upper == pytest.approx(58.4631, rel=1e-4)


def test_loglog_interval_edges():
    assert loglog_interval_pct(0.0, 0.0, confidence=0.95) == (0.0, 0.0)
    assert all(math.isnan(value) for value in loglog_interval_pct(30.0, float("nan"), confidence=0.95))


def _group(code: str, started: int, removed: int, waiting: int) -> pd.DataFrame:
    return pd.DataFrame({"group": code, "duration_days": [10, 20, 30], "event": [1, 2, 0],
                         "referral_count": [started, removed, waiting]})


def test_groups_below_the_overall_value_are_flagged():
    # A: 40 of 41 started by day 10 (one still waiting at day 30); B: 10 of 40 (30 removed on day 20).
    # Target 4 weeks = 28 days: every outcome at day 28 is known, so each value is a plain share with
    # Wilson limits. Overall 50/81 = 61.7%. z(99.8%) = 3.0902, z² = 9.5495.
    # A 40/41: centre (0.97561 + 0.11646) ÷ 1.23292 = 0.88576, half-width 0.11209 -> lower 77.4% > 61.7%.
    # B 10/40: centre (0.25 + 0.11937) ÷ 1.23874 = 0.29818, half-width 0.19611 -> upper 49.4% < 61.7%.
    events = pd.concat([_group("A", 40, 0, 1), _group("B", 10, 30, 0)], ignore_index=True)
    table = started_within_target(events, "group", target_weeks=4).set_index("group")
    assert table.loc["Overall", "value_pct"] == pytest.approx(5000 / 81)
    assert table.loc["B", "value_pct"] == pytest.approx(25.0)
    assert table.loc["A", "value_pct_lower998"] == pytest.approx(77.37, abs=0.01)
    assert table.loc["B", "value_pct_upper998"] == pytest.approx(49.43, abs=0.01)
    assert table.loc["A", "comparison"] == "Significantly better"
    assert table.loc["B", "comparison"] == "Significantly worse"
    assert table.loc["Overall", "comparison"] == "Not compared"
    sentence = below_overall_sentence(table.reset_index(), {"B": "Group B"})
    assert sentence.startswith("Significantly below") and sentence.endswith("Group B.")


WEEKLY = HAND.assign(duration_days=HAND["duration_days"] * 7, group="H")  # days 0, 14, 21, 21, 35, 42


def test_known_outcomes_give_the_plain_share_with_wilson_limits():
    # Target 3 weeks = 21 days: the person still waiting was followed exactly 21 days, so all outcomes are
    # known: 2 of 6 started. Wilson 95%: centre (1/3 + 0.32013) ÷ 1.64025 = 0.39837, half-width 0.30163.
    row = started_within_target(WEEKLY, "group", target_weeks=3).set_index("group").loc["H"]
    assert row["value_pct"] == pytest.approx(100 / 3)
    assert row["value_pct_lower95"] == pytest.approx(9.67, abs=0.01)
    assert row["value_pct_upper95"] == pytest.approx(70.00, abs=0.01)


def test_censored_outcomes_use_the_aalen_johansen_estimate_and_loglog_limits():
    # Target 5 weeks = 35 days: someone left the follow-up at day 21, so the estimate is Aalen–Johansen's
    # 7/12 (not the plain share 3/6) and its limits come from the log(−log) interval.
    row = started_within_target(WEEKLY, "group", target_weeks=5).set_index("group").loc["H"]
    assert row["value_pct"] == pytest.approx(700 / 12)
    assert row["value_pct_lower95"] < row["value_pct"] < row["value_pct_upper95"] < 100


def test_small_groups_are_not_compared():
    events = pd.concat([_group("A", 4, 1, 0), _group("B", 30, 20, 10)], ignore_index=True)
    table = started_within_target(events, "group", target_weeks=4).set_index("group")
    assert table.loc["A", "comparison"] == "Not compared"  # 5 referrals, under the minimum of 10


def test_no_group_below_is_said_so():
    events = pd.concat([_group("A", 20, 5, 5), _group("B", 20, 5, 5)], ignore_index=True)
    table = started_within_target(events, "group", target_weeks=4)
    assert below_overall_sentence(table, {}).startswith("No group is below")
