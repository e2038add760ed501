"""Funnel plot control limits (Spiegelhalter 2005) against hand-worked and independently computed values."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom

from metrics.funnel import (
    BETWEEN,
    INSIDE,
    OUTSIDE,
    funnel_limits_pct,
    funnel_lines,
    funnel_position,
    pooled_target_pct,
)


def _independent_limit(target: float, n: int, tail: float) -> float:
    """Spiegelhalter's interpolated quantile from the binomial distribution summed by hand (no scipy)."""
    cumulative, previous = 0.0, 0.0
    for r in range(n + 1):
        previous, cumulative = cumulative, cumulative + math.comb(n, r) * target**r * (1 - target) ** (n - r)
        if cumulative >= tail:
            shift = (cumulative - tail) / (cumulative - previous)
            return min(max((r - shift) / n, 0.0), 1.0)  # a limit is a proportion: kept within 0–1
    return 1.0


def test_hand_worked_n10_half():
    # n = 10, θ = 0.5. Lower 2.5%: F(1) = 11/1024 < 0.025 <= F(2) = 56/1024, so r = 2 and
    # a = (56 - 25.6)/45 = 0.67556: limit (2 - 0.67556)/10 = 13.244%.
    # Upper 97.5%: F(7) = 968/1024 < 0.975 <= F(8) = 1013/1024, so r = 8 and
    # a = (1013 - 998.4)/45 = 0.32444: limit (8 - 0.32444)/10 = 76.756%.
    lower, upper = funnel_limits_pct(50.0, np.array([10]), confidence=0.95)
    assert lower[0] == pytest.approx(13.2444, abs=1e-4)
    assert upper[0] == pytest.approx(76.7556, abs=1e-4)


@pytest.mark.parametrize("n", [12, 20, 50, 200, 1000])
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_limits_match_independent_binomial_sums(n, confidence):
    tail = (1 - confidence) / 2
    lower, upper = funnel_limits_pct(30.0, np.array([n]), confidence=confidence)
    assert lower[0] == pytest.approx(_independent_limit(0.3, n, tail) * 100, abs=1e-6)
    assert upper[0] == pytest.approx(_independent_limit(0.3, n, 1 - tail) * 100, abs=1e-6)


@pytest.mark.parametrize("n", [15, 80, 400, 5000])
def test_limits_sit_between_consecutive_scipy_binomial_quantiles(n):
    # n × limit lies in (q - 1, q], where q is scipy's binomial quantile for that tail.
    for confidence in (0.95, 0.998):
        tail = (1 - confidence) / 2
        lower, upper = funnel_limits_pct(12.0, np.array([n]), confidence=confidence)
        for limit, probability in ((lower[0], tail), (upper[0], 1 - tail)):
            quantile = binom.ppf(probability, n, 0.12)
            assert quantile - 1 < n * limit / 100 <= quantile


def test_limits_narrow_as_the_denominator_grows_and_998_is_wider():
    lines = funnel_lines(40.0, 2000)
    assert lines["denominator"].is_monotonic_increasing
    large = lines.iloc[-1]
    assert large["lower998"] < large["lower95"] < 40.0 < large["upper95"] < large["upper998"]
    assert (lines["upper95"] - lines["lower95"]).iloc[-1] < (lines["upper95"] - lines["lower95"]).iloc[5]


def test_close_to_the_wilson_form_for_large_n():
    # The Wilson-based form Fingertips uses: E = nP, A = 2E + z², B = z√(z² + 4E(1 - P)), C = 2(n + z²).
    n, target, z = 1000, 0.4, 1.959964
    expected = n * target
    a = 2 * expected + z**2
    b = z * math.sqrt(z**2 + 4 * expected * (1 - target))
    c = 2 * (n + z**2)
    lower, upper = funnel_limits_pct(40.0, np.array([n]), confidence=0.95)
    assert lower[0] == pytest.approx((a - b) / c * 100, abs=0.2)
    assert upper[0] == pytest.approx((a + b) / c * 100, abs=0.2)


def test_pooled_target_and_positions():
    units = pd.DataFrame({"x": [50, 62, 38, 0], "n": [100, 100, 100, 0], "value": [50.0, 62.0, 38.0, np.nan]})
    target = pooled_target_pct(units, numerator="x", denominator="n")
    assert target == pytest.approx(150 / 300 * 100)
    positions = funnel_position(units, 50.0, value="value", denominator="n")
    # n = 100, θ = 0.5: exact 95% limits 39.68–59.32%, 99.8% limits 34.12–64.88%.
    assert positions.iloc[0] == INSIDE
    assert positions.iloc[1] == BETWEEN
    assert positions.iloc[2] == BETWEEN
    assert pd.isna(positions.iloc[3])
    assert funnel_position(units.assign(value=[50.0, 65.0, 34.0, np.nan]), 50.0, value="value",
                           denominator="n").iloc[1:3].tolist() == [OUTSIDE, OUTSIDE]
