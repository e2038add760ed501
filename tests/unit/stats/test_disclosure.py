"""Disclosure control: rounding of counts, "<5", and the percentage rule (worked by hand)."""

import numpy as np
import pandas as pd
import pytest

from metrics.stats.disclosure import (
    format_count,
    format_percent,
    is_suppressed_percent,
    scaled_from_shown,
    shown_count,
    shown_counts,
    suppress_table,
)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (7, "5"), (8, "10"), (12, "10"), (13, "15"),
     (1234, "1,235"), (1232, "1,230"), (None, "–"), (float("nan"), "–")],
)
def test_format_count_rounds_to_the_nearest_five(count, shown):
    assert format_count(count) == shown


def test_shown_counts_are_zero_or_multiples_of_five_and_missing_when_suppressed():
    shown = shown_counts(pd.Series([0, 1, 4, 5, 7, 8, 22, 23, np.nan]))
    assert shown[[0, 3, 4, 5, 6, 7]].tolist() == [0.0, 5.0, 5.0, 10.0, 20.0, 25.0]
    assert shown[[1, 2, 8]].isna().all()
    assert shown_count(3) is None and shown_count(0) == 0.0 and shown_count(1237) == 1235.0


def test_no_sum_or_difference_of_shown_counts_falls_in_one_to_four():
    # The property the policy rests on: shown counts are multiples of 5, so any signed sum is too.
    rng = np.random.default_rng(3)
    counts = rng.integers(0, 60, size=200)
    shown = shown_counts(pd.Series(counts)).dropna().to_numpy()
    signs = rng.choice([-1, 1], size=(500, shown.size))
    totals = (signs * shown).sum(axis=1)
    assert not np.any((np.abs(totals) >= 1) & (np.abs(totals) <= 4))


@pytest.mark.parametrize(
    ("value", "denominator", "shown"),
    [(50.0, 9, "suppressed"),  # denominator under 10
     (50.0, 10, "50.0%"),  # 5 of 10 and 5 not
     (36.4, 11, "suppressed"),  # 4 of 11: the issue's example, numerator 1–4
     (90.9, 11, "suppressed"),  # 10 of 11: the complement is 1
     (12.345, 200, "12.3%"), (0.0, 12, "0.0%"), (100.0, 12, "100.0%"), (None, 50, "–")],
)
def test_format_percent(value, denominator, shown):
    assert format_percent(value, denominator) == shown


def test_a_confidence_limit_is_hidden_with_its_estimate_not_by_its_own_value():
    # Upper limit 24.2% of 12 would imply 3 people, but the estimate is 0 of 12: shown.
    assert format_percent(24.2, 12, numerator=0) == "24.2%"
    assert format_percent(60.0, 12, numerator=3) == "suppressed"
    assert is_suppressed_percent(12, 8) and not is_suppressed_percent(12, 7)


def test_rates_of_a_count_are_worked_from_the_shown_count():
    per_month = pd.Series([12 / 12, 3 / 12, 0.0])  # 12, 3 and 0 referrals over 12 months
    assert scaled_from_shown(per_month, pd.Series([12, 3, 0])).round(4).tolist()[0] == round(10 / 12, 4)
    assert np.isnan(scaled_from_shown(per_month, pd.Series([12, 3, 0]))[1])
    per_100 = pd.Series([50 / 12 * 100])  # 50 places for 12 people
    assert scaled_from_shown(per_100, pd.Series([12]), count_is="denominator")[0] == pytest.approx(500.0)


def test_suppress_table_rounds_counts_and_hides_percentages_with_their_limits():
    table = pd.DataFrame(
        {
            "pdu": ["A", "B", "C", "D"],
            "people": [3, 12, 0, 40],
            "value_pct": [33.3, 50.0, np.nan, 95.0],
            "value_pct_lower95": [5.0, 25.0, np.nan, 83.5],
            "denominator": [9, 12, 0, 40],
        }
    )
    safe = suppress_table(table, count_columns=("people",), percent_columns={"value_pct": "denominator"})
    assert safe["people"].tolist() == ["<5", 10, 0, 40]
    assert np.isnan(safe.loc[0, "value_pct"]) and np.isnan(safe.loc[0, "value_pct_lower95"])
    assert safe.loc[1, "value_pct"] == 50.0
    assert np.isnan(safe.loc[3, "value_pct"]) and np.isnan(safe.loc[3, "value_pct_lower95"])  # 2 of 40 not
    assert table.loc[0, "people"] == 3  # original untouched


@pytest.mark.parametrize(
    ("total", "parts", "pinned"),
    [
        (7, [5, 1, 1], True),  # shown 5 = 5, "<5", "<5": 5–7 = 5–7 + x + y forces x = y = 1
        (6, [5, 1], False),  # 5 = 5 + x leaves x in 1–2
        (12, [10, 1, 1], False),  # 10 = 10 + x + y: x + y ≤ 4, each 1–3
        (10, [5, 5, 0], False),  # nothing suppressed
        (10, [5, 6, 1, 1], True),  # 10 (≤ 12) = 5 (≥ 5) + 5 (≥ 5) + x + y: x = y = 1
    ],
)
def test_a_total_pins_a_part_only_where_the_shown_ranges_leave_one_value(total, parts, pinned):
    from metrics.stats.disclosure import total_pins_a_part

    assert total_pins_a_part(total, parts) is pinned


def test_the_issues_waiting_trend_months_are_not_pinned_once_counts_are_rounded():
    from metrics.stats.disclosure import relation_pins_a_suppressed_count

    # Jan 2025: 15 -> 20 with 6 additions, 0 starts, 1 removal: shown 15, 20, 5, 0, "<5": removals 1–4 open.
    assert not relation_pins_a_suppressed_count([(1, 20), (-1, 15), (-1, 6), (1, 0), (1, 1)])
    # Sep 2024: 12 -> 8 with no additions or starts, 4 removals: shown 10, 10, 0, 0, "<5".
    assert not relation_pins_a_suppressed_count([(1, 8), (-1, 12), (-1, 0), (1, 0), (1, 4)])
    # A month the gap pins: 7 -> 5 with 0 additions, 1 start, 1 removal: shown 5, 5, 0, "<5", "<5".
    assert relation_pins_a_suppressed_count([(1, 5), (-1, 7), (-1, 0), (1, 1), (1, 1)])
