"""% started within the target: the Aalen–Johansen estimate at the target, with intervals and comparison.

When everyone's outcome at the target is known (nobody in the group was still
waiting with less follow-up than the target), the estimate is the plain share
started ÷ referred and its interval is Wilson's, the house standard for
proportions. Otherwise the interval uses the log(−log) transformation of the
estimate with statsmodels' standard error (as Stata's ``stcompet`` does), so it
stays inside 0–100%.
Each group is compared with the overall value on the same data by the shared
Fingertips engine (``metrics.comparison``): higher is better.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from scipy.stats import norm

from metrics.comparison import compare_with_benchmark
from metrics.definitions import CONFIDENCE_95, CONFIDENCE_998
from metrics.proportions import wilson_interval_pct
from metrics.waiting_time_to_start import (
    EVENT_CENSORED,
    EVENT_STARTED,
    cumulative_incidence,
    incidence_at_days,
)

OVERALL = "Overall"


@functools.cache
def _z(confidence: float) -> float:
    """The standard normal quantile for a two-sided interval (1.959964 at 95%, 3.090232 at 99.8%)."""
    return float(norm.ppf(0.5 + confidence / 2))


def loglog_interval_pct(estimate_pct: float, se_pct: float, *, confidence: float) -> tuple[float, float]:
    """Confidence interval for a cumulative incidence F (percent) with standard error se (percent).

    With F and se as fractions and s = z·se ÷ (F·log F) (negative, as log F < 0), the
    interval log(−log F) ± z·se ÷ (F·|log F|) becomes lower = F^exp(−s), upper = F^exp(s).
    At F = 0 or 1, or with a zero standard error, the interval is the point itself;
    an unknown standard error gives an unknown interval (NaN, NaN).
    """
    fraction, se = estimate_pct / 100, se_pct / 100
    if np.isnan(fraction) or np.isnan(se):
        return float("nan"), float("nan")
    if se == 0 or fraction <= 0 or fraction >= 1:
        return estimate_pct, estimate_pct
    z = _z(confidence)
    spread = z * se / (fraction * np.log(fraction))  # negative: log F < 0
    lower, upper = fraction ** np.exp(-spread), fraction ** np.exp(spread)
    return float(lower * 100), float(upper * 100)


def _outcomes_known_by(events: pd.DataFrame, day: int) -> bool:
    """Whether everyone's outcome at ``day`` is known: nobody stopped being followed before it."""
    return not ((events["event"] == EVENT_CENSORED) & (events["duration_days"] < day)).any()


def _started_row(events: pd.DataFrame, day: int) -> dict[str, float]:
    read = incidence_at_days(cumulative_incidence(events), np.array([day])).iloc[0]
    cohort = int(events["referral_count"].sum())
    row = {"cohort_count": cohort, "value_pct": read["started_pct"], "left_pct": read["left_pct"]}
    known = _outcomes_known_by(events, day)
    started = events.loc[(events["event"] == EVENT_STARTED) & (events["duration_days"] <= day), "referral_count"]
    for suffix, level in (("95", CONFIDENCE_95), ("998", CONFIDENCE_998)):
        if known:
            lower, upper = (float(limit[0]) for limit in wilson_interval_pct(
                np.array([started.sum()]), np.array([cohort]), confidence=level))
        else:
            lower, upper = loglog_interval_pct(read["started_pct"], read["started_se_pct"], confidence=level)
        row[f"value_pct_lower{suffix}"], row[f"value_pct_upper{suffix}"] = lower, upper
    return row


def started_within_target(events: pd.DataFrame, group: str, *, target_weeks: int) -> pd.DataFrame:
    """% of referrals started within ``target_weeks`` of referral, per group and overall, compared.

    Definition: the Aalen–Johansen cumulative incidence of starting at 7 × target
    days after referral (percent), with removal without start as the competing event
    (the plain share started when every outcome at the target is known).

    Returns:
        One row per group (then the overall row, group = "Overall"): group,
        cohort_count (referrals), value_pct, left_pct, value_pct_lower95/_upper95/
        _lower998/_upper998, benchmark_pct (the overall value) and comparison
        (Fingertips label; the overall row is "Not compared").
    """
    day = 7 * target_weeks
    rows = [{"group": value, **_started_row(part, day)} for value, part in events.groupby(group, sort=True)]
    overall = {"group": OVERALL, **_started_row(events, day)}
    table = pd.DataFrame([*rows, overall])
    table["benchmark_pct"] = overall["value_pct"]
    table["comparison"] = compare_with_benchmark(
        table, denominator="cohort_count", polarity="high_is_good"
    )
    table.loc[table["group"] == OVERALL, "comparison"] = "Not compared"
    return table


def below_overall_sentence(table: pd.DataFrame, labels: dict[str, str]) -> str:
    """Which groups are below the overall % started within the target, in words (99.8% first)."""
    def named(comparison: str) -> list[str]:
        codes = table.loc[table["comparison"] == comparison, "group"]
        return [labels.get(code, str(code)) for code in codes]

    significant, below = named("Significantly worse"), named("Worse")
    parts = []
    if significant:
        parts.append(f"Significantly below the overall value (outside its 99.8% interval): {', '.join(significant)}.")
    if below:
        parts.append(f"Below the overall value (outside its 95% interval, inside 99.8%): {', '.join(below)}.")
    return " ".join(parts) or "No group is below the overall value by more than chance would explain."
