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

from metrics.waiting.started_within import below_overall_sentence, loglog_interval_pct, started_within_target
from metrics.waiting.time_to_start import cumulative_incidence, incidence_at_days, incidence_curves

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
    assert below_overall_sentence(table, {}).startswith("None is below")


# Issue 11: an estimate of 0% or 100% with some outcomes unknown had a zero standard error, so its interval
# collapsed to the point and the group was labelled "Significantly ..." on no evidence. Wilson at the
# boundaries, by hand with z(95%)² = 3.841459 and z(99.8%)² = 9.549534: for 0 of n the upper limit is
# z² ÷ (n + z²); for n of n the lower limit is n ÷ (n + z²).

def _issue_example() -> pd.DataFrame:
    # X (the issue's group): 12 referrals, 2 still waiting when followed 20 days, 10 still waiting at day 100,
    # none started. Y: 28 referrals, 12 started on day 5, 16 removed on day 50.
    return pd.DataFrame({"group": ["X", "X", "Y", "Y"], "duration_days": [20, 100, 5, 50],
                         "event": [0, 0, 1, 2], "referral_count": [2, 10, 12, 16]})


def test_nobody_started_with_censoring_gets_wilson_limits_on_the_known_outcomes():
    # Target 12 weeks = 84 days. X's estimate is 0 and the two followed for 20 days have no known outcome
    # at day 84, so n = 10: upper 95% = 3.841459 ÷ 13.841459 = 27.75%, 99.8% = 9.549534 ÷ 19.549534 = 48.85%.
    # Overall (Aalen–Johansen): day 5, 40 at risk, 12 start -> 12/40 = 30%; later only removals and
    # censoring, so 30% at day 84. 27.75 < 30 < 48.85: "Worse", not "Significantly worse".
    table = started_within_target(_issue_example(), "group", target_weeks=12).set_index("group")
    x = table.loc["X"]
    assert x["value_pct"] == 0.0
    assert x["value_pct_lower95"] == pytest.approx(0.0, abs=1e-9)
    assert x["value_pct_upper95"] == pytest.approx(27.753, abs=0.001)
    assert x["value_pct_lower998"] == pytest.approx(0.0, abs=1e-9)
    assert x["value_pct_upper998"] == pytest.approx(48.848, abs=0.001)
    assert table.loc["Overall", "value_pct"] == pytest.approx(30.0)
    assert x["comparison"] == "Worse"


def test_nobody_started_with_every_outcome_known_gives_the_issues_wilson_limits():
    # Target 2 weeks = 14 days: everyone in X was followed at least 14 days, so 0 of 12 with Wilson's limits:
    # 3.841459 ÷ 15.841459 = 24.25% and 9.549534 ÷ 21.549534 = 44.31% (the issue's 0–24.2% and 0–44.3%).
    x = started_within_target(_issue_example(), "group", target_weeks=2).set_index("group").loc["X"]
    assert x["value_pct_upper95"] == pytest.approx(24.249, abs=0.001)
    assert x["value_pct_upper998"] == pytest.approx(44.314, abs=0.001)


def test_everyone_started_with_censoring_gets_wilson_limits_on_the_known_outcomes():
    # X: 2 still waiting when followed 5 days, 10 started on day 10, so the estimate at 28 days is 100% with
    # 10 known outcomes: lower 95% = 10 ÷ 13.841459 = 72.25%, 99.8% = 10 ÷ 19.549534 = 51.15%.
    # Y: 30 referrals, 18 started on day 5, 12 removed on day 50. Overall: day 5, 42 at risk, 18 start
    # (F = 18/42, still waiting 24/42); X's 2 are censored; day 10, 22 at risk, 10 start:
    # F = 18/42 + 24/42 × 10/22 = 68.83%, between 51.15 and 72.25: "Better".
    events = pd.DataFrame({"group": ["X", "X", "Y", "Y"], "duration_days": [5, 10, 5, 50],
                           "event": [0, 1, 1, 2], "referral_count": [2, 10, 18, 12]})
    table = started_within_target(events, "group", target_weeks=4).set_index("group")
    x = table.loc["X"]
    assert x["value_pct"] == pytest.approx(100.0)
    assert x["value_pct_lower95"] == pytest.approx(72.247, abs=0.001)
    assert x["value_pct_lower998"] == pytest.approx(51.152, abs=0.001)
    assert x["value_pct_upper95"] == pytest.approx(100.0) and x["value_pct_upper998"] == pytest.approx(100.0)
    assert table.loc["Overall", "value_pct"] == pytest.approx(100 * (18 / 42 + 24 / 42 * 10 / 22))
    assert x["comparison"] == "Better"


def test_a_zero_width_interval_is_never_labelled(monkeypatch):
    import metrics.waiting.started_within as module

    # A: 20 referrals, 5 started day 10, 3 censored day 20, 12 removed day 30: the log(−log) path at 28 days.
    events = pd.DataFrame({"group": ["A"] * 3 + ["B"] * 3, "duration_days": [10, 20, 30] * 2,
                           "event": [1, 0, 2] * 2, "referral_count": [5, 3, 12, 15, 1, 4]})
    monkeypatch.setattr(module, "loglog_interval_pct", lambda estimate, se, *, confidence: (estimate, estimate))
    table = started_within_target(events, "group", target_weeks=4)
    assert set(table["comparison"]) == {"Not compared"}
