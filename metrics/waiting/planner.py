"""What-if capacity planner: the waiting list and its waits projected month by month.

The model, in words (the page shows the same paragraph): today's pattern of who
starts is kept. A life table of referrals made in the period gives, for each
month of waiting, the chance of starting and of leaving without starting in that
month. Each month removals follow that pattern at the recent monthly rate of
removals; the month's starts (the recent monthly rate plus the extra places) are
shared out in the starting pattern; everyone left gets a month older; and new
referrals join at the recent monthly rate (changed by the user's percentage).

The list is held as blocks of people spread evenly over a range of waits (in
days); percentiles read the wait below which that share of the list falls.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.waiting.time_to_start import EVENT_CENSORED, EVENT_REMOVED, EVENT_STARTED
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, RECENT_FLOW_WEEKS

#: A planning month: one twelfth of a year.
MONTH_DAYS: Final[float] = 365.25 / 12
WEEKS_PER_MONTH: Final[float] = 52 / 12


def monthly_rate(count: float, *, weeks: int = RECENT_FLOW_WEEKS) -> float:
    """A count over the last ``weeks`` weeks as a rate per month (× 52/12 ÷ weeks): 13 weeks ÷ 3."""
    return count * WEEKS_PER_MONTH / weeks


def life_table(events: pd.DataFrame, *, pool_below: float = MIN_DENOMINATOR_FOR_PERCENT) -> pd.DataFrame:
    """Chance of starting and of leaving without starting in each month of waiting (actuarial life table).

    Month k of waiting holds durations in [k, k + 1) × 30.4375 days. At risk = those
    followed into month k less half of those censored in it; start_chance = starts in
    month k ÷ at risk, removal_chance likewise. From the first month with fewer than
    ``pool_below`` at risk, the remaining months are pooled into one last row.

    Args:
        events: duration_days, event (1 started, 2 removed, 0 still waiting), referral_count.
    """
    month = np.floor(events["duration_days"].to_numpy() / MONTH_DAYS).astype(int)
    counts = events["referral_count"].to_numpy()
    length = int(month.max()) + 1 if len(month) else 0
    by_event = {code: np.bincount(month, weights=counts * (events["event"].to_numpy() == code), minlength=length)
                for code in (EVENT_STARTED, EVENT_REMOVED, EVENT_CENSORED)}
    entering = np.cumsum(np.bincount(month, weights=counts, minlength=length)[::-1])[::-1]
    at_risk = entering - by_event[EVENT_CENSORED] / 2
    small = np.flatnonzero(at_risk < pool_below)
    if len(small):
        first = max(int(small[0]), 1)
        pooled = {code: np.append(values[:first], values[first:].sum()) for code, values in by_event.items()}
        at_risk = np.append(at_risk[:first], at_risk[first:].sum())
        by_event = pooled
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({
            "month": np.arange(len(at_risk)), "at_risk": at_risk,
            "start_chance": np.where(at_risk > 0, by_event[EVENT_STARTED] / at_risk, 0.0),
            "removal_chance": np.where(at_risk > 0, by_event[EVENT_REMOVED] / at_risk, 0.0),
        })


def blocks_from_histogram(histogram: pd.DataFrame) -> np.ndarray:
    """Blocks [lower_days, upper_days, count] from a wait histogram: wait d days -> [d, d + 1), one per d."""
    per_day = histogram.groupby("wait_days")["waiting_count"].sum()
    days = per_day.index.to_numpy(dtype="float64")
    return np.column_stack([days, days + 1, per_day.to_numpy(dtype="float64")])


def block_percentile_days(blocks: np.ndarray, percentile: float) -> float:
    """The wait (days) below which ``percentile``% of the people in ``blocks`` fall; NaN when empty."""
    live = blocks[blocks[:, 2] > 1e-9]
    total = live[:, 2].sum()
    if total <= 0:
        return float("nan")
    live = live[np.argsort(live[:, 0], kind="stable")]
    wanted = total * percentile / 100
    before = np.concatenate([[0.0], np.cumsum(live[:, 2])[:-1]])
    index = min(int(np.searchsorted(before + live[:, 2], wanted, side="left")), len(live) - 1)
    lower, upper, count = live[index]
    return float(lower + (wanted - before[index]) / count * (upper - lower))


def chances_for(blocks: np.ndarray, chances: np.ndarray) -> np.ndarray:
    """Each block's chance from a by-month array (the block's middle wait; the last month beyond)."""
    month = np.floor((blocks[:, 0] + blocks[:, 1]) / 2 / MONTH_DAYS).astype(int)
    return chances[np.clip(month, 0, len(chances) - 1)]
