"""How each kind of indicator is computed for every area from the counts the database returns.

Inputs are "area frames": one row per (window, area_type, area_code), where
area_type is "pdu", "region" or "national" and window numbers the periods (0
for the page's period; 0…11 for the quarters of a trend). Outputs add
``numerator``, ``denominator``, ``value`` and the value's 95% and 99.8% limits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

    compute.ratio = (with_proportion, numerator, denominator)  # type: ignore[attr-defined]
    return compute


def rate_per_100_of(numerator: str, denominator: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """An indicator computing ``numerator`` ÷ ``denominator`` × 100 per area, with Poisson limits."""
    def compute(counts: pd.DataFrame) -> pd.DataFrame:
        table = _numerator_and_denominator(counts, numerator, denominator)
        return with_rate(table, numerator="numerator", denominator="denominator", value="value")

    compute.ratio = (with_rate, numerator, denominator)  # type: ignore[attr-defined]
    return compute


def computed_together(computes: Sequence[Callable[[pd.DataFrame], pd.DataFrame]], counts: pd.DataFrame) -> list[
        pd.DataFrame]:
    """``[compute(counts) for compute in computes]``, the same frames, with fewer calls.

    The ``proportion_of`` and ``rate_per_100_of`` indicators are stacked, one table per
    method, so Wilson or Poisson limits are worked out in one call for all of them and not
    one each (the page computes about ten indicators per view). Those calls work row by
    row, so each indicator's rows come out as they would alone; other computes run as they are.
    """
    results: list[pd.DataFrame | None] = [None] * len(computes)
    stacks: dict[Callable[..., pd.DataFrame], list[tuple[int, str, str]]] = {}
    for index, compute in enumerate(computes):
        ratio = getattr(compute, "ratio", None)
        if ratio is None:
            results[index] = compute(counts)
        else:
            stacks.setdefault(ratio[0], []).append((index, ratio[1], ratio[2]))
    size = len(counts)
    for method, members in stacks.items():
        table = pd.concat([counts[list(AREA_KEYS)]] * len(members), ignore_index=True)
        table["numerator"] = np.concatenate([counts[name].astype("float64").to_numpy() for _, name, _ in members])
        table["denominator"] = np.concatenate([counts[name].astype("float64").to_numpy() for _, _, name in members])
        stacked = method(table, numerator="numerator", denominator="denominator", value="value")
        for position, (index, _, _) in enumerate(members):
            results[index] = stacked.iloc[position * size:(position + 1) * size].set_axis(counts.index)
    return [result for result in results if result is not None]


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
