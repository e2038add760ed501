"""Flows on and off the waiting list: clearance time, the monthly trend and the comparison date.

Flows follow NHS referral-to-treatment statistics: additions are referrals (the
clock starts at the referral date), starts stop the clock, and removals without
start (withdrawn, not suitable, order ended) stop it with no start.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from vocabulary.definitions import RECENT_FLOW_WEEKS


def recent_window_start(snapshot: dt.date, *, weeks: int = RECENT_FLOW_WEEKS) -> dt.date:
    """The day before the recent window opens: "in the 13 weeks to T" means in (T − 91 days, T]."""
    return snapshot - dt.timedelta(days=7 * weeks)


def clearance_time_weeks(waiting_count: float, recent_starts_count: float, *, weeks: int = RECENT_FLOW_WEEKS) -> float:
    """Clearance time: waiting list ÷ mean weekly starts over the 13 weeks to T, in weeks.

    How long the current list would take to start if nobody else joined. An empty
    list takes 0 weeks; a list with no recent starts never clears (``math.inf``).
    """
    if waiting_count == 0:
        return 0.0
    if recent_starts_count == 0:
        return math.inf
    return waiting_count / (recent_starts_count / weeks)


def with_clearance_time(summary: pd.DataFrame, *, weeks: int = RECENT_FLOW_WEEKS) -> pd.DataFrame:
    """Add ``clearance_time_weeks`` to a table holding waiting_count and recent_starts_count."""
    out = summary.copy()
    out["clearance_time_weeks"] = [
        clearance_time_weeks(waiting, starts, weeks=weeks)
        for waiting, starts in zip(out["waiting_count"], out["recent_starts_count"])
    ]
    return out


def monthly_trend(flows: pd.DataFrame, waiting_before_count: int) -> pd.DataFrame:
    """The waiting list at the end of each month from the list the day before the period and the flows.

    Everyone referred by a date, less those started by it and those removed
    without start by it, is waiting at it; so the list at the end of month m is the
    list the day before the period plus the additions less the starts and the
    removals of every month up to m.

    Args:
        flows: one row per month of the period in order: month, month_end (the
            month's last day, or the period's end for a part month), additions_count,
            starts_count, removals_count (referrals).
        waiting_before_count: people waiting the day before the period opens.

    Returns:
        ``flows`` with net_change_count and waiting_end_count (people waiting at month_end).
    """
    out = flows.copy()
    out["net_change_count"] = out["additions_count"] - out["starts_count"] - out["removals_count"]
    out["waiting_end_count"] = waiting_before_count + out["net_change_count"].cumsum()
    return out


def comparison_date(snapshot: dt.date, data_from: dt.date) -> dt.date | None:
    """The date headline figures are compared with: the same date a year earlier, else 13 weeks earlier.

    A date before the first date in the data cannot be compared (None). 29 February
    compares with 28 February of the year before.
    """
    try:
        year_earlier = snapshot.replace(year=snapshot.year - 1)
    except ValueError:
        year_earlier = snapshot.replace(year=snapshot.year - 1, day=28)
    for earlier in (year_earlier, recent_window_start(snapshot)):
        if earlier >= data_from:
            return earlier
    return None
