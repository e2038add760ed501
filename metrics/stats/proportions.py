"""Proportions with Wilson score intervals (Fingertips' standard), via statsmodels.

A proportion here is numerator ÷ denominator expressed in percent (0–100).
Intervals are two-sided at 95% and 99.8%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from vocabulary.definitions import CONFIDENCE_95, CONFIDENCE_998


def wilson_interval_pct(
    numerator: np.ndarray | pd.Series | float,
    denominator: np.ndarray | pd.Series | float,
    *,
    confidence: float = CONFIDENCE_95,
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for numerator/denominator, in percent.

    Returns (lower_pct, upper_pct); both NaN where the denominator is 0. The
    interval reaches exactly 0% at a numerator of 0 and exactly 100% at a numerator
    equal to the denominator (statsmodels' arithmetic leaves 1e-17 off), so that a
    benchmark of 0% or 100% is inside it there, as the score test says.
    """
    count = np.asarray(numerator, dtype="float64")
    total = np.asarray(denominator, dtype="float64")
    safe_total = np.where(total > 0, total, 1.0)
    lower, upper = proportion_confint(count, safe_total, alpha=1 - confidence, method="wilson")
    lower = np.where(count <= 0, 0.0, np.asarray(lower))
    upper = np.where(count >= total, 1.0, np.asarray(upper))
    lower = np.where(total > 0, lower * 100, np.nan)
    upper = np.where(total > 0, upper * 100, np.nan)
    return lower, upper


def with_proportion(
    table: pd.DataFrame,
    *,
    numerator: str,
    denominator: str,
    value: str = "value_pct",
) -> pd.DataFrame:
    """Add a percentage and its Wilson 95% and 99.8% limits to ``table``.

    New columns: ``value`` (percent, NaN on a zero denominator),
    ``<value>_lower95``, ``<value>_upper95``, ``<value>_lower998``, ``<value>_upper998``.
    """
    out = table.copy()
    counts = out[numerator].astype("float64")
    totals = out[denominator].astype("float64")
    out[value] = np.where(totals > 0, counts / totals.where(totals > 0, 1) * 100, np.nan)
    for suffix, level in (("95", CONFIDENCE_95), ("998", CONFIDENCE_998)):
        lower, upper = wilson_interval_pct(counts, totals, confidence=level)
        out[f"{value}_lower{suffix}"] = lower
        out[f"{value}_upper{suffix}"] = upper
    return out
