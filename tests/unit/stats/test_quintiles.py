"""Quintiles of values among areas, worked out by hand."""

from __future__ import annotations

import pandas as pd

from metrics.stats.quintiles import NO_VALUE, quintile_labels, quintile_numbers


def test_ten_values_put_two_in_each_fifth_whatever_their_order():
    values = pd.Series([5.0, 1, 3, 2, 4, 7, 9, 8, 6, 10])
    # Ranks 1..10; quintile = floor(5 × (rank − 1) ÷ 10) + 1: ranks 1–2 -> 1, 3–4 -> 2, ... 9–10 -> 5.
    assert quintile_numbers(values).tolist() == [3, 1, 2, 1, 2, 4, 5, 4, 3, 5]


def test_missing_values_are_left_out_of_the_ranking_and_stay_missing():
    values = pd.Series([None, 40.0, 10.0, None, 30.0, 20.0, 50.0])
    # Five values present: each its own fifth.
    assert quintile_labels(values).tolist() == [NO_VALUE, "Fourth fifth", "Lowest fifth", NO_VALUE, "Middle fifth",
                                                "Second fifth", "Highest fifth"]


def test_tied_values_share_the_lower_fifth():
    # Ranks (lowest of the tie) 1, 1, 3: floor(5 × 0 ÷ 3) + 1 = 1 twice; floor(5 × 2 ÷ 3) + 1 = 4.
    assert quintile_numbers(pd.Series([7.0, 7.0, 9.0])).tolist() == [1, 1, 4]


def test_no_values_gives_no_quintiles():
    assert quintile_numbers(pd.Series([None, None], dtype="float64")).isna().all()
