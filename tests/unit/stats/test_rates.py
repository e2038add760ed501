"""Poisson intervals for counts and rates per 100, against published and hand-worked values."""

import numpy as np
import pandas as pd
import pytest

from metrics.stats.rates import byar_interval, exact_poisson_interval, poisson_interval, with_rate


@pytest.mark.parametrize(
    ("count", "lower", "upper"),
    [
        # Exact 95% limits for a Poisson count, as tabulated by Garwood (1936) and in most texts.
        (0, 0.0, 3.689),
        (1, 0.0253, 5.572),
        (5, 1.623, 11.668),
        (10, 4.795, 18.390),
    ],
)
def test_exact_interval_matches_published_table(count, lower, upper):
    low, high = exact_poisson_interval(count)
    assert float(low) == pytest.approx(lower, abs=1e-3)
    assert float(high) == pytest.approx(upper, abs=1e-3)


def test_byar_hand_worked_for_100():
    # z = 1.959964. Lower: 100 × (1 − 1/900 − z/30)³ = 100 × 0.9335568³ = 81.362.
    # Upper: 101 × (1 − 1/909 + z/(3√101))³ = 101 × 1.0669...³ = 121.628.
    low, high = byar_interval(100)
    assert float(low) == pytest.approx(81.362, abs=1e-3)
    assert float(high) == pytest.approx(121.628, abs=1e-3)
    # Byar's approximation is within 0.01 of the exact limits (81.364, 121.627) here.
    exact_low, exact_high = exact_poisson_interval(100)
    assert float(low) == pytest.approx(float(exact_low), abs=0.01)


def test_small_counts_use_exact_and_larger_use_byar():
    low, high = poisson_interval(np.array([9, 10]))
    exact_low, _ = exact_poisson_interval(9)
    byar_low, _ = byar_interval(10)
    assert low[0] == pytest.approx(float(exact_low))
    assert low[1] == pytest.approx(float(byar_low))


def test_998_interval_is_wider():
    low95, high95 = poisson_interval(50)
    low998, high998 = poisson_interval(50, confidence=0.998)
    assert low998 < low95 and high998 > high95


def test_with_rate_per_100_scales_the_count_interval():
    table = pd.DataFrame({"events": [100, 5, 3], "people": [2000, 0, np.nan]})
    rated = with_rate(table, numerator="events", denominator="people")
    # 100 per 2,000 people = 5 per 100; limits 81.362/20 and 121.628/20.
    assert rated.loc[0, "value_per_100"] == pytest.approx(5.0)
    assert rated.loc[0, "value_per_100_lower95"] == pytest.approx(4.0681, abs=1e-4)
    assert rated.loc[0, "value_per_100_upper95"] == pytest.approx(6.0814, abs=1e-4)
    assert rated.loc[0, "value_per_100_lower998"] < rated.loc[0, "value_per_100_lower95"]
    # No denominator: no rate and no interval.
    assert rated.loc[[1, 2], ["value_per_100", "value_per_100_upper95"]].isna().all().all()
