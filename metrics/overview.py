"""The Overview page's headline figures, from counts the database returns."""

from __future__ import annotations

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import format_count, format_percent, suppress_table

#: Overview headline labels, exactly as in docs/definitions.md.
PEOPLE = "People"
REFERRALS = "Referrals"
STARTS = "Starts"
COMPLETIONS = "Completions"
WAITING_LIST = "Accredited programme waiting list"
JUDGED_SUFFICIENT = "Needs judged sufficient"


def judged_sufficient_pct(sufficient_count: int, judged_count: int) -> float | None:
    """Needs judged sufficient: sufficient ÷ judged need records, in percent (None when none judged)."""
    return sufficient_count / judged_count * 100 if judged_count else None


def overview_kpis(counts: dict[str, int]) -> list[Kpi]:
    """The six Overview figures, formatted with disclosure control.

    ``counts`` is the mapping returned by ``data_access.queries.overview_counts``.
    """
    sufficient_pct = judged_sufficient_pct(counts["sufficient_count"], counts["judged_count"])
    return [
        Kpi(PEOPLE, format_count(counts["people_count"])),
        Kpi(REFERRALS, format_count(counts["referral_count"])),
        Kpi(STARTS, format_count(counts["start_count"])),
        Kpi(COMPLETIONS, format_count(counts["completion_count"])),
        Kpi(WAITING_LIST, format_count(counts["waiting_count"])),
        Kpi(JUDGED_SUFFICIENT, format_percent(sufficient_pct, counts["judged_count"])),
    ]


def referrals_and_starts_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly trend as a display/download table, with small counts suppressed."""
    table = monthly.rename(
        columns={"month": "Month", "referral_count": "Referrals", "start_count": "Starts"}
    )
    table["Month"] = pd.to_datetime(table["Month"]).dt.strftime("%Y-%m")
    return suppress_table(table, count_columns=("Referrals", "Starts"))
