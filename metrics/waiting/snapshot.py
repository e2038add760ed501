"""The waiting list at a snapshot date T, measured like NHS referral-to-treatment incomplete pathways.

Every measure works on a wait histogram: one row per group and whole number of
days waited (``wait_days`` = T − referral_date) with ``waiting_count`` people.
The database returns that histogram, so only small frames travel; percentiles
are then exact, equal to numpy's default (linear) percentile of the expanded list.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.medians import MEDIAN_PERCENTILE, weighted_percentile_days

DAYS_PER_WEEK: Final[int] = 7
#: Waits longer than this are reported as "Waiting over 52 weeks".
LONG_WAIT_WEEKS: Final[int] = 52
#: The NHS standard's percentile: 92% of those waiting should be within the target.
STANDARD_PERCENTILE: Final[float] = 92.0


def wait_summary(histogram: pd.DataFrame, *, target_weeks: float) -> dict[str, float]:
    """The headline snapshot measures of one list (a histogram of wait_days and waiting_count).

    Returns:
        waiting_count (people waiting at T); median_wait_weeks and p92_wait_weeks
        (percentiles of wait in days ÷ 7, NaN when nobody waits); within_target_count
        (waits ≤ 7 × target_weeks days) and within_target_pct (percent of those
        waiting, NaN when nobody waits); over_52_weeks_count (waits > 364 days).
    """
    days = histogram["wait_days"].to_numpy()
    counts = histogram["waiting_count"].to_numpy()
    total = int(counts.sum())
    within = int(counts[days <= DAYS_PER_WEEK * target_weeks].sum())
    return {
        "waiting_count": total,
        "median_wait_weeks": weighted_percentile_days(days, counts, MEDIAN_PERCENTILE) / DAYS_PER_WEEK,
        "p92_wait_weeks": weighted_percentile_days(days, counts, STANDARD_PERCENTILE) / DAYS_PER_WEEK,
        "within_target_count": within,
        "within_target_pct": within / total * 100 if total else float("nan"),
        "over_52_weeks_count": int(counts[days > DAYS_PER_WEEK * LONG_WAIT_WEEKS].sum()),
    }


def _percentile_by_group(days: np.ndarray, counts: np.ndarray, starts: np.ndarray, percentile: float) -> np.ndarray:
    """``weighted_percentile_days`` for consecutive groups of a histogram sorted by group, then days.

    ``starts`` holds each group's first row. Ranks within a group are turned into
    ranks in the whole histogram, so every group is read with one ``searchsorted``.
    """
    cumulative = np.cumsum(counts)
    before = np.concatenate([[0], cumulative])[starts]
    totals = np.add.reduceat(counts, starts)
    position = (totals - 1) * percentile / 100
    below = np.floor(position).astype("int64")
    above = np.minimum(below + 1, totals - 1)
    low = days[np.searchsorted(cumulative, before + below, side="right")]
    high = days[np.searchsorted(cumulative, before + above, side="right")]
    return np.where(totals > 0, low + (position - below) * (high - low), np.nan)


def wait_summary_by(histogram: pd.DataFrame, by: list[str], *, target_weeks: float) -> pd.DataFrame:
    """``wait_summary`` for each group of ``by`` columns: one row per group, sorted by group.

    Groups with nobody waiting are left out.
    """
    grouped = (histogram[histogram["waiting_count"] > 0]
               .groupby([*by, "wait_days"], as_index=False, sort=True)["waiting_count"].sum())
    days = grouped["wait_days"].to_numpy(dtype="float64")
    counts = grouped["waiting_count"].to_numpy(dtype="int64")
    first = ~grouped.duplicated(subset=by, keep="first").to_numpy()
    starts = np.flatnonzero(first)
    table = grouped.loc[first, by].reset_index(drop=True)
    table["waiting_count"] = np.add.reduceat(counts, starts) if len(starts) else np.array([], dtype="int64")
    for column, percentile in (("median_wait_weeks", MEDIAN_PERCENTILE), ("p92_wait_weeks", STANDARD_PERCENTILE)):
        values = _percentile_by_group(days, counts, starts, percentile) if len(starts) else np.array([])
        table[column] = values / DAYS_PER_WEEK
    for column, condition in (("within_target_count", days <= DAYS_PER_WEEK * target_weeks),
                              ("over_52_weeks_count", days > DAYS_PER_WEEK * LONG_WAIT_WEEKS)):
        table[column] = np.add.reduceat(counts * condition, starts) if len(starts) else np.array([], dtype="int64")
    table["within_target_pct"] = table["within_target_count"] / table["waiting_count"] * 100
    return table[[*by, "waiting_count", "median_wait_weeks", "p92_wait_weeks", "within_target_count",
                  "within_target_pct", "over_52_weeks_count"]]


def wait_bands(histogram: pd.DataFrame, *, band_weeks: int = 4, top_weeks: int = LONG_WAIT_WEEKS) -> pd.DataFrame:
    """People waiting by band of weeks waited, NHS style: up to 4 weeks, over 4 up to 8, …, over 52.

    A band "over a up to b weeks" holds waits of more than 7a and at most 7b days
    (the first band includes 0 days); the last holds waits over ``top_weeks``.

    Returns:
        One row per band in order: band (label), lower_weeks, upper_weeks (NaN
        for the last), waiting_count (people).
    """
    edges_days = np.arange(0, top_weeks + 1, band_weeks) * DAYS_PER_WEEK
    days = histogram["wait_days"].to_numpy()
    counts = histogram["waiting_count"].to_numpy()
    # Band index: 0 for 0..28 days, 1 for 29..56, ...; waits over the top edge share the last band.
    index = np.clip(np.ceil(days / (band_weeks * DAYS_PER_WEEK)).astype(int) - 1, 0, len(edges_days) - 1)
    totals = np.bincount(index, weights=counts, minlength=len(edges_days)).astype("int64")
    lowers = list(range(0, top_weeks, band_weeks)) + [top_weeks]
    uppers: list[float] = [lower + band_weeks for lower in lowers[:-1]] + [float("nan")]
    labels = [f"{lo}–{hi:.0f}" for lo, hi in zip(lowers[:-1], uppers[:-1])] + [f"Over {top_weeks}"]
    return pd.DataFrame(
        {"band": labels, "lower_weeks": lowers, "upper_weeks": uppers, "waiting_count": totals}
    )
