"""The trend of one indicator for the PDU of interest and its benchmark, quarter by quarter.

Quarters are the three-month periods ending on the page's period end (see
``metrics.stats.trend.trend_quarters``). The PDU's values carry their intervals and
disclosure control; the recent-trend test runs on the PDU's own numerators and
denominators for the five most recent quarters. For the need-record measures
counted within the follow-up window (``Indicator.follow_up``) those are the five
most recent quarters with full follow-up by the data date: later quarters read
low only because their referrals and starts are still to come, so they are
shown, marked, and left out of the test.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from metrics.comparison.indicator_compute import LIMIT_COLUMNS
from metrics.comparison.indicators import Indicator
from metrics.comparison.pdu_comparison import is_value_suppressed
from metrics.comparison.tables import count_texts
from metrics.stats.follow_up import has_full_follow_up
from metrics.stats.trend import TREND_POINTS, recent_trend
from vocabulary.definitions import NEED_FOLLOW_UP_DAYS

#: The trend table's column saying whether a quarter had full follow-up (follow-up indicators only).
FOLLOW_UP_COLUMN = "Full follow-up"


def trend_frame(
    values: pd.DataFrame,
    quarters: pd.DataFrame,
    item: Indicator,
    *,
    pdu_code: str,
    benchmark_type: str,
    benchmark_code: str,
    data_as_of: dt.date | None,
) -> pd.DataFrame:
    """One row per quarter: label, end, the PDU's value, limits and counts, the benchmark value,
    and ``follow_up_complete`` (always True for indicators without a follow-up window).

    Args:
        values: the indicator for areas and windows (from ``Indicator.compute``),
            with windows numbering the rows of ``quarters``.
        quarters: from ``trend_quarters``.
        item: the indicator.
        pdu_code: the PDU of interest.
        benchmark_type, benchmark_code: the benchmark area ("national" or "region", and its code).
        data_as_of: the data date, against which follow-up is judged.
    """
    own = values[(values["area_type"] == "pdu") & (values["area_code"] == pdu_code)]
    reference = values[(values["area_type"] == benchmark_type) & (values["area_code"] == benchmark_code)]
    series = quarters[["window", "label", "end"]].merge(
        own.drop(columns=["area_type", "area_code"]), on="window", how="left"
    ).merge(reference[["window", "value"]].rename(columns={"value": "benchmark"}), on="window", how="left")
    series["suppressed"] = is_value_suppressed(item, series["numerator"], series["denominator"]).to_numpy()
    for column in ("value", *LIMIT_COLUMNS):
        series[column] = series[column].where(~series["suppressed"])
    series["follow_up_complete"] = (has_full_follow_up(series["end"], data_as_of) if item.follow_up
                                    else np.ones(len(series), dtype=bool))
    return series


def trend_words(series: pd.DataFrame, item: Indicator) -> str:
    """The recent trend of the PDU's series in words (Fingertips' test, five most recent quarters
    with full follow-up)."""
    tested = series[series["follow_up_complete"].astype(bool)]
    if item.follow_up and len(tested) < TREND_POINTS <= len(series):
        return (f"Not tested: fewer than {TREND_POINTS} three-month periods have had the full "
                f"{NEED_FOLLOW_UP_DAYS} days of follow-up by the data date")
    return recent_trend(
        tested["numerator"].to_numpy("float64"),
        tested["denominator"].to_numpy("float64"),
        kind=item.kind,
        polarity=item.polarity,
        min_denominator=item.min_denominator,
    )


def follow_up_trend_note(series: pd.DataFrame, item: Indicator) -> str | None:
    """Which quarters the follow-up window leaves out of the test, in words (None when none are)."""
    incomplete = series[~series["follow_up_complete"].astype(bool)]
    if not item.follow_up or incomplete.empty:
        return None
    return (f"The quarters from “{incomplete['label'].iloc[0]}” on have not had the full {NEED_FOLLOW_UP_DAYS} "
            "days of follow-up by the data date: they are shaded and drawn hollow, will rise as referrals and "
            "starts come in, and are left out of the trend test.")


def trend_table(series: pd.DataFrame, item: Indicator, *, pdu_name: str, benchmark_name: str) -> pd.DataFrame:
    """The trend as a display/download table with disclosure control applied (the benchmark blank in a quarter
    whose value is withheld)."""
    table = pd.DataFrame({
        "Quarter": series["label"],
        f"{pdu_name} ({item.unit})": series["value"].round(1),
        "Lower 95% limit": series["value_lower95"].round(1),
        "Upper 95% limit": series["value_upper95"].round(1),
    })
    if item.kind != "median":
        table[item.numerator] = count_texts(series["numerator"])
    table[item.denominator] = count_texts(series["denominator"])
    # Beside a value disclosure control withholds, the benchmark would read as that row's own percentage of
    # its small counts: it is left blank there (the chart still draws it).
    table[f"Benchmark: {benchmark_name} ({item.unit})"] = series["benchmark"].where(series["value"].notna()).round(1)
    if item.follow_up:
        table[FOLLOW_UP_COLUMN] = np.where(series["follow_up_complete"].astype(bool), "Yes",
                                           "Not yet: left out of the trend test")
    return table
