"""Medians from histograms and their order-statistic intervals (Campbell & Gardner, BMJ 1988)."""

import numpy as np
import pandas as pd
import pytest

from metrics.stats.medians import (
    histogram_median,
    median_rank_interval,
    median_rank_intervals,
    median_summary,
    medians_by_group,
)


@pytest.mark.parametrize(
    ("count", "ranks"),
    [
        # Ranks of the 95% interval for a median, Campbell & Gardner (1988) Table: n=6 -> 1st and 6th,
        # n=10 -> 2nd and 9th, n=20 -> 6th and 15th, n=30 -> 10th and 21st.
        (6, (1, 6)),
        (10, (2, 9)),
        (20, (6, 15)),
        (30, (10, 21)),
        # n = 5: even (x(1), x(5)) covers only 1 - 2/32 = 93.75% < 95%.
        (5, None),
        (0, None),
    ],
)
def test_rank_interval_95_matches_published_table(count, ranks):
    assert median_rank_interval(count) == ranks


def test_rank_interval_998_by_hand():
    # n = 10: P(B <= 0) = 1/1024 = 0.00098 <= 0.001 -> x(1) to x(10); n = 9: 1/512 > 0.001 -> none.
    assert median_rank_interval(10, confidence=0.998) == (1, 10)
    assert median_rank_interval(9, confidence=0.998) is None


def test_rank_intervals_for_many_counts_at_once_match_the_published_table():
    # The same Campbell & Gardner ranks, and zeros where no interval exists (n = 0 and 5).
    lower, upper = median_rank_intervals(np.array([6, 10, 20, 30, 5, 0]))
    assert lower.tolist() == [1, 2, 6, 10, 0, 0]
    assert upper.tolist() == [6, 9, 15, 21, 0, 0]


@pytest.mark.parametrize(
    ("values", "counts"),
    [([3, 7, 10], [1, 2, 1]), ([1, 2, 3, 4], [1, 1, 1, 1]), ([5], [3]), ([0, 100], [1, 1]), ([2, 9], [5, 6])],
)
def test_histogram_median_equals_numpy_on_the_expanded_list(values, counts):
    expanded = np.repeat(values, counts)
    assert histogram_median(np.array(values, float), np.array(counts)) == pytest.approx(np.median(expanded))


def test_empty_histogram_has_no_median():
    assert np.isnan(histogram_median(np.array([], float), np.array([], int)))


def test_summary_of_one_to_ten():
    # Values 1..10 once each: median 5.5; 95% interval x(2)..x(9) = 2..9; 99.8% x(1)..x(10) = 1..10.
    summary = median_summary(np.arange(10, 0, -1, dtype=float), np.ones(10, dtype=int))
    assert summary == {"count": 10.0, "median": 5.5, "lower95": 2.0, "upper95": 9.0,
                       "lower998": 1.0, "upper998": 10.0}


def test_summary_with_ties_reads_ranks_through_the_counts():
    # 20 values: 0 x5, 10 x5, 20 x5, 30 x5. 95% ranks 6 and 15 -> values 10 and 20; median (10+20)/2.
    summary = median_summary(np.array([30.0, 0.0, 20.0, 10.0]), np.array([5, 5, 5, 5]))
    assert (summary["median"], summary["lower95"], summary["upper95"]) == (15.0, 10.0, 20.0)


def test_medians_by_group_keeps_groups_apart():
    histogram = pd.DataFrame({"pdu": ["B", "A", "A", "B", "A"], "days": [4, 1, 3, 8, 2],
                              "n": [1, 1, 1, 3, 1]})
    medians = medians_by_group(histogram, group="pdu", value="days", count="n")
    assert medians["pdu"].tolist() == ["A", "B"]
    assert medians["median"].tolist() == [2.0, 8.0]
    assert medians["count"].tolist() == [3.0, 4.0]
    assert medians["lower95"].isna().all()  # fewer than six values: no 95% interval
