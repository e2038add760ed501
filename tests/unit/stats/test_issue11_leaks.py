"""Regression tests for the four small-count leaks reproduced in issue 11, each worked by hand."""

import math

import pandas as pd

from charts.overview import referrals_and_starts_figure
from metrics.comparison.indicators import indicator
from metrics.comparison.pdu_comparison import is_value_suppressed
from metrics.stats.disclosure import relation_pins_a_suppressed_count, total_pins_a_part
from metrics.waiting.views import bands_table


def test_leak_1_the_overview_chart_plots_rounded_counts_and_gaps_where_suppressed():
    # PDU N03P01, starts Apr–Jun 2024: the table read "<5, <5, <5" while the chart plotted 4, 2, 4.
    monthly = pd.DataFrame({"month": pd.to_datetime(["2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01"]),
                            "referral_count": [12, 13, 0, 7], "start_count": [4, 2, 4, 9]})
    figure = referrals_and_starts_figure(monthly)
    referrals, starts = figure.data
    assert list(referrals.y) == [10, 15, 0, 5]
    assert all(math.isnan(value) for value in starts.y[:3]) and starts.y[3] == 10
    assert list(starts.text[:3]) == ["<5"] * 3 and "%{text}" in starts.hovertemplate


def test_leak_2_consecutive_month_ends_no_longer_give_the_removals_back():
    # Region N03, Jan 2025: list 15 -> 20, additions 6, starts 0, removals "<5" gave removals = 1.
    # Shown now: 15 (13–17), 20 (18–22), 5 (5–7), 0, "<5": removals = 13–17 + 5–7 − 18–22, so −4 to 6:
    # any of 1–4.
    assert not relation_pins_a_suppressed_count([(1, 20), (-1, 15), (-1, 6), (1, 0), (1, 1)])
    # Sep 2024: 12 -> 8, nothing added or started, removals "<5" (4): shown 10 and 10, so 0–4 apart.
    assert not relation_pins_a_suppressed_count([(1, 8), (-1, 12), (-1, 0), (1, 0), (1, 4)])


def test_leak_3_a_total_less_its_shown_parts_cannot_be_one_to_four():
    # Region N58, accredited programmes: list 25, bands whose visible cells summed to 22, one "<5" = 3.
    bands = pd.DataFrame({"band": ["0–4", "4–8", "8–12"], "waiting_count": [12, 10, 3]})
    shown = bands_table(bands)["People waiting"].tolist()
    assert shown == [10, 10, "<5"]
    assert 25 - sum(value for value in shown if value != "<5") == 5  # not 1–4, whatever the rounding
    assert not total_pins_a_part(25, [12, 10, 3])


def test_leak_4_a_percentage_of_a_small_numerator_is_hidden_in_pdu_comparisons():
    # "Referrals removed without starting" 36.4% of 11 gave the numerator 4.
    item = indicator("removed_without_start")
    hidden = is_value_suppressed(item, pd.Series([4.0, 7.0, 10.0]), pd.Series([11.0, 20.0, 11.0]))
    assert hidden.tolist() == [True, False, True]  # 4 of 11; 7 of 20 shown; 10 of 11 leaves 1 unstarted
