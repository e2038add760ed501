"""Snapshot measures on hand-worked lists (waits in days; weeks = days ÷ 7)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.stats.medians import weighted_percentile_days
from metrics.waiting.snapshot import wait_bands, wait_summary, wait_summary_by


def _histogram(waits: dict[int, int], **columns: str) -> pd.DataFrame:
    rows = pd.DataFrame({"wait_days": list(waits), "waiting_count": list(waits.values())})
    return rows.assign(**columns)


@pytest.mark.parametrize(
    ("waits", "percentile", "expected_days"),
    [
        # Sorted list 0, 7, 14, 70. Median: h = 3 × 0.5 = 1.5 -> 7 + 0.5 × (14 − 7) = 10.5.
        ({0: 1, 7: 1, 14: 1, 70: 1}, 50, 10.5),
        # 92nd: h = 3 × 0.92 = 2.76 -> 14 + 0.76 × (70 − 14) = 56.56.
        ({0: 1, 7: 1, 14: 1, 70: 1}, 92, 56.56),
        # Ties: 10, 10, 10, 20. Median h = 1.5 between two 10s -> 10; 92nd h = 2.76 -> 10 + 0.76 × 10 = 17.6.
        ({10: 3, 20: 1}, 50, 10.0),
        ({10: 3, 20: 1}, 92, 17.6),
        # A single waiter: every percentile is their wait.
        ({35: 1}, 50, 35.0),
        ({35: 1}, 92, 35.0),
        # Odd count 3, 5, 40 (given out of order): median is the middle value.
        ({40: 1, 3: 1, 5: 1}, 50, 5.0),
    ],
)
def test_percentile_of_a_histogram_by_hand(waits, percentile, expected_days):
    value = weighted_percentile_days(np.array(list(waits)), np.array(list(waits.values())), percentile)
    assert value == pytest.approx(expected_days)


@pytest.mark.parametrize("percentile", [0, 12.5, 50, 92, 100])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_percentile_equals_numpy_on_the_expanded_list(seed, percentile):
    rng = np.random.default_rng(seed)
    days = rng.choice(400, size=30, replace=False)
    counts = rng.integers(0, 6, size=30)
    counts[0] = 1  # never empty
    expected = np.percentile(np.repeat(days, counts), percentile)
    assert weighted_percentile_days(days, counts, percentile) == pytest.approx(expected, abs=1e-9)


def test_percentile_of_an_empty_list_is_nan():
    assert math.isnan(weighted_percentile_days(np.array([3]), np.array([0]), 50))


def test_summary_of_a_small_list():
    # Waits 0, 7, 14, 70, 365 days; target 2 weeks = 14 days.
    summary = wait_summary(_histogram({0: 1, 7: 1, 14: 1, 70: 1, 365: 1}), target_weeks=2)
    assert summary["waiting_count"] == 5
    assert summary["median_wait_weeks"] == pytest.approx(14 / 7)  # middle of five
    # 92nd: h = 4 × 0.92 = 3.68 -> 70 + 0.68 × (365 − 70) = 270.6 days = 38.657… weeks
    assert summary["p92_wait_weeks"] == pytest.approx(270.6 / 7)
    assert summary["within_target_count"] == 3  # 14 days is within a 2-week target
    assert summary["within_target_pct"] == pytest.approx(60.0)
    assert summary["over_52_weeks_count"] == 1  # 365 > 364


def test_exactly_52_weeks_is_not_over_52_weeks():
    assert wait_summary(_histogram({364: 2}), target_weeks=12)["over_52_weeks_count"] == 0


def test_summary_of_nobody_waiting():
    summary = wait_summary(_histogram({}), target_weeks=12)
    assert summary["waiting_count"] == 0
    assert math.isnan(summary["median_wait_weeks"]) and math.isnan(summary["within_target_pct"])


def test_summary_by_group():
    histogram = pd.concat([
        _histogram({7: 2}, pdu_code="A"),
        _histogram({14: 1, 28: 1}, pdu_code="B"),
    ])
    table = wait_summary_by(histogram, ["pdu_code"], target_weeks=2)
    assert table["pdu_code"].tolist() == ["A", "B"]
    assert table["waiting_count"].tolist() == [2, 2]
    assert table["median_wait_weeks"].tolist() == pytest.approx([1.0, 3.0])  # B: (14 + 28) / 2 = 21 days
    assert table["within_target_pct"].tolist() == pytest.approx([100.0, 50.0])


def test_bands_follow_nhs_edges():
    # 0 and 28 days are "up to 4 weeks"; 29 is over 4; 364 is in 48–52; 365 is over 52.
    bands = wait_bands(_histogram({0: 1, 28: 2, 29: 1, 364: 1, 365: 3}))
    counts = dict(zip(bands["band"], bands["waiting_count"]))
    assert len(bands) == 14
    assert counts["0–4"] == 3 and counts["4–8"] == 1 and counts["48–52"] == 1 and counts["Over 52"] == 3
    assert bands["waiting_count"].sum() == 8


@pytest.mark.parametrize("seed", [4, 5])
def test_summary_by_group_equals_numpy_on_each_group_s_expanded_list(seed):
    rng = np.random.default_rng(seed)
    histogram = pd.DataFrame({
        "pdu_code": rng.choice(["A", "B", "C", "D"], size=60),
        "wait_days": rng.integers(0, 500, size=60),
        "waiting_count": rng.integers(0, 4, size=60),
    })
    table = wait_summary_by(histogram, ["pdu_code"], target_weeks=12).set_index("pdu_code")
    for code, rows in histogram.groupby("pdu_code"):
        waits = np.repeat(rows["wait_days"], rows["waiting_count"])
        if len(waits) == 0:
            assert code not in table.index
            continue
        assert table.loc[code, "waiting_count"] == len(waits)
        assert table.loc[code, "median_wait_weeks"] == pytest.approx(np.percentile(waits, 50) / 7)
        assert table.loc[code, "p92_wait_weeks"] == pytest.approx(np.percentile(waits, 92) / 7)
        assert table.loc[code, "within_target_count"] == int((waits <= 84).sum())
        assert table.loc[code, "over_52_weeks_count"] == int((waits > 364).sum())
