"""Funnel plots for proportions (Spiegelhalter 2005), drawn from the same test as the comparison labels.

The target θ is a pooled value, Σ numerators ÷ Σ denominators, over the units
of the benchmark the plot is centred on. For a unit with denominator n the
control limits at confidence 1 − α are θ ± z·√(θ(1 − θ) ÷ n), kept within
0–100%, where z is the standard normal quantile for 1 − α/2 (1.959964 at 95%,
3.090232 at 99.8%): Spiegelhalter's normal-approximation limits.

Why this form: the comparison labels (``metrics.stats.comparison``) ask whether the
benchmark lies inside the unit's Wilson score interval, and the Wilson interval
is by construction the set of θ that the score test does not reject, i.e. the θ
with |p̂ − θ| ≤ z·√(θ(1 − θ) ÷ n). So a unit lies inside these limits exactly
when the benchmark lies inside its Wilson interval: the funnel and the labels
are one test. The exact binomial limits, and Fingertips' Wilson interval around
the expected count, are other tests and can disagree with the labels (0 of 20
against 30% is "Worse" by Wilson but outside both of their 99.8% limits).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import norm

from vocabulary.definitions import CONFIDENCE_95, CONFIDENCE_998

INSIDE: Final = "Inside the 95% limits"
BETWEEN: Final = "Between the 95% and 99.8% limits"
OUTSIDE: Final = "Outside the 99.8% limits"


def funnel_limits_pct(target_pct: float, denominator: np.ndarray, *, confidence: float) -> tuple[
        np.ndarray, np.ndarray]:
    """Lower and upper control limits, in percent (0–100), at ``confidence`` for each denominator.

    θ ± z·√(θ(1 − θ) ÷ n) with θ = ``target_pct`` ÷ 100 and z the normal quantile
    for (1 + confidence) ÷ 2; denominators below 1 are treated as 1.
    """
    target = target_pct / 100
    n = np.clip(np.asarray(denominator, dtype="float64"), 1.0, None)
    z = float(norm.ppf((1 + confidence) / 2))
    half_width = z * np.sqrt(target * (1 - target) / n)
    return np.clip(target - half_width, 0.0, 1.0) * 100, np.clip(target + half_width, 0.0, 1.0) * 100


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
    """Where each unit falls: inside 95%, between 95% and 99.8%, or outside 99.8% (NaN values: NaN).

    A value on a limit is inside it, as a benchmark on the edge of a Wilson interval is.
    """
    n = units[denominator].astype("float64").to_numpy()
    lower95, upper95 = funnel_limits_pct(target_pct, n, confidence=CONFIDENCE_95)
    lower998, upper998 = funnel_limits_pct(target_pct, n, confidence=CONFIDENCE_998)
    values = units[value].astype("float64").to_numpy()
    position = np.where(
        (values < lower998) | (values > upper998),
        OUTSIDE,
        np.where((values < lower95) | (values > upper95), BETWEEN, INSIDE),
    )
    return pd.Series(position, index=units.index, dtype="object").where(~np.isnan(values))
