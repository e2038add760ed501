"""The recent-trend test against hand-computed chi-square values, its wording, and the trend's quarters."""

import datetime as dt

import numpy as np
import pytest

from metrics.stats.trend import (
    TREND_CRITICAL_CHI2,
    proportion_trend_chi2,
    rate_trend_chi2,
    recent_trend,
    trend_direction,
    trend_quarters,
)

SCORES = np.arange(1, 6, dtype=float)


def test_critical_value_is_chi2_one_df_at_998():
    critical = TREND_CRITICAL_CHI2
    assert critical == pytest.approx(9.5495, abs=1e-4)


def test_proportion_chi2_hand_computed():
    # r = 10, 15, 20, 25, 30 of n = 100 each: N = 500, R = 100, p = 0.2, x̄ = 3.
    # Σrx = 350, R·x̄ = 300 -> (50)² = 2500. Σnx² = 5500, N·x̄² = 4500 -> 1000; p(1-p) = 0.16.
    # χ² = 2500 / (0.16 × 1000) = 15.625.
    assert proportion_trend_chi2([10, 15, 20, 25, 30], [100] * 5, SCORES) == pytest.approx(15.625)


def test_proportion_chi2_without_the_last_point_hand_computed():
    # r = 10..25 of 100, x = 1..4: p = 0.175, x̄ = 2.5; (200 - 175)² = 625; 0.144375 × (3000 - 2500) = 72.1875.
    assert proportion_trend_chi2([10, 15, 20, 25], [100] * 4, SCORES[:4]) == pytest.approx(8.6580, abs=1e-4)


def test_rate_chi2_hand_computed():
    # O = 10..50 over equal person-time: E = 30 each; Σx(O - E) = -20 - 20 + 0 + 40 + 100 = 100.
    # Σx²E = 30 × 55 = 1650; (ΣxE)²/ΣO = 450² / 150 = 1350; χ² = 100² / 300 = 33.33.
    assert rate_trend_chi2([10, 20, 30, 40, 50], [1000] * 5, SCORES) == pytest.approx(100 / 3)


def test_significant_overall_but_not_when_a_point_is_dropped_is_no_change():
    # χ² = 15.6 with all five points but 8.66 without the last: not robust.
    assert trend_direction([10, 15, 20, 25, 30], [100] * 5, kind="proportion") == 0


def test_rate_trend_significant_with_every_point_dropped():
    # Dropping each point in turn gives χ² of 14.3, 26.9, 33.3, 31.8 and 20.0: all above 9.5495.
    assert trend_direction([10, 20, 30, 40, 50], [1000] * 5, kind="rate") == 1


@pytest.mark.parametrize(
    ("numerators", "polarity", "words"),
    [
        ([100, 150, 200, 250, 300], "high_is_good", "Increasing and getting better"),
        ([100, 150, 200, 250, 300], "low_is_good", "Increasing and getting worse"),
        ([300, 250, 200, 150, 100], "low_is_good", "Decreasing and getting better"),
        ([300, 250, 200, 150, 100], "high_is_good", "Decreasing and getting worse"),
        ([100, 150, 200, 250, 300], "no_judgement", "Increasing"),
        ([200, 205, 195, 200, 202], "high_is_good", "No significant change"),
    ],
)
def test_trend_in_words(numerators, polarity, words):
    assert recent_trend(numerators, [1000] * 5, kind="proportion", polarity=polarity, min_denominator=10) == words


def test_only_the_five_most_recent_periods_are_tested():
    # An old collapse followed by five flat periods: no significant change.
    series = [900, 100, 200, 200, 200, 200, 200]
    assert recent_trend(series, [1000] * 7, kind="proportion", polarity="high_is_good",
                        min_denominator=10) == "No significant change"


@pytest.mark.parametrize(
    ("numerators", "denominators", "kind", "start"),
    [
        ([1, 2, 3, 4], [10, 10, 10, 10], "proportion", "Not tested: fewer than 5"),
        ([1, 2, 3, 4, 5], [10, 10, 9, 10, 10], "proportion", "Not tested: a recent period is below"),
        ([1, 2, 3, 4, 5], [10, 10, 10, 10, 10], "median", "Not tested: the recent-trend test applies"),
    ],
)
def test_not_tested(numerators, denominators, kind, start):
    words = recent_trend(numerators, denominators, kind=kind, polarity="high_is_good", min_denominator=10)
    assert words.startswith(start)


def test_quarters_tile_back_from_the_period_end_without_gaps():
    quarters = trend_quarters(dt.date(2025, 5, 31), dt.date(2024, 6, 1))
    assert quarters["window"].tolist() == [0, 1, 2, 3]
    assert quarters["start"].tolist() == [dt.date(2024, 6, 1), dt.date(2024, 9, 1), dt.date(2024, 12, 1),
                                          dt.date(2025, 3, 1)]
    assert quarters["end"].tolist() == [dt.date(2024, 8, 31), dt.date(2024, 11, 30), dt.date(2025, 2, 28),
                                        dt.date(2025, 5, 31)]
    assert quarters["label"].iloc[-1] == "3 months to 31 May 2025"


def test_at_most_eight_quarters_by_default():
    quarters = trend_quarters(dt.date(2025, 3, 17), dt.date(2015, 1, 1))
    assert len(quarters) == 8
    # 17 Mar is part of a month: the latest quarter is Dec–Feb, the earliest (seven quarters before) Mar–May 2023.
    assert quarters["start"].iloc[0] == dt.date(2023, 3, 1)
    assert len(trend_quarters(dt.date(2025, 3, 17), dt.date(2015, 1, 1), count=12)) == 12


def test_quarters_end_on_calendar_month_ends_after_a_30th_of_june():
    # Issue 11: 30 Jun less 3 months by date arithmetic is 30 Mar, then 30 Dec. By hand, whole months:
    # Apr–Jun, Jan–Mar, Oct–Dec, Jul–Sep.
    quarters = trend_quarters(dt.date(2025, 6, 30), dt.date(2024, 7, 1))
    assert quarters["end"].tolist() == [dt.date(2024, 9, 30), dt.date(2024, 12, 31), dt.date(2025, 3, 31),
                                        dt.date(2025, 6, 30)]
    assert quarters["start"].tolist() == [dt.date(2024, 7, 1), dt.date(2024, 10, 1), dt.date(2025, 1, 1),
                                          dt.date(2025, 4, 1)]
    assert quarters["label"].tolist()[-2:] == ["3 months to 31 Mar 2025", "3 months to 30 Jun 2025"]


def test_a_period_ending_part_way_through_a_month_leaves_that_part_month_out():
    # 17 Mar 2025: March is incomplete, so the quarters are Dec–Feb (28 Feb 2025), Sep–Nov, Jun–Aug;
    # 29 Feb 2024 is a month end (leap year), so Dec 2023–Feb 2024 ends there.
    quarters = trend_quarters(dt.date(2025, 3, 17), dt.date(2024, 6, 1))
    assert list(zip(quarters["start"], quarters["end"], strict=True)) == [
        (dt.date(2024, 6, 1), dt.date(2024, 8, 31)),
        (dt.date(2024, 9, 1), dt.date(2024, 11, 30)),
        (dt.date(2024, 12, 1), dt.date(2025, 2, 28)),
    ]
    leap = trend_quarters(dt.date(2024, 2, 29), dt.date(2023, 12, 1))
    assert (leap["start"].item(), leap["end"].item()) == (dt.date(2023, 12, 1), dt.date(2024, 2, 29))


def test_every_quarter_is_three_whole_months_that_tile():
    for end in (dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2024, 11, 15), dt.date(2025, 5, 30)):
        quarters = trend_quarters(end, dt.date(2015, 1, 1))
        assert all(start.day == 1 for start in quarters["start"])
        assert all((day + dt.timedelta(days=1)).day == 1 for day in quarters["end"])
        assert all(later == earlier + dt.timedelta(days=1)
                   for earlier, later in zip(quarters["end"].iloc[:-1], quarters["start"].iloc[1:], strict=True))
        assert quarters["end"].iloc[-1] <= end


def test_no_quarter_when_the_data_start_too_late():
    quarters = trend_quarters(dt.date(2025, 3, 31), dt.date(2025, 2, 1))
    assert quarters.empty and list(quarters.columns) == ["window", "start", "end", "label"]
