"""The Overview page's headline figures, from counts the database returns."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import (
    HIDDEN_COUNT,
    SUPPRESSED_PERCENT,
    format_count,
    format_percent,
    shown_count,
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
#: The heading in docs/definitions.md of the changes shown under the figures.
YEAR_ON_YEAR = "Change on the same period a year earlier"


def judged_sufficient_pct(sufficient_count: int, judged_count: int) -> float | None:
    """Needs judged sufficient: sufficient ÷ judged need records, in percent (None when none judged)."""
    return sufficient_count / judged_count * 100 if judged_count else None


#: The words after each change: the dates are in the note under the figures.
CHANGE_SUFFIX = "vs last year"
#: Which way is better for each figure's change ("off": neither, drawn grey).
_CHANGE_COLOURS = {PEOPLE: "off", REFERRALS: "off", STARTS: "off", COMPLETIONS: "off", WAITING_LIST: "inverse",
                   JUDGED_SUFFICIENT: "normal"}
_COUNT_KEYS = {PEOPLE: "people_count", REFERRALS: "referral_count", STARTS: "start_count",
               COMPLETIONS: "completion_count", WAITING_LIST: "waiting_count"}


def same_period_a_year_earlier(start: dt.date, end: dt.date, data_from: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period the Overview's figures are compared with: the same dates a year earlier.

    29 February moves to 28 February. None when the earlier period starts before the first
    date in the data (a part-period would understate every count).
    """
    def year_earlier(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    earlier = (year_earlier(start), year_earlier(end))
    return earlier if earlier[0] >= data_from else None


def overview_kpis(
    counts: dict[str, int], monthly: pd.DataFrame | None = None, before: dict[str, int] | None = None
) -> list[Kpi]:
    """The six Overview figures, formatted with disclosure control, each with its change on a year earlier.

    ``counts`` is the mapping returned by ``data_access.queries.overview_counts``;
    ``monthly`` the referrals and starts per month shown beside them; ``before`` the same
    counts for the same period a year earlier (None: no comparison). Referrals or
    starts are hidden when, with the months' counts, they would pin a suppressed month
    (secondary suppression: a shown 5 means 5–7). A change is the difference of the two
    figures as they would be shown (counts rounded to 5, percentages to 0.1), and is not
    shown when either figure is hidden: a change of exact counts would give them back.
    """
    sufficient_pct = judged_sufficient_pct(counts["sufficient_count"], counts["judged_count"])
    values = {
        PEOPLE: format_count(counts["people_count"]),
        REFERRALS: _total_text(counts["referral_count"], monthly, "referral_count"),
        STARTS: _total_text(counts["start_count"], monthly, "start_count"),
        COMPLETIONS: format_count(counts["completion_count"]),
        WAITING_LIST: format_count(counts["waiting_count"]),
        JUDGED_SUFFICIENT: format_percent(sufficient_pct, counts["judged_count"]),
    }
    kpis = []
    for label, value in values.items():
        change = None if before is None else year_on_year_change(label, value, counts, before)
        colour = "off" if change is None or change.startswith(("+0 ", "+0.0 ")) else _CHANGE_COLOURS[label]
        kpis.append(Kpi(label, value, change, colour))
    return kpis


def year_on_year_change(label: str, value: str, counts: dict[str, int], before: dict[str, int]) -> str | None:
    """The change in one Overview figure on the same period a year earlier, as shown ("+25 vs last
    year", "-1.5 pts vs last year": last year is the same dates a year earlier); None when either figure is hidden by disclosure control."""
    if value in (HIDDEN_COUNT, SUPPRESSED_PERCENT) or value.startswith("<"):
        return None
    if label == JUDGED_SUFFICIENT:
        earlier = judged_sufficient_pct(before["sufficient_count"], before["judged_count"])
        now = judged_sufficient_pct(counts["sufficient_count"], counts["judged_count"])
        if earlier is None or now is None or format_percent(earlier, before["judged_count"]) == SUPPRESSED_PERCENT:
            return None
        return f"{round(now, 1) - round(earlier, 1):+.1f} pts {CHANGE_SUFFIX}"
    shown_now, shown_before = shown_count(counts[_COUNT_KEYS[label]]), shown_count(before[_COUNT_KEYS[label]])
    if shown_now is None or shown_before is None:
        return None
    return f"{int(shown_now - shown_before):+,} {CHANGE_SUFFIX}"


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
