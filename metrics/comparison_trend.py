"""The trend of one indicator for the PDU of interest and its benchmark, quarter by quarter.

Quarters are the three-month periods ending on the page's period end (see
``metrics.trend.trend_quarters``). The PDU's values carry their intervals and
disclosure control; the recent-trend test runs on the PDU's own numerators and
denominators for the five most recent quarters.
"""

from __future__ import annotations

import pandas as pd

from metrics.comparison_tables import count_texts
from metrics.indicator_compute import LIMIT_COLUMNS
from metrics.indicators import Indicator
from metrics.pdu_comparison import is_value_suppressed
from metrics.trend import recent_trend


def trend_frame(
    values: pd.DataFrame,
    quarters: pd.DataFrame,
    item: Indicator,
    *,
    pdu_code: str,
    benchmark_type: str,
    benchmark_code: str,
) -> pd.DataFrame:
    """One row per quarter: label, end, the PDU's value, limits and counts, and the benchmark value.

    Args:
        values: the indicator for areas and windows (from ``Indicator.compute``),
            with windows numbering the rows of ``quarters``.
        quarters: from ``trend_quarters``.
        item: the indicator.
        pdu_code: the PDU of interest.
        benchmark_type, benchmark_code: the benchmark area ("national" or "region", and its code).
    """
    own = values[(values["area_type"] == "pdu") & (values["area_code"] == pdu_code)]
    reference = values[(values["area_type"] == benchmark_type) & (values["area_code"] == benchmark_code)]
    series = quarters[["window", "label", "end"]].merge(
        own.drop(columns=["area_type", "area_code"]), on="window", how="left"
    ).merge(reference[["window", "value"]].rename(columns={"value": "benchmark"}), on="window", how="left")
    series["suppressed"] = is_value_suppressed(item, series["numerator"], series["denominator"]).to_numpy()
    for column in ("value", *LIMIT_COLUMNS):
        series[column] = series[column].where(~series["suppressed"])
    return series


def trend_words(series: pd.DataFrame, item: Indicator) -> str:
    """The recent trend of the PDU's series in words (Fingertips' test, five most recent quarters)."""
    return recent_trend(
        series["numerator"].to_numpy("float64"),
        series["denominator"].to_numpy("float64"),
        kind=item.kind,
        polarity=item.polarity,
        min_denominator=item.min_denominator,
    )


def trend_table(series: pd.DataFrame, item: Indicator, *, pdu_name: str, benchmark_name: str) -> pd.DataFrame:
    """The trend as a display/download table with disclosure control applied."""
    table = pd.DataFrame({
        "Quarter": series["label"],
        f"{pdu_name} ({item.unit})": series["value"].round(1),
        "Lower 95% limit": series["value_lower95"].round(1),
        "Upper 95% limit": series["value_upper95"].round(1),
    })
    if item.kind != "median":
        table[item.numerator] = count_texts(series["numerator"])
    table[item.denominator] = count_texts(series["denominator"])
    table[f"{benchmark_name} ({item.unit})"] = series["benchmark"].round(1)
    return table
