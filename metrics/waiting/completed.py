"""Completed waits (a secondary measure): referral-to-start waits of those who started in the period.

Completed waits reward starting short waiters first and leave out everyone still
waiting, so the page shows them after, and apart from, the waiting list at T.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from metrics.stats.disclosure import HIDDEN_COUNT, format_count, total_pins_a_part
from metrics.stats.medians import weighted_percentile_days
from metrics.waiting.kpis import format_weeks
from metrics.waiting.snapshot import DAYS_PER_WEEK

OVERALL = "All"


def completed_median_weeks(waits: pd.DataFrame) -> float:
    """Median completed wait: the median of start_date − referral_date over referrals that started in
    the period (linear interpolation, as numpy), in days ÷ 7 = weeks; NaN when none started."""
    days = waits["wait_days"].to_numpy()
    return weighted_percentile_days(days, waits["start_count"].to_numpy(), 50.0) / DAYS_PER_WEEK


def completed_waits_table(
    waits: pd.DataFrame, labels: dict[str, str], *, monthly_starts: Sequence[float] = ()
) -> pd.DataFrame:
    """Starts in the period and their median wait, per intervention and for all, formatted and suppressed.

    ``waits``: intervention_code, wait_days, start_count (from the database).
    ``monthly_starts``: the same starts month by month, as the page's trend shows them. The
    overall count is hidden when, with the interventions' counts or the months' counts, it
    would pin a suppressed one (secondary suppression: a shown 5 means 5–7).
    """
    rows = [(OVERALL, waits)] + [
        (labels.get(code, code), part) for code, part in waits.groupby("intervention_code", sort=True)
    ]
    table = pd.DataFrame([
        {
            "Intervention": name,
            "Starts in the period": format_count(part["start_count"].sum()),
            "Median wait to start (weeks)": format_weeks(
                completed_median_weeks(part), part["start_count"].sum()
            ),
        }
        for name, part in rows
    ])
    total = float(waits["start_count"].sum())
    parts = [float(part["start_count"].sum()) for _, part in rows[1:]]
    if total_pins_a_part(total, parts) or total_pins_a_part(total, [float(n) for n in monthly_starts]):
        table.loc[0, "Starts in the period"] = HIDDEN_COUNT
    return table
