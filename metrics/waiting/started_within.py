"""% started within the target: the Aalen–Johansen estimate at the target, with intervals and comparison.

Intervals (95% and 99.8%), by what the data at the target allow:

- Every outcome at the target known (nobody in the group was still waiting with
  less follow-up than the target): the estimate is the plain share started ÷
  referred and its interval is Wilson's, the house standard for proportions.
- Some outcomes unknown, estimate strictly between 0% and 100%: the log(−log)
  transformation of the estimate with statsmodels' standard error (as Stata's
  ``stcompet`` does), so it stays inside 0–100%.
- Some outcomes unknown, estimate exactly 0% or 100%: the standard error is 0
  there (no start, or nobody left who did not start), so any interval built
  from it collapses to the point. The interval is then Wilson's for 0 (or all)
  started out of the referrals whose outcome at the target is known (the
  cohort less those still waiting with less follow-up than the target). That is
  the conservative choice: the people followed for less time count for nothing,
  so the interval is as wide as if they had never been referred, and no
  assumption is made about when their start (or removal) might have come.
  Wilson's interval is valid at 0 and at n, which is why Fingertips uses it.

Each group is compared with the overall value on the same data by the shared
Fingertips engine (``metrics.stats.comparison``): higher is better. A group whose
interval still has no width (which should not happen, but would claim certainty)
is "Not compared" rather than labelled significant.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy.stats import norm

from metrics.stats.comparison import NOT_COMPARED, compare_with_benchmark
from metrics.stats.proportions import wilson_interval_pct
from metrics.waiting.time_to_start import (
    EVENT_CENSORED,
    EVENT_STARTED,
    cumulative_incidence,
    read_at_days,
)
from vocabulary.definitions import CONFIDENCE_95, CONFIDENCE_998

OVERALL = "Overall"


@functools.cache
def _z(confidence: float) -> float:
    """The standard normal quantile for a two-sided interval (1.959964 at 95%, 3.090232 at 99.8%)."""
    return float(norm.ppf(0.5 + confidence / 2))


def loglog_interval_pct(estimate_pct: float, se_pct: float, *, confidence: float) -> tuple[float, float]:
    """Confidence interval for a cumulative incidence F (percent) with standard error se (percent).

    With F and se as fractions and s = z·se ÷ (F·log F) (negative, as log F < 0), the
    interval log(−log F) ± z·se ÷ (F·|log F|) becomes lower = F^exp(−s), upper = F^exp(s).
    At F = 0 or 1, or with a zero standard error, the interval is the point itself (so
    ``started_within_target`` uses ``boundary_interval_pct`` at 0 and 100%);
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


def known_outcome_count(events: pd.DataFrame, day: int) -> int:
    """Referrals whose outcome at ``day`` is known: all but those still waiting with less follow-up.

    Someone who started or left by then, or was still waiting after at least
    ``day`` days, is known; someone censored (still waiting) before ``day`` is not.
    """
    censored_early = (events["event"] == EVENT_CENSORED) & (events["duration_days"] < day)
    return int(events.loc[~censored_early, "referral_count"].sum())


def boundary_interval_pct(estimate_pct: float, known_count: int, *, confidence: float) -> tuple[float, float]:
    """Interval for an estimate of exactly 0% or 100%: Wilson's for 0 (or all) of ``known_count`` started.

    Example: 0% with 10 referrals whose outcome is known gives 0–27.8% at 95%
    (upper limit z² ÷ (n + z²) = 3.8415 ÷ 13.8415). NaN, NaN when none is known.
    """
    started = round(estimate_pct / 100) * known_count  # 0 or all of them
    lower, upper = wilson_interval_pct(np.array([started]), np.array([known_count]), confidence=confidence)
    return float(lower[0]), float(upper[0])


def _on_boundary(estimate_pct: float) -> bool:
    return bool(np.isclose(estimate_pct, 0.0, atol=1e-9) or np.isclose(estimate_pct, 100.0, atol=1e-9))


def _started_row(events: pd.DataFrame, day: int, fit: pd.DataFrame | None = None) -> dict[str, float]:
    """One group's row: ``fit`` is its ``cumulative_incidence`` if already worked out. The counts are read
    as arrays (the same sums as ``known_outcome_count`` and a filtered column's sum, in a fraction of the time)."""
    read = read_at_days(cumulative_incidence(events) if fit is None else fit, np.array([day]))
    value_pct, se_pct, left_pct = read["started_pct"][0], read["started_se_pct"][0], read["left_pct"][0]
    counts = events["referral_count"].to_numpy()
    event = events["event"].to_numpy()
    duration = events["duration_days"].to_numpy()
    cohort = int(counts.sum())
    row = {"cohort_count": cohort, "value_pct": value_pct, "left_pct": left_pct}
    known = int(counts[~((event == EVENT_CENSORED) & (duration < day))].sum())
    started = counts[(event == EVENT_STARTED) & (duration <= day)].sum()
    for suffix, level in (("95", CONFIDENCE_95), ("998", CONFIDENCE_998)):
        if known == cohort:
            lower, upper = (float(limit[0]) for limit in wilson_interval_pct(
                np.array([started]), np.array([cohort]), confidence=level))
        elif _on_boundary(value_pct):
            lower, upper = boundary_interval_pct(value_pct, known, confidence=level)
        else:
            lower, upper = loglog_interval_pct(value_pct, se_pct, confidence=level)
        row[f"value_pct_lower{suffix}"], row[f"value_pct_upper{suffix}"] = lower, upper
    return row


def started_within_target(events: pd.DataFrame, group: str, *, target_weeks: int,
                          fits: Mapping[object, pd.DataFrame] | None = None,
                          overall_fit: pd.DataFrame | None = None) -> pd.DataFrame:
    """% of referrals started within ``target_weeks`` of referral, per group and overall, compared.

    Definition: the Aalen–Johansen cumulative incidence of starting at 7 × target
    days after referral (percent), with removal without start as the competing event
    (the plain share started when every outcome at the target is known). Intervals
    as the module docstring says; a zero-width interval is "Not compared".

    ``fits`` (by group value) and ``overall_fit`` may hold ``cumulative_incidence`` of the
    same rows already worked out (the time-to-start chart's); the rest is worked out here.

    Returns:
        One row per group (then the overall row, group = "Overall"): group,
        cohort_count (referrals), value_pct, left_pct, value_pct_lower95/_upper95/
        _lower998/_upper998, benchmark_pct (the overall value) and comparison
        (Fingertips label; the overall row is "Not compared").
    """
    day = 7 * target_weeks
    fits = fits or {}
    rows = [{"group": value, **_started_row(part, day, fits.get(value))}
            for value, part in events.groupby(group, sort=True)]
    overall = {"group": OVERALL, **_started_row(events, day, overall_fit)}
    table = pd.DataFrame([*rows, overall])
    table["benchmark_pct"] = overall["value_pct"]
    table["comparison"] = compare_with_benchmark(
        table, denominator="cohort_count", polarity="high_is_good"
    )
    # A zero-width interval claims certainty the data cannot give: never label it.
    no_width = ~((table["value_pct_upper95"] > table["value_pct_lower95"])
                 & (table["value_pct_upper998"] > table["value_pct_lower998"]))
    table.loc[no_width | (table["group"] == OVERALL), "comparison"] = NOT_COMPARED
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
    return " ".join(parts) or "None is below the overall value by more than chance would explain."
