"""The planner's month-by-month projection (model described in ``metrics.waiting.planner``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.stats.medians import weighted_percentile_days
from metrics.waiting.planner import (
    MONTH_DAYS,
    block_percentile_days,
    blocks_from_histogram,
    chances_for,
)

STANDARD_PERCENTILE = 92.0


def share_out(capacity: float, weights: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Share ``capacity`` in proportion to ``weights``, never giving a block more than its ``room``.

    What a full block cannot take goes to the others in the same proportions; with
    no weight anywhere, capacity is shared in proportion to room. Returns the amounts.
    """
    given = np.zeros(len(room))
    weights = weights if weights.sum() > 0 else room.astype("float64")
    for _ in range(len(room) + 1):
        open_ = (given < room - 1e-12) & (weights > 0)
        left = capacity - given.sum()
        if left <= 1e-9 or not open_.any():
            break
        offer = np.where(open_, left * weights / weights[open_].sum(), 0.0)
        given = np.minimum(given + offer, room)
    return given


def project_month(
    blocks: np.ndarray, *, additions: float, starts: float, removal_weights: np.ndarray,
    start_chances: np.ndarray, month_days: float = MONTH_DAYS,
) -> tuple[np.ndarray, float]:
    """One month: remove (``removal_weights`` people per block), share out the starts, age, add referrals.

    Returns the new blocks and the number of people who started.
    """
    counts = blocks[:, 2]
    removed = np.minimum(removal_weights, counts)
    left = counts - removed
    started = share_out(max(starts, 0.0), chances_for(blocks, start_chances) * left, left)
    survivors = blocks.copy()
    survivors[:, 2] = left - started
    survivors[:, :2] += month_days
    joined = np.vstack([survivors, [[0.0, month_days, max(additions, 0.0)]]])
    return joined[joined[:, 2] > 1e-9], float(started.sum())


def _percentiles_days(histogram: pd.DataFrame | None, blocks: np.ndarray) -> tuple[float, float]:
    """Median and 92nd percentile wait in days: exact at month 0 (as the headline), else from the blocks."""
    if histogram is not None:
        days, counts = histogram["wait_days"].to_numpy(), histogram["waiting_count"].to_numpy()
        return weighted_percentile_days(days, counts, 50.0), weighted_percentile_days(days, counts, 92.0)
    return block_percentile_days(blocks, 50.0), block_percentile_days(blocks, STANDARD_PERCENTILE)


def _removal_scale(blocks: np.ndarray, chances: np.ndarray, removals_per_month: float) -> tuple[np.ndarray, float]:
    """Removal chances by month and the factor that makes month 1's removals the recent monthly rate."""
    expected = (chances_for(blocks, chances) * blocks[:, 2]).sum()
    if expected <= 0:
        chances, expected = np.ones(1), blocks[:, 2].sum()
    return chances, (removals_per_month / expected if expected else 0.0)


def project_waiting_list(
    histogram: pd.DataFrame,
    chances: pd.DataFrame,
    *,
    additions_per_month: float,
    starts_per_month: float,
    removals_per_month: float,
    target_weeks: float,
    months: int = 12,
) -> pd.DataFrame:
    """Project the list for ``months`` months from the list at T (month 0), monthly rates and a life table.

    ``chances``: start_chance and removal_chance by month of waiting (``life_table``). Month 0
    is the list at T with the headline's exact percentiles.

    Returns:
        One row per month 0…months: month, waiting_count (people, fractional), starts_count
        (starts given that month), median_wait_weeks, p92_wait_weeks, meets_target (92nd
        percentile wait ≤ target, or nobody waiting).
    """
    blocks = blocks_from_histogram(histogram)
    start_chances = chances["start_chance"].to_numpy() if len(chances) else np.ones(1)
    removal_chances, scale = _removal_scale(
        blocks, chances["removal_chance"].to_numpy() if len(chances) else np.ones(1), removals_per_month)
    rows, started = [], 0.0
    for month in range(months + 1):
        if month:
            blocks, started = project_month(
                blocks, additions=additions_per_month, starts=starts_per_month,
                removal_weights=scale * chances_for(blocks, removal_chances) * blocks[:, 2],
                start_chances=start_chances)
        median_days, p92_days = _percentiles_days(histogram if month == 0 else None, blocks)
        rows.append({
            "month": month, "waiting_count": float(blocks[:, 2].sum()) if len(blocks) else 0.0,
            "starts_count": started if month else float("nan"),
            "median_wait_weeks": median_days / 7, "p92_wait_weeks": p92_days / 7,
            "meets_target": bool(np.isnan(p92_days) or p92_days <= 7 * target_weeks),
        })
    return pd.DataFrame(rows)


def projection_verdict(projection: pd.DataFrame, *, target_weeks: int, measure: str) -> str:
    """Whether and when the projected list meets the target, in words, on the measure the chart draws.

    The target is met when 92% of those waiting have waited no longer than it (``meets_target``); the
    sentence names that measure (``measure``: its label on the chart) and gives its value, so that
    chart and sentence say the same thing about the same figure. ``projection`` needs month, label,
    p92_wait_weeks and meets_target (``project_waiting_list`` with labels).
    """
    def value(month: int) -> str:
        weeks = projection.loc[projection["month"] == month, "p92_wait_weeks"].iloc[0]
        return "nobody waiting" if np.isnan(weeks) else f"{measure.lower()} {weeks:.1f} weeks"

    if projection["meets_target"].iloc[0]:
        return f"**The list already meets the {target_weeks}-week target** (now: {value(0)})."
    month = first_month_meeting_target(projection)
    if month is None:
        last = int(projection["month"].iloc[-1])
        label = projection["label"].iloc[-1]
        return (f"**At these rates the list does not meet the {target_weeks}-week target within {last} months** "
                f"(in {label}: {value(last)}).")
    label = projection.loc[projection["month"] == month, "label"].iloc[0]
    return (f"**At these rates the list meets the {target_weeks}-week target in {label}** "
            f"(month {month}: {value(month)}).")


def first_month_meeting_target(projection: pd.DataFrame) -> int | None:
    """The first projected month (1…) in which the 92nd percentile wait is within the target; None if never."""
    meeting = projection.loc[(projection["month"] > 0) & projection["meets_target"], "month"]
    return int(meeting.iloc[0]) if len(meeting) else None
