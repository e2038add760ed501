"""Waiting times tables for display and download, with disclosure control applied.

Display tables keep numbers numeric so they sort as numbers: a suppressed value
is the code −1 (shown as "<5" for counts, blank for statistics; the grid would show
a missing value as "None") and "not clearing" is infinity. Downloads spell the
same values out ("<5", blank, "not clearing").
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.disclosure import SUPPRESSED_COUNT, percent_hidden, shown_counts
from metrics.waiting.flows import with_clearance_time
from metrics.waiting.kpis import (
    CLEARANCE_TIME,
    MEDIAN_WAIT,
    NOT_CLEARING,
    OVER_52_WEEKS,
    P92_WAIT,
    WAITING_LIST,
    list_statistic_shown,
)
from metrics.waiting.snapshot import wait_summary_by

WITHIN_TARGET_PCT: Final = "Still waiting, within target (%)"
#: Display name of each breakdown measure.
MEASURE_NAMES: Final[dict[str, str]] = {
    "waiting_count": WAITING_LIST,
    "median_wait_weeks": MEDIAN_WAIT,
    "p92_wait_weeks": P92_WAIT,
    "within_target_pct": WITHIN_TARGET_PCT,
    "over_52_weeks_count": OVER_52_WEEKS,
    "clearance_time_weeks": CLEARANCE_TIME,
}
COUNT_NAMES: Final[tuple[str, ...]] = (WAITING_LIST, OVER_52_WEEKS)
STATISTIC_NAMES: Final[tuple[str, ...]] = (MEDIAN_WAIT, P92_WAIT, WITHIN_TARGET_PCT, CLEARANCE_TIME)
#: Stands for a suppressed value in a display table (never a real count, wait or share).
SUPPRESSED_CODE: Final[float] = -1.0


def breakdown(histogram: pd.DataFrame, recent: pd.DataFrame, by: list[str], *, target_weeks: int) -> pd.DataFrame:
    """The six headline measures for each group of ``by`` (unsuppressed, for metrics and charts).

    Columns: ``by``, waiting_count, median_wait_weeks, p92_wait_weeks, within_target_count,
    within_target_pct, over_52_weeks_count, recent_starts_count, clearance_time_weeks.
    """
    summary = wait_summary_by(histogram, by, target_weeks=target_weeks)
    starts = recent.groupby(by, as_index=False)["recent_starts_count"].sum()
    merged = summary.merge(starts, on=by, how="left").fillna({"recent_starts_count": 0})
    merged["recent_starts_count"] = merged["recent_starts_count"].astype("int64")
    return with_clearance_time(merged)


def breakdown_display(summary: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """A breakdown for the screen: ``labels`` maps group columns to headings; largest list first.

    Counts of 1–4, statistics of a list under 10 and shares hidden by the percentage
    rule become ``SUPPRESSED_CODE``; other counts are rounded to the nearest 5;
    waits and clearance are rounded to one decimal (weeks), shares to one decimal (%).
    """
    table = summary.sort_values("waiting_count", ascending=False, kind="stable")
    shown = table["waiting_count"].apply(list_statistic_shown)
    out = table[list(labels)].rename(columns=labels).reset_index(drop=True)
    for column, name in MEASURE_NAMES.items():
        values = table[column].astype("float64").reset_index(drop=True)
        if name in COUNT_NAMES:
            out[name] = shown_counts(values).fillna(SUPPRESSED_CODE).where(values.notna(), np.nan)
        else:
            out[name] = values.round(1).where(shown.to_numpy(), SUPPRESSED_CODE)
    # A share of the list is hidden when it would give back a within- or over-target count of 1–4.
    share_hidden = percent_hidden(table["within_target_pct"].astype("float64"),
                                  table["waiting_count"].astype("float64")).to_numpy()
    out[WITHIN_TARGET_PCT] = out[WITHIN_TARGET_PCT].where(~share_hidden, SUPPRESSED_CODE)
    return out


def breakdown_download(display: pd.DataFrame) -> pd.DataFrame:
    """The display table with its conventions spelt out for a CSV file: "<5", "not clearing", blank."""
    out = display.astype({name: "object" for name in [*COUNT_NAMES, *STATISTIC_NAMES]})
    for name in COUNT_NAMES:
        out[name] = [SUPPRESSED_COUNT if value == SUPPRESSED_CODE else int(value) for value in display[name]]
    for name in STATISTIC_NAMES:
        out[name] = [statistic_text(value) for value in display[name]]
    return out


def count_text(value: float) -> str:
    """A display-table count as read: "<5" for the suppressed code, else with thousands separators."""
    return SUPPRESSED_COUNT if value == SUPPRESSED_CODE else f"{value:,.0f}"


def statistic_text(value: float) -> str:
    """A display-table statistic as read: blank when suppressed, "not clearing" for infinity."""
    if value == SUPPRESSED_CODE or np.isnan(value):
        return ""
    return NOT_CLEARING if value == math.inf else f"{value:.1f}"
