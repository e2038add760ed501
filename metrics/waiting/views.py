"""Frames behind the Waiting times charts and their tables, with disclosure control applied.

A chart frame carries the value to plot (0 for a suppressed count, so no bar
gives the number away) and the text to show for it ("<5"); a table frame is what
the page shows under the chart and offers as a CSV file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.stats.disclosure import (
    HIDDEN_COUNT,
    format_count,
    percent_hidden,
    relation_pins_a_suppressed_count,
    shown_counts,
    suppress_table,
)
from metrics.waiting.kpis import MEDIAN_WAIT, P92_WAIT, list_statistic_shown


def with_count_labels(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Add ``<column>_plotted`` (the count as shown, rounded to 5; 0 where suppressed, so no bar gives
    the number away) and ``<column>_label`` ("<5", "1,235") for charts."""
    out = table.copy()
    out[f"{column}_plotted"] = shown_counts(out[column]).fillna(0)
    out[f"{column}_label"] = out[column].apply(format_count)
    return out


TREND_COUNTS = ("waiting_end_count", "additions_count", "starts_count", "removals_count")


def labelled_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """The monthly trend as the chart and table show it: month ends protected (``protect_month_ends``),
    then ``_plotted`` and ``_label`` columns for every count ("hidden" for a protected month end)."""
    out = protect_month_ends(trend)
    for column in TREND_COUNTS:
        out = with_count_labels(out, column)
    hidden = out["waiting_end_count"].isna()
    out["waiting_end_count_label"] = out["waiting_end_count_label"].where(~hidden, HIDDEN_COUNT)
    return out


def protect_month_ends(trend: pd.DataFrame) -> pd.DataFrame:
    """Secondary suppression of the monthly trend (people waiting; NaN where hidden).

    Two month-end lists and the month's flows satisfy list(t) − list(t−1) = additions −
    starts − removals. Where that relation, read as shown, would pin a suppressed flow
    (possible only with a shown 5, which means 5–7), the earlier month end is hidden, so
    neither that month's relation nor the one before it can be completed.
    """
    ends = trend["waiting_end_count"].astype("float64").to_numpy().copy()
    flows = trend[["additions_count", "starts_count", "removals_count"]].astype("float64").to_numpy()
    for month in range(1, len(ends)):
        if np.isnan(ends[month - 1]) or np.isnan(ends[month]):
            continue
        added, started, removed = flows[month]
        terms = [(1, ends[month]), (-1, ends[month - 1]), (-1, added), (1, started), (1, removed)]
        if relation_pins_a_suppressed_count(terms):
            ends[month - 1] = np.nan
    return trend.assign(waiting_end_count=ends)


def bands_table(bands: pd.DataFrame) -> pd.DataFrame:
    """Waiting list by band of weeks waited, for display and download."""
    table = bands[["band", "waiting_count"]].rename(
        columns={"band": "Weeks waited", "waiting_count": "People waiting"}
    )
    return suppress_table(table, count_columns=("People waiting",))


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The monthly trend: list at each month end and the month's flows (net change left out: it
    could give away a suppressed flow)."""
    table = pd.DataFrame({
        "Month": pd.to_datetime(trend["month"]).dt.strftime("%b %Y"),
        "Waiting at month end": trend["waiting_end_count"],
        "Additions (referrals)": trend["additions_count"],
        "Starts": trend["starts_count"],
        "Removals without start": trend["removals_count"],
    })
    safe = suppress_table(table, count_columns=tuple(table.columns[1:]))
    safe["Waiting at month end"] = safe["Waiting at month end"].where(
        trend["waiting_end_count"].notna().to_numpy(), HIDDEN_COUNT)
    return safe


def started_within_table(table: pd.DataFrame, labels: dict[str, str], *, heading: str) -> pd.DataFrame:
    """% started within the target per group (then overall), with 95% limits and the comparison words."""
    out = pd.DataFrame({
        heading: [labels.get(code, str(code)) for code in table["group"]],
        "Referrals in the period": table["cohort_count"],
        "Referrals started within target (%)": table["value_pct"].round(1),
        "95% lower (%)": table["value_pct_lower95"].round(1),
        "95% upper (%)": table["value_pct_upper95"].round(1),
        "Left without starting by then (%)": table["left_pct"].round(1),
        "Compared with overall": table["comparison"],
    })
    # A share of a cohort without censoring is a count over the cohort: the percentage rule applies to
    # the started share and to the share who left, as to any percentage.
    cohort = table["cohort_count"].astype("float64").reset_index(drop=True)
    hidden = (~out["Referrals in the period"].apply(list_statistic_shown)
              | percent_hidden(table["value_pct"].astype("float64").reset_index(drop=True), cohort)
              | percent_hidden(table["left_pct"].astype("float64").reset_index(drop=True), cohort))
    for column in out.columns[2:6]:
        out[column] = out[column].astype("float64").where(~hidden)
    out.loc[hidden, "Compared with overall"] = "Not compared"
    return suppress_table(out, count_columns=("Referrals in the period",))


def at_risk_table(summary: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """People waiting whose sentence ends within the usual length (or has ended), by PDU; most first.

    ``summary``: pdu_code, region_code, waiting_count, sentence_known_count, at_risk_count.
    """
    ordered = summary.sort_values(["at_risk_count", "waiting_count"], ascending=False, kind="stable")
    table = pd.DataFrame({
        "Probation Delivery Unit": [labels["pdus"].get(code, code) for code in ordered["pdu_code"]],
        "Region": [labels["regions"].get(code, code) for code in ordered["region_code"]],
        "Waiting": ordered["waiting_count"].to_numpy(),
        "With a sentence end date": ordered["sentence_known_count"].to_numpy(),
        "At risk": ordered["at_risk_count"].to_numpy(),
    })
    known = table["With a sentence end date"]
    table["At risk (% with a date)"] = (table["At risk"] / known.where(known > 0) * 100).round(1)
    return suppress_table(
        table, count_columns=("Waiting", "With a sentence end date", "At risk"),
        percent_columns={"At risk (% with a date)": "With a sentence end date"},
    )


def planner_table(projection: pd.DataFrame, month_labels: list[str]) -> pd.DataFrame:
    """The projection month by month (model figures, rounded: they are projections, not people)."""
    return pd.DataFrame({
        "Month": month_labels,
        # Rounded to 5 like every count: the first row is today's list.
        "Projected waiting list": shown_counts(projection["waiting_count"].round(0)).fillna(0).astype("int64"),
        "Projected starts in the month": projection["starts_count"].round(0),
        MEDIAN_WAIT: projection["median_wait_weeks"].round(1),
        P92_WAIT: projection["p92_wait_weeks"].round(1),
        "Meets the target": ["Yes" if met else "No" for met in projection["meets_target"]],
    })

