"""What-if capacity planner: the waiting list and its waits projected month by month.

The model, in words (the page shows the same paragraph): the list is a queue
served in referral order. Each month everyone still waiting gets a month older; a
share of them leaves without starting, equal to the recent monthly removals ÷ the
list at the snapshot date; new referrals join at the recent monthly rate (changed
by the user's percentage), spread evenly through the month; and the month's starts
(the recent monthly rate plus the extra places) go to the longest waiters first.

The list is held as blocks of people spread evenly over a range of waits (in
days); percentiles read the wait below which that share of the list falls.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.definitions import RECENT_FLOW_WEEKS
from metrics.waiting_snapshot import weighted_percentile_days

#: A planning month: one twelfth of a year.
MONTH_DAYS: Final[float] = 365.25 / 12
WEEKS_PER_MONTH: Final[float] = 52 / 12


def monthly_rate(count: float, *, weeks: int = RECENT_FLOW_WEEKS) -> float:
    """A count over the last ``weeks`` weeks as a rate per month (× 52/12 ÷ weeks): 13 weeks ÷ 3."""
    return count * WEEKS_PER_MONTH / weeks


def blocks_from_histogram(histogram: pd.DataFrame) -> np.ndarray:
    """Blocks [lower_days, upper_days, count] from a wait histogram: wait d days -> [d, d + 1)."""
    days = histogram["wait_days"].to_numpy(dtype="float64")
    counts = histogram["waiting_count"].to_numpy(dtype="float64")
    return np.column_stack([days, days + 1, counts])


def block_percentile_days(blocks: np.ndarray, percentile: float) -> float:
    """The wait (days) below which ``percentile``% of the people in ``blocks`` fall; NaN when empty."""
    live = blocks[blocks[:, 2] > 0]
    total = live[:, 2].sum()
    if total <= 0:
        return float("nan")
    live = live[np.argsort(live[:, 0], kind="stable")]
    wanted = total * percentile / 100
    before = np.concatenate([[0.0], np.cumsum(live[:, 2])[:-1]])
    index = min(int(np.searchsorted(before + live[:, 2], wanted, side="left")), len(live) - 1)
    lower, upper, count = live[index]
    return float(lower + (wanted - before[index]) / count * (upper - lower))


def _start_longest_waiters(blocks: np.ndarray, starts: float) -> np.ndarray:
    """Remove ``starts`` people from the longest waits down; a block part-used keeps its shorter waits."""
    out = blocks[np.argsort(-blocks[:, 0], kind="stable")].copy()
    remaining = starts
    for row in out:
        if remaining <= 0:
            break
        taken = min(remaining, row[2])
        if row[2] > 0:
            row[1] = row[0] + (row[1] - row[0]) * (row[2] - taken) / row[2]
        row[2] -= taken
        remaining -= taken
    return out[out[:, 2] > 1e-9]


def project_month(
    blocks: np.ndarray, *, additions: float, starts: float, removal_share: float, month_days: float = MONTH_DAYS
) -> np.ndarray:
    """One month of the model: age, remove a share, add new referrals, start the longest waiters."""
    aged = blocks.copy()
    aged[:, :2] += month_days
    aged[:, 2] *= 1 - min(max(removal_share, 0.0), 1.0)
    joined = np.vstack([aged, [[0.0, month_days, max(additions, 0.0)]]])
    return _start_longest_waiters(joined, max(starts, 0.0))


def _percentiles_days(histogram: pd.DataFrame | None, blocks: np.ndarray) -> tuple[float, float]:
    """Median and 92nd percentile wait in days: exact at month 0 (as the headline), else from the blocks."""
    if histogram is not None:
        days, counts = histogram["wait_days"].to_numpy(), histogram["waiting_count"].to_numpy()
        return weighted_percentile_days(days, counts, 50.0), weighted_percentile_days(days, counts, 92.0)
    return block_percentile_days(blocks, 50.0), block_percentile_days(blocks, 92.0)


def project_waiting_list(
    histogram: pd.DataFrame,
    *,
    additions_per_month: float,
    starts_per_month: float,
    removals_per_month: float,
    target_weeks: float,
    months: int = 12,
) -> pd.DataFrame:
    """Project the list for ``months`` months from the list at T (month 0) and monthly rates.

    Month 0 is the list at T with the headline's exact percentiles.

    Returns:
        One row per month 0…months: month, waiting_count (people, fractional),
        median_wait_weeks, p92_wait_weeks, meets_target (92nd percentile wait ≤
        target, or nobody waiting).
    """
    blocks = blocks_from_histogram(histogram)
    waiting_now = blocks[:, 2].sum()
    removal_share = removals_per_month / waiting_now if waiting_now else 0.0
    rows = []
    for month in range(months + 1):
        if month:
            blocks = project_month(
                blocks, additions=additions_per_month, starts=starts_per_month, removal_share=removal_share
            )
        median_days, p92_days = _percentiles_days(histogram if month == 0 else None, blocks)
        rows.append({
            "month": month,
            "waiting_count": float(blocks[:, 2].sum()) if len(blocks) else 0.0,
            "median_wait_weeks": median_days / 7,
            "p92_wait_weeks": p92_days / 7,
            "meets_target": bool(np.isnan(p92_days) or p92_days <= 7 * target_weeks),
        })
    return pd.DataFrame(rows)


def first_month_meeting_target(projection: pd.DataFrame) -> int | None:
    """The first projected month (1…) in which the 92nd percentile wait is within the target; None if never."""
    meeting = projection.loc[(projection["month"] > 0) & projection["meets_target"], "month"]
    return int(meeting.iloc[0]) if len(meeting) else None
