"""Completed waits (a secondary measure): referral-to-start waits of those who started in the period.

Completed waits reward starting short waiters first and leave out everyone still
waiting, so the page shows them after, and apart from, the waiting list at T.
"""

from __future__ import annotations

import pandas as pd

from metrics.stats.disclosure import format_count
from metrics.stats.medians import weighted_percentile_days
from metrics.waiting.kpis import format_weeks
from metrics.waiting.snapshot import DAYS_PER_WEEK

OVERALL = "All"


def completed_median_weeks(waits: pd.DataFrame) -> float:
    """Median completed wait: the median of start_date − referral_date over referrals that started in
    the period (linear interpolation, as numpy), in days ÷ 7 = weeks; NaN when none started."""
    days = waits["wait_days"].to_numpy()
    return weighted_percentile_days(days, waits["start_count"].to_numpy(), 50.0) / DAYS_PER_WEEK


def completed_waits_table(waits: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Starts in the period and their median wait, per intervention and for all, formatted and suppressed.

    ``waits``: intervention_code, wait_days, start_count (from the database).
    """
    rows = [(OVERALL, waits)] + [
        (labels.get(code, code), part) for code, part in waits.groupby("intervention_code", sort=True)
    ]
    return pd.DataFrame([
        {
            "Intervention": name,
            "Starts in the period": format_count(part["start_count"].sum()),
            "Median wait to start (weeks)": format_weeks(
                completed_median_weeks(part), part["start_count"].sum()
            ),
        }
        for name, part in rows
    ])
