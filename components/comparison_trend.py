"""PDU comparisons page: the PDU of interest's trend against its benchmark, quarter by quarter.

Only the query family the chosen indicator needs is run for the quarters; for the
median wait the waits are pooled in the database for the PDU and for its
benchmark area only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.comparison_profile import trend_figure
from components import cache
from components.blocks import chart_card, definition
from components.comparison import TARGET_DAYS, ComparisonData, month_start, national_filters
from components.presentation import chart_font_px
from metrics.comparison_areas import NATIONAL, area_counts, pdu_counts_frame
from metrics.comparison_trend import trend_frame, trend_table, trend_words
from metrics.indicators import Indicator
from metrics.pdu_comparison import ENGLAND_WALES
from metrics.scope import Filters
from metrics.trend import trend_quarters

Windows = tuple[tuple[dt.date, dt.date], ...]


def _family_counts(filters: Filters, item: Indicator, windows: Windows) -> list[pd.DataFrame]:
    if item.family == "needs":
        return [cache.load_comparison_need_counts(filters, windows)]
    if item.family == "flows":
        return [cache.load_comparison_flows(filters, windows)]
    snapshots = tuple(end for _, end in windows)
    counts = cache.load_comparison_waiting_counts(filters, snapshots, TARGET_DAYS)
    return [counts[["pdu_code", "window", "waiting_count", "within_target_count"]]]


def _pooled_waits(filters: Filters, windows: Windows, pdu_code: str, benchmark: tuple[str, str],
                  region_codes: tuple[str, ...]) -> pd.DataFrame:
    """Wait histograms per quarter for the PDU and for its benchmark area, as area rows."""
    snapshots = tuple(end for _, end in windows)
    own = cache.load_comparison_pooled_waits(filters, snapshots, (pdu_code,))
    scope = cache.load_comparison_pooled_waits(filters, snapshots, region_codes)
    return pd.concat([own.assign(area_type="pdu", area_code=pdu_code),
                      scope.assign(area_type=benchmark[0], area_code=benchmark[1])], ignore_index=True)


def trend_values(filters: Filters, data: ComparisonData, item: Indicator, pdu_code: str, benchmark: str,
                 quarters: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, str]]:
    """The indicator per quarter for every area (or, for medians, the PDU and its benchmark area).

    Returns the values and the benchmark area as (area_type, area_code).
    """
    national = national_filters(filters)
    windows = tuple(zip(quarters["start"], quarters["end"], strict=True))
    region_code = data.pdus.set_index("pdu_code").loc[pdu_code, "region_code"]
    area = ("national", NATIONAL) if benchmark == ENGLAND_WALES else ("region", region_code)
    if item.source == "waits":
        members = () if benchmark == ENGLAND_WALES else tuple(
            data.pdus.loc[data.pdus["region_code"] == region_code, "pdu_code"])
        return item.compute(_pooled_waits(national, windows, pdu_code, area, members)), area
    first, last = month_start(windows[0][0]), month_start(windows[-1][1])
    counts = pdu_counts_frame(data.pdus, windows, _family_counts(national, item, windows),
                              caseload=cache.load_comparison_caseload(first, last),
                              places=cache.load_comparison_places(national, first, last))
    return item.compute(area_counts(counts)), area


def trend_section(filters: Filters, data: ComparisonData, item: Indicator, *, benchmark: str,
                  benchmark_name: str, pdu_code: str) -> None:
    """Section 6: the trend chart, the recent-trend test in words, and the table."""
    st.subheader("6. Trend for the PDU of interest")
    if not pdu_code:
        st.info("Choose a PDU of interest above (or click one in the funnel plot) to see its trend.")
        return
    quarters = trend_quarters(filters.period_end, cache.load_dataset_info()["data_from"])
    if quarters.empty:
        st.info("The data do not yet cover a full three months before the period's end.")
        return
    values, area = trend_values(filters, data, item, pdu_code, benchmark, quarters)
    series = trend_frame(values, quarters, item, pdu_code=pdu_code, benchmark_type=area[0],
                         benchmark_code=area[1])
    pdu = data.pdus.set_index("pdu_code").loc[pdu_code]
    pdu_name = pdu["pdu_name"]
    if benchmark != ENGLAND_WALES:
        benchmark_name = pdu["region_name"]
    words = trend_words(series, item)
    st.markdown(f"**Recent trend for {pdu_name}: {words}.**")
    chart_card(
        trend_figure(series, item, pdu_name=pdu_name, benchmark_name=benchmark_name, font_px=chart_font_px()),
        trend_table(series, item, pdu_name=pdu_name, benchmark_name=benchmark_name),
        key="comparison_trend", file_name=f"{item.key}_trend_{pdu_code}.csv",
        caption=definition("Recent trend").split("\n\n")[0] or None,
    )
