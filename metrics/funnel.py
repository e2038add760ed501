"""Funnel plots for proportions (Spiegelhalter 2005): control limits around a target.

The target θ is a pooled value, Σ numerators ÷ Σ denominators, over the units
of the benchmark the plot is centred on. For a unit with denominator n, the limits at confidence 1 − α
are the α/2 and 1 − α/2 quantiles of Binomial(n, θ), made continuous by
Spiegelhalter's interpolation: with r the quantile for tail probability p and F
the binomial distribution function, a = (F(r) − p) ÷ (F(r) − F(r − 1)) and the
limit is (r − a) ÷ n.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import binom

from metrics.definitions import CONFIDENCE_95, CONFIDENCE_998

INSIDE: Final = "Inside the 95% limits"
BETWEEN: Final = "Between the 95% and 99.8% limits"
OUTSIDE: Final = "Outside the 99.8% limits"


def binomial_limit(target: float, denominator: np.ndarray, tail: float) -> np.ndarray:
    """Spiegelhalter's interpolated binomial quantile, as a proportion, for each denominator.

    Args:
        target: θ, the proportion (0–1) the limits surround.
        denominator: the units' denominators (n ≥ 1).
        tail: the lower-tail probability p (e.g. 0.025 for a lower 95% limit).
    """
    n = np.asarray(denominator, dtype="float64")
    rank = binom.ppf(tail, n, target)
    at_rank = binom.cdf(rank, n, target)
    below_rank = binom.cdf(rank - 1, n, target)
    step = np.where(at_rank > below_rank, at_rank - below_rank, 1.0)
    shift = (at_rank - tail) / step
    return np.clip((rank - shift) / n, 0.0, 1.0)


def funnel_limits_pct(target_pct: float, denominator: np.ndarray, *, confidence: float) -> tuple[
        np.ndarray, np.ndarray]:
    """Lower and upper control limits, in percent, at ``confidence`` for each denominator."""
    target = target_pct / 100
    tail = (1 - confidence) / 2
    return binomial_limit(target, denominator, tail) * 100, binomial_limit(target, denominator, 1 - tail) * 100


def pooled_target_pct(units: pd.DataFrame, *, numerator: str, denominator: str) -> float:
    """θ in percent: Σ numerators ÷ Σ denominators × 100 over the units (NaN when Σ n = 0)."""
    total = float(units[denominator].sum())
    return float(units[numerator].sum()) / total * 100 if total > 0 else float("nan")


def funnel_lines(target_pct: float, max_denominator: float, *, min_denominator: float = 1,
                 points: int = 120) -> pd.DataFrame:
    """The control-limit curves to draw: one row per denominator from about ``min_denominator`` × 0.8
    (at least 1) to ``max_denominator`` × 1.05.

    Columns: denominator, target_pct, lower95, upper95, lower998, upper998 (percent).
    """
    bottom = max(int(np.floor(min_denominator * 0.8)), 1)
    top = max(int(np.ceil(max_denominator * 1.05)), bottom + 1)
    grid = np.unique(np.round(np.geomspace(bottom, top, points)).astype("int64"))
    lines = pd.DataFrame({"denominator": grid, "target_pct": target_pct})
    for suffix, level in (("95", CONFIDENCE_95), ("998", CONFIDENCE_998)):
        lines[f"lower{suffix}"], lines[f"upper{suffix}"] = funnel_limits_pct(target_pct, grid, confidence=level)
    return lines


def funnel_position(units: pd.DataFrame, target_pct: float, *, value: str, denominator: str) -> pd.Series:
    """Where each unit falls: inside 95%, between 95% and 99.8%, or outside 99.8% (NaN values: NaN)."""
    n = units[denominator].astype("float64").clip(lower=1).to_numpy()
    lower95, upper95 = funnel_limits_pct(target_pct, n, confidence=CONFIDENCE_95)
    lower998, upper998 = funnel_limits_pct(target_pct, n, confidence=CONFIDENCE_998)
    values = units[value].astype("float64").to_numpy()
    position = np.where(
        (values < lower998) | (values > upper998),
        OUTSIDE,
        np.where((values < lower95) | (values > upper95), BETWEEN, INSIDE),
    )
    return pd.Series(position, index=units.index, dtype="object").where(~np.isnan(values))
