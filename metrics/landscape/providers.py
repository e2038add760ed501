"""Providers: referrals, starts and outcomes per provider, with Wilson intervals.

- Completion rate: of referrals that ended in the period after starting (any
  outcome: completed, did not complete, withdrawn after starting), the percentage
  completed.
- Removal-without-start rate: of referrals whose wait ended in the period
  (started in it, or removed without a start in it: withdrawn, not suitable),
  the percentage removed without starting.

Each rate carries Wilson 95% and 99.8% limits (``metrics.stats.proportions``) and is
compared with the rate of all providers in scope by the Fingertips rule
(``metrics.stats.comparison``).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.comparison import Polarity, compare_with_benchmark
from metrics.stats.proportions import with_proportion

NO_PROVIDER: Final = "Provider not recorded"
COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "referral_count", "start_count", "completion_count", "non_completion_count", "removal_count",
)


def provider_name(provider: object) -> str:
    """The provider's name, or "Provider not recorded" when the catalogue leaves it empty."""
    return provider if isinstance(provider, str) and provider.strip() else NO_PROVIDER


def rate_with_benchmark(table: pd.DataFrame, *, numerator: str, denominator: str, name: str,
                        polarity: Polarity, within: str | None = None) -> pd.DataFrame:
    """Add ``<name>_pct`` with Wilson limits, the benchmark (percent) and the comparison label.

    The benchmark is the rate of all rows of ``table`` together: numerator summed ÷ denominator
    summed × 100 (NaN when the denominators sum to 0); with ``within``, of all rows sharing that
    column's value (each provider group's own benchmark, worked out for every group in one pass).
    """
    value = f"{name}_pct"
    rated = with_proportion(table, numerator=numerator, denominator=denominator, value=value)
    if within is None:
        total = rated[denominator].sum()
        rated[f"{name}_benchmark"] = rated[numerator].sum() / total * 100 if total else float("nan")
    else:
        grouped = rated.groupby(within, sort=False)
        totals = grouped[denominator].transform("sum").to_numpy()
        counts = grouped[numerator].transform("sum").to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            rated[f"{name}_benchmark"] = np.where(totals != 0, counts / totals * 100, np.nan)
    rated[f"{name}_comparison"] = compare_with_benchmark(
        rated, value=value, benchmark=f"{name}_benchmark", denominator=denominator, polarity=polarity
    )
    return rated


def provider_outcomes(activity: pd.DataFrame, interventions: pd.DataFrame) -> pd.DataFrame:
    """One row per provider with counts, the two rates, their limits and comparisons.

    Args:
        activity: per (pdu_code, intervention_code) the counts in ``COUNT_COLUMNS``.
        interventions: intervention_code, provider.

    Returns:
        provider, the counts, ended_after_start_count, left_list_count,
        completion_pct with _lower95/_upper95/_lower998/_upper998, completion_benchmark
        (all providers, percent) and completion_comparison; removal_* likewise. Sorted by referrals.
    """
    named = activity.merge(interventions[["intervention_code", "provider"]], on="intervention_code", how="inner")
    named["provider"] = named["provider"].map(provider_name)
    table = named.groupby("provider")[list(COUNT_COLUMNS)].sum().reset_index()
    table["ended_after_start_count"] = table["completion_count"] + table["non_completion_count"]
    table["left_list_count"] = table["start_count"] + table["removal_count"]
    table = rate_with_benchmark(table, numerator="completion_count", denominator="ended_after_start_count",
                  name="completion", polarity="high_is_good")
    table = rate_with_benchmark(table, numerator="removal_count", denominator="left_list_count",
                  name="removal", polarity="low_is_good")
    return table.sort_values(["referral_count", "provider"], ascending=[False, True]).reset_index(drop=True)
