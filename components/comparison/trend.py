"""PDU comparisons page: the PDU of interest's trend against its benchmark, quarter by quarter (drawn once
per view and data version, then replayed).

The quarters' counts arrive with the period's (one query per table covers both);
for the median wait the waits are pooled in the database for the PDU and for its
benchmark area only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.comparison.profile import trend_figure
from components import cache
from components.blocks import caveat_note, chart, data_panel, definition
from components.comparison.page import ComparisonData, national_filters
from components.comparison.view import ComparisonView, view_data
from components.replay import replayed
from metrics.comparison.areas import NATIONAL
from metrics.comparison.indicators import Indicator
from metrics.comparison.pdu_comparison import ENGLAND_WALES
from metrics.comparison.trend import follow_up_trend_note, trend_frame, trend_table, trend_words
from vocabulary.scope import Filters

Windows = tuple[tuple[dt.date, dt.date], ...]


def _pooled_waits(filters: Filters, windows: Windows, pdu_code: str, benchmark: tuple[str, str],
                  member_pdus: tuple[str, ...]) -> pd.DataFrame:
    """Wait histograms per quarter for the PDU and for its benchmark area, as area rows."""
    snapshots = tuple(end for _, end in windows)
    own = cache.load_comparison_pooled_waits(filters, snapshots, (pdu_code,))
    scope = cache.load_comparison_pooled_waits(filters, snapshots, member_pdus)
    return pd.concat([own.assign(area_type="pdu", area_code=pdu_code),
                      scope.assign(area_type=benchmark[0], area_code=benchmark[1])], ignore_index=True)


def trend_values(filters: Filters, data: ComparisonData, item: Indicator, pdu_code: str,
                 benchmark: str) -> tuple[pd.DataFrame, tuple[str, str]]:
    """The indicator per quarter (window k = ``data.quarters`` row k) and the benchmark area.

    Counts come from the page's data (already loaded with the period); for the
    median wait the waits are pooled in the database for the PDU and its benchmark area.
    """
    region_code = data.pdus.set_index("pdu_code").loc[pdu_code, "region_code"]
    area = ("national", NATIONAL) if benchmark == ENGLAND_WALES else ("region", region_code)
    if item.source == "waits":
        members = () if benchmark == ENGLAND_WALES else tuple(
            data.pdus.loc[data.pdus["region_code"] == region_code, "pdu_code"])
        windows = tuple(zip(data.quarters["start"], data.quarters["end"], strict=True))
        return item.compute(_pooled_waits(national_filters(filters), windows, pdu_code, area, members)), area
    values = data.values[item.key]
    return values[values["window"] >= 1].assign(window=lambda rows: rows["window"] - 1), area


@replayed
def _trend(view: ComparisonView) -> pd.DataFrame | None:
    """The trend chart with the recent-trend test in words; returns its table (None: said why there is none)."""
    st.subheader("6. Trend for the PDU of interest")
    data, item, pdu_code = view_data(view), view.item, view.pdu_code
    if view.regions:
        st.info("The trend is drawn for one PDU: choose “PDUs” under Compare to see it.")
        return None
    if not pdu_code:
        st.info("Choose a PDU of interest above or in the sidebar filters (or click one in the funnel plot) to "
                "see its trend.")
        return None
    if data.quarters.empty:
        st.info("The data do not yet cover three whole calendar months up to the period's end.")
        return None
    values, area = trend_values(view.filters, data, item, pdu_code, view.benchmark)
    series = trend_frame(values, data.quarters, item, pdu_code=pdu_code, benchmark_type=area[0],
                         benchmark_code=area[1], data_as_of=data.data_as_of)
    pdu = data.pdus.set_index("pdu_code").loc[pdu_code]
    pdu_name = pdu["pdu_name"]
    benchmark_name = pdu["region_name"] if view.benchmark != ENGLAND_WALES else view.benchmark_name
    st.markdown(f"**Recent trend for {pdu_name}: {trend_words(series, item)}.**")
    note = follow_up_trend_note(series, item)
    if note:
        caveat_note(note)
    chart(trend_figure(series, item, pdu_name=pdu_name, benchmark_name=benchmark_name, font_px=view.font_px),
          key="comparison_trend", caption=definition("Recent trend").split("\n\n")[0] or None)
    return trend_table(series, item, pdu_name=pdu_name, benchmark_name=benchmark_name)


def trend_section(view: ComparisonView) -> None:
    """Section 6: the trend chart, the recent-trend test in words, and the table."""
    table = _trend(view)
    if table is not None:
        data_panel(table, key="comparison_trend", file_name=f"{view.item_key}_trend_{view.pdu_code}.csv")
