"""Wilson intervals against published values (Newcombe 1998, Stat Med 17:857, Table I) and a hand-worked case."""

import math

import numpy as np
import pandas as pd
import pytest

from metrics.stats.proportions import wilson_interval_pct, with_proportion


@pytest.mark.parametrize(
    ("numerator", "denominator", "lower_pct", "upper_pct"),
    [
        (81, 263, 25.53, 36.62),  # Newcombe 1998, example (a)
        (15, 148, 6.24, 16.05),  # example (b)
        (0, 20, 0.0, 16.11),  # example (c): behaves at x = 0
        (1, 29, 0.61, 17.18),  # example (d)
    ],
)
def test_wilson_95_matches_newcombe(numerator, denominator, lower_pct, upper_pct):
    lower, upper = wilson_interval_pct(numerator, denominator)
    assert float(lower) == pytest.approx(lower_pct, abs=0.01)
    assert float(upper) == pytest.approx(upper_pct, abs=0.01)


def test_wilson_hand_worked_half():
    # 5/10, z = 1.959964: centre 0.5, half-width z*sqrt(.025 + z²/400)/(1 + z²/10) = 0.26340.
    lower, upper = wilson_interval_pct(5, 10)
    assert float(lower) == pytest.approx(23.66, abs=0.01)
    assert float(upper) == pytest.approx(76.34, abs=0.01)


def test_wilson_998_is_wider_and_uses_z_3_090232():
    lower95, upper95 = wilson_interval_pct(30, 60)
    lower998, upper998 = wilson_interval_pct(30, 60, confidence=0.998)
    z = 3.090232
    half = z * math.sqrt(0.25 / 60 + z**2 / (4 * 60**2)) / (1 + z**2 / 60)
    assert float(lower998) == pytest.approx((0.5 - half) * 100, abs=1e-4)
    assert float(lower998) < float(lower95) and float(upper998) > float(upper95)


def test_all_successes_interval_reaches_100():
    lower, upper = wilson_interval_pct(20, 20)
    assert float(upper) == pytest.approx(100.0)
    assert float(lower) == pytest.approx(100 - 16.11, abs=0.01)


def test_with_proportion_adds_value_and_limits_and_handles_zero_denominator():
    table = pd.DataFrame({"numerator": [5, 0], "denominator": [10, 0]})
    out = with_proportion(table, numerator="numerator", denominator="denominator")
    assert out.loc[0, "value_pct"] == pytest.approx(50.0)
    assert out.loc[0, "value_pct_lower95"] == pytest.approx(23.66, abs=0.01)
    assert np.isnan(out.loc[1, "value_pct"]) and np.isnan(out.loc[1, "value_pct_upper998"])
    assert list(table.columns) == ["numerator", "denominator"]  # input untouched


def test_wilson_reaches_exactly_zero_and_one_hundred_at_the_ends():
    # At x = 0 the Wilson lower limit is 0 and at x = n the upper is 100, exactly: a benchmark of 0% or
    # 100% then lies inside the interval, as the score test says (no rounding noise of 1e-17).
    lower, _ = wilson_interval_pct(np.array([0, 0]), np.array([20, 10]), confidence=0.998)
    _, upper = wilson_interval_pct(np.array([20, 13]), np.array([20, 13]), confidence=0.95)
    assert lower.tolist() == [0.0, 0.0]
    assert upper.tolist() == [100.0, 100.0]
