"""Rates per 100 people with Poisson confidence intervals (Fingertips' method for counts and rates).

A rate here is count ÷ denominator × 100 ("per 100 people supervised"). The
count is treated as Poisson: its interval is exact (from the chi-square
distribution, via scipy) for counts under ``EXACT_POISSON_BELOW`` and Byar's
approximation above, as public health statistics do. The denominator is taken
as known without error.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import chi2, norm

from vocabulary.definitions import CONFIDENCE_95, CONFIDENCE_998

#: Counts below this get the exact Poisson interval; Byar's approximation from here up.
EXACT_POISSON_BELOW: Final[int] = 10
#: Rates are expressed per this many people.
RATE_PER: Final[int] = 100


def exact_poisson_interval(count: np.ndarray | float, *, confidence: float = CONFIDENCE_95) -> tuple[
        np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for a Poisson count, in counts.

    Lower = χ²(α/2; 2O)/2 (0 when O = 0); upper = χ²(1 − α/2; 2O + 2)/2.
    """
    observed = np.asarray(count, dtype="float64")
    alpha = 1 - confidence
    lower = np.where(observed > 0, chi2.ppf(alpha / 2, np.maximum(2 * observed, 1e-12)) / 2, 0.0)
    upper = chi2.ppf(1 - alpha / 2, 2 * observed + 2) / 2
    return lower, upper


def byar_interval(count: np.ndarray | float, *, confidence: float = CONFIDENCE_95) -> tuple[
        np.ndarray, np.ndarray]:
    """Byar's approximation to the exact Poisson interval for a count O > 0, in counts.

    Lower = O(1 − 1/(9O) − z/(3√O))³; upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
    """
    observed = np.asarray(count, dtype="float64")
    z = norm.ppf(1 - (1 - confidence) / 2)
    safe = np.where(observed > 0, observed, 1.0)
    lower = np.where(observed > 0, safe * (1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe))) ** 3, 0.0)
    above = observed + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * np.sqrt(above))) ** 3
    return lower, upper


def poisson_interval(count: np.ndarray | float, *, confidence: float = CONFIDENCE_95) -> tuple[
        np.ndarray, np.ndarray]:
    """Interval for a Poisson count: exact under ``EXACT_POISSON_BELOW``, Byar's from there up."""
    observed = np.asarray(count, dtype="float64")
    exact_lower, exact_upper = exact_poisson_interval(observed, confidence=confidence)
    byar_lower, byar_upper = byar_interval(observed, confidence=confidence)
    small = observed < EXACT_POISSON_BELOW
    return np.where(small, exact_lower, byar_lower), np.where(small, exact_upper, byar_upper)


def with_rate(
    table: pd.DataFrame,
    *,
    numerator: str,
    denominator: str,
    value: str = "value_per_100",
) -> pd.DataFrame:
    """Add a rate per 100 and its 95% and 99.8% Poisson limits to ``table``.

    The rate is numerator ÷ denominator × 100 (NaN on a zero or missing
    denominator). New columns: ``value`` and ``<value>_lower95``,
    ``<value>_upper95``, ``<value>_lower998``, ``<value>_upper998``.
    """
    out = table.copy()
    counts = out[numerator].astype("float64").to_numpy()
    totals = out[denominator].astype("float64").to_numpy()
    usable = np.nan_to_num(totals, nan=0.0) > 0
    scale = np.where(usable, RATE_PER / np.where(usable, totals, 1.0), np.nan)
    out[value] = counts * scale
    for suffix, level in (("95", CONFIDENCE_95), ("998", CONFIDENCE_998)):
        lower, upper = poisson_interval(np.nan_to_num(counts), confidence=level)
        out[f"{value}_lower{suffix}"] = lower * scale
        out[f"{value}_upper{suffix}"] = upper * scale
    return out
