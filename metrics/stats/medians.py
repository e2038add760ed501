"""Medians from histograms, with exact order-statistic confidence intervals.

The database returns waits as a histogram (one row per whole number of days and
group, with a count) so that only small frames travel. The median is numpy's
default (linear interpolation between order statistics) applied to the expanded
values. Its interval is distribution-free: the order statistics x(j) and
x(n − j + 1), where j is the largest rank with P(B ≤ j − 1) ≤ α/2 for
B ~ Binomial(n, ½), so that the interval covers the population median with
probability at least the stated confidence (Campbell & Gardner, BMJ 1988).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import binom

from vocabulary.definitions import CONFIDENCE_95, CONFIDENCE_998

MEDIAN_PERCENTILE: Final[float] = 50.0


def weighted_percentile_days(wait_days: np.ndarray, counts: np.ndarray, percentile: float) -> float:
    """The ``percentile`` of a list given as a histogram, in days.

    Linear interpolation between order statistics, exactly as numpy's default
    ``np.percentile`` on the list with each ``wait_days[i]`` repeated
    ``counts[i]`` times: position h = (N − 1) × percentile ÷ 100 in the sorted
    list, value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]). NaN for an empty list.
    """
    values = np.asarray(wait_days, dtype="float64")
    weights = np.asarray(counts, dtype="int64")
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    if weights.sum() == 0:
        return float("nan")
    order = np.argsort(values, kind="stable")
    values, cumulative = values[order], np.cumsum(weights[order])
    position = (cumulative[-1] - 1) * percentile / 100
    below = int(np.floor(position))
    above = min(below + 1, int(cumulative[-1]) - 1)
    low = values[np.searchsorted(cumulative, below, side="right")]
    high = values[np.searchsorted(cumulative, above, side="right")]
    return float(low + (position - below) * (high - low))


def median_rank_intervals(counts: np.ndarray, *, confidence: float = CONFIDENCE_95) -> tuple[np.ndarray, np.ndarray]:
    """``median_rank_interval`` for many counts at once: arrays of ranks j and k (both 0 where
    a count is too small for any interval). One call into scipy instead of one per group."""
    counts = np.asarray(counts, dtype="int64")
    tail = (1 - confidence) / 2
    positive = np.maximum(counts, 1)
    rank = binom.ppf(tail, positive, 0.5).astype("int64")
    rank = rank + (binom.cdf(rank, positive, 0.5) <= tail)
    valid = (counts > 0) & (rank >= 1)
    return np.where(valid, rank, 0), np.where(valid, counts - rank + 1, 0)


def median_rank_interval(count: int, *, confidence: float = CONFIDENCE_95) -> tuple[int, int] | None:
    """1-based ranks (j, k) of the order statistics bounding the median's interval.

    Definition: j is the Binomial(n, ½) quantile at (1 − confidence) / 2, moved up by one
    where the cdf at it does not exceed that tail; k = n − j + 1.
    Returns None when ``count`` is too small for any interval at this
    confidence (n ≤ 5 at 95%, n ≤ 9 at 99.8%).
    """
    lower, upper = median_rank_intervals(np.array([count]), confidence=confidence)
    return (int(lower[0]), int(upper[0])) if lower[0] else None


def order_statistic(values: np.ndarray, counts: np.ndarray, rank: int) -> float:
    """The ``rank``-th smallest (1-based) value of a histogram with sorted ``values``."""
    position = int(np.searchsorted(np.cumsum(counts), rank, side="left"))
    return float(values[position])


def histogram_median(values: np.ndarray, counts: np.ndarray) -> float:
    """Median of a histogram by linear interpolation between order statistics (numpy's default).

    The Waiting times page's percentile of a day histogram, so both pages give the same median.
    NaN when the histogram is empty.
    """
    return weighted_percentile_days(values, counts, MEDIAN_PERCENTILE)


_LEVELS: tuple[tuple[str, float], ...] = (("95", CONFIDENCE_95), ("998", CONFIDENCE_998))


def median_summary(values: np.ndarray, counts: np.ndarray,
                   ranks: dict[str, tuple[int, int]] | None = None) -> dict[str, float]:
    """Count, median and 95%/99.8% order-statistic limits of one histogram (limits NaN when too small).

    ``ranks`` may give each level's (j, k) already worked out (``median_rank_intervals``; 0 for none).
    """
    order = np.argsort(values, kind="stable")
    values, counts = np.asarray(values)[order], np.asarray(counts)[order]
    total = int(counts.sum())
    summary = {"count": float(total), "median": histogram_median(values, counts)}
    for suffix, level in _LEVELS:
        low, high = ranks[suffix] if ranks is not None else (median_rank_interval(total, confidence=level) or (0, 0))
        summary[f"lower{suffix}"] = order_statistic(values, counts, low) if low else float("nan")
        summary[f"upper{suffix}"] = order_statistic(values, counts, high) if low else float("nan")
    return summary


def medians_by_group(
    histogram: pd.DataFrame,
    *,
    group: str,
    value: str,
    count: str,
) -> pd.DataFrame:
    """Median of ``value`` per ``group`` from a histogram, with order-statistic limits.

    Args:
        histogram: one row per (group, value) with ``count`` observations.
        group: the grouping column.
        value: the measured column (e.g. wait in days).
        count: the number of observations with that value.

    Returns:
        One row per group: ``group``, ``count``, ``median``, ``lower95``,
        ``upper95``, ``lower998``, ``upper998`` (in the unit of ``value``).
    """
    columns = [group, "count", "median", "lower95", "upper95", "lower998", "upper998"]
    if histogram.empty:
        return pd.DataFrame(columns=columns)
    codes, keys = pd.factorize(histogram[group], sort=True)
    order = np.lexsort((histogram[value].to_numpy(), codes))
    values = histogram[value].to_numpy("float64")[order]
    counts = histogram[count].to_numpy("int64")[order]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    totals = np.add.reduceat(counts, np.concatenate([[0], bounds]))
    limits = {suffix: median_rank_intervals(totals, confidence=level) for suffix, level in _LEVELS}
    rows = [median_summary(part_values, part_counts,
                           {suffix: (int(low[index]), int(high[index])) for suffix, (low, high) in limits.items()})
            for index, (part_values, part_counts) in enumerate(zip(np.split(values, bounds), np.split(counts, bounds)))]
    summaries = pd.DataFrame(rows, columns=columns[1:])
    summaries.insert(0, group, list(keys))
    return summaries
