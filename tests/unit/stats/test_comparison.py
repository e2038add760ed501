"""Fingertips single-overlap comparison: labels at the 95% and 99.8% edges, by polarity."""

import pytest

from metrics.stats.comparison import compare_one

LIMITS = {"lower95": 40.0, "upper95": 50.0, "lower998": 35.0, "upper998": 55.0, "denominator": 100}


@pytest.mark.parametrize(
    ("benchmark", "polarity", "label"),
    [
        (40.0, "high_is_good", "Similar"),  # on the 95% edge: inside
        (50.0, "high_is_good", "Similar"),
        (39.99, "high_is_good", "Better"),  # unit above benchmark, outside 95%, inside 99.8%
        (35.0, "high_is_good", "Better"),  # on the 99.8% edge: inside
        (34.99, "high_is_good", "Significantly better"),
        (50.01, "high_is_good", "Worse"),
        (55.01, "high_is_good", "Significantly worse"),
        (34.99, "low_is_good", "Significantly worse"),
        (50.01, "low_is_good", "Better"),
        (34.99, "no_judgement", "Significantly higher"),
        (52.0, "no_judgement", "Lower"),
        (60.0, "no_judgement", "Significantly lower"),
    ],
)
def test_labels_at_edges(benchmark, polarity, label):
    assert compare_one(benchmark=benchmark, polarity=polarity, **LIMITS) == label


def test_small_denominator_not_compared():
    limits = {**LIMITS, "denominator": 9}
    assert compare_one(benchmark=10.0, polarity="high_is_good", **limits) == "Not compared"


def test_missing_interval_not_compared():
    limits = {**LIMITS, "lower95": float("nan")}
    assert compare_one(benchmark=45.0, **limits) == "Not compared"
