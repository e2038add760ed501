"""How each kind of indicator is computed for every area from the counts the database returns.

Inputs are "area frames": one row per (window, area_type, area_code), where
area_type is "pdu", "region" or "national" and window numbers the periods (0
for the page's period; 0…11 for the quarters of a trend). Outputs add
``numerator``, ``denominator``, ``value`` and the value's 95% and 99.8% limits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.medians import medians_by_group
from metrics.stats.proportions import with_proportion
from metrics.stats.rates import with_rate

AREA_KEYS: Final[tuple[str, ...]] = ("window", "area_type", "area_code")
LIMIT_COLUMNS: Final[tuple[str, ...]] = ("value_lower95", "value_upper95", "value_lower998", "value_upper998")
VALUE_COLUMNS: Final[tuple[str, ...]] = (*AREA_KEYS, "numerator", "denominator", "value", *LIMIT_COLUMNS)
DAYS_PER_WEEK: Final[int] = 7


def _numerator_and_denominator(counts: pd.DataFrame, numerator: str, denominator: str) -> pd.DataFrame:
    table = counts[list(AREA_KEYS)].copy()
    table["numerator"] = counts[numerator].astype("float64")
    table["denominator"] = counts[denominator].astype("float64")
    return table


def proportion_of(numerator: str, denominator: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """An indicator computing ``numerator`` ÷ ``denominator`` × 100 per area, with Wilson limits."""
    def compute(counts: pd.DataFrame) -> pd.DataFrame:
        table = _numerator_and_denominator(counts, numerator, denominator)
        return with_proportion(table, numerator="numerator", denominator="denominator", value="value")

    return compute


def rate_per_100_of(numerator: str, denominator: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """An indicator computing ``numerator`` ÷ ``denominator`` × 100 per area, with Poisson limits."""
    def compute(counts: pd.DataFrame) -> pd.DataFrame:
        table = _numerator_and_denominator(counts, numerator, denominator)
        return with_rate(table, numerator="numerator", denominator="denominator", value="value")

    return compute


def median_wait_weeks(waits: pd.DataFrame) -> pd.DataFrame:
    """Median wait of those waiting per area, in weeks, with order-statistic limits.

    ``waits`` is a histogram: one row per (window, area_type, area_code,
    wait_days) with ``waiting_count``. The denominator is the number waiting;
    there is no numerator (NaN). Areas nobody waits in are absent.
    """
    if waits.empty:
        return pd.DataFrame(columns=list(VALUE_COLUMNS))
    groups = waits.groupby(list(AREA_KEYS), sort=True)
    keys = groups.size().reset_index()[list(AREA_KEYS)]
    keyed = waits.assign(area_key=groups.ngroup())
    medians = medians_by_group(keyed, group="area_key", value="wait_days", count="waiting_count")
    table = keys.iloc[medians["area_key"].to_numpy()].reset_index(drop=True)
    table["numerator"] = np.nan
    table["denominator"] = medians["count"].to_numpy()
    table["value"] = medians["median"].to_numpy() / DAYS_PER_WEEK
    for column in LIMIT_COLUMNS:
        table[column] = medians[column.removeprefix("value_")].to_numpy() / DAYS_PER_WEEK
    return table
