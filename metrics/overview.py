"""The Overview page's headline figures, from counts the database returns."""

from __future__ import annotations

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import (
    HIDDEN_COUNT,
    format_count,
    format_percent,
    suppress_table,
    total_pins_a_part,
)

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


def overview_kpis(counts: dict[str, int], monthly: pd.DataFrame | None = None) -> list[Kpi]:
    """The six Overview figures, formatted with disclosure control.

    ``counts`` is the mapping returned by ``data_access.queries.overview_counts``;
    ``monthly`` the referrals and starts per month shown beside them. Referrals or
    starts are hidden when, with the months' counts, they would pin a suppressed month
    (secondary suppression: a shown 5 means 5–7).
    """
    sufficient_pct = judged_sufficient_pct(counts["sufficient_count"], counts["judged_count"])
    return [
        Kpi(PEOPLE, format_count(counts["people_count"])),
        Kpi(REFERRALS, _total_text(counts["referral_count"], monthly, "referral_count")),
        Kpi(STARTS, _total_text(counts["start_count"], monthly, "start_count")),
        Kpi(COMPLETIONS, format_count(counts["completion_count"])),
        Kpi(WAITING_LIST, format_count(counts["waiting_count"])),
        Kpi(JUDGED_SUFFICIENT, format_percent(sufficient_pct, counts["judged_count"])),
    ]


def _total_text(total: int, monthly: pd.DataFrame | None, column: str) -> str:
    months = [] if monthly is None else [float(value) for value in monthly[column]]
    return HIDDEN_COUNT if total_pins_a_part(float(total), months) else format_count(total)


def referrals_and_starts_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly trend as a display/download table, with small counts suppressed."""
    table = monthly.rename(
        columns={"month": "Month", "referral_count": "Referrals", "start_count": "Starts"}
    )
    table["Month"] = pd.to_datetime(table["Month"]).dt.strftime("%Y-%m")
    return suppress_table(table, count_columns=("Referrals", "Starts"))
