"""PDU comparisons page, section 2: the PDUs (or regions) against the benchmark as bars, and the table of
every one.

The bars lead with the 10 best and 10 worst PDUs, or the chosen region's, grouped under headings
(``metrics.comparison.bar_rows``); "Show all" is a live switch kept in the URL, drawn outside the
replayed chart. Tables have disclosure control applied in the metric layer.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.accessibility import comparison_cell_style
from charts.comparison.figures import comparison_bar_figure
from components.blocks import caveat_note, csv_bytes, download_csv
from components.comparison.view import ComparisonView, view_shown
from components.presentation import fit_to_slide
from components.replay import replayed
from components.url_state import bind, page_setting
from metrics.comparison.bar_rows import bar_rows, best_first, shows_every_row
from metrics.comparison.slide import slide_rows
from metrics.comparison.tables import COMPARED_COLUMN, comparison_table


def _bar_rows(view: ComparisonView, show_all: bool) -> pd.DataFrame:
    """What the bars show: on a slide the dozen a room can read (``slide_rows``); regions best first;
    PDUs by ``bar_rows`` (the chosen area, or the 10 best and 10 worst unless all are asked for)."""
    every = view_shown(view)
    if view.presenting:
        return slide_rows(every, pdu_of_interest=view.pdu_code or None)
    if view.regions:
        return best_first(every[every["window"] == 0], view.item)
    area_chosen = bool(view.filters.regions or view.filters.pdus)
    return bar_rows(every, view.item, area_chosen=area_chosen, show_all=show_all,
                    pdu_of_interest=view.pdu_code or None)


@replayed
def _compare_chart(view: ComparisonView, show_all: bool) -> None:
    """The bars (``_bar_rows``), with a line saying which are shown when not all of them."""
    every, name = view_shown(view), view.benchmark_name
    compared = _bar_rows(view, show_all)
    if compared.empty:
        st.info(f"No {view.unit_name[:-1]} selected has a value to show: too few people, or withheld to protect "
                "privacy (every one is in the table below).")
        return
    if len(compared) < len(every[every["window"] == 0]):
        groups = [f"the {group}" for group in dict.fromkeys(compared["group"])] if "group" in compared else []
        if view.presenting or not groups:
            which = "the significantly different, then those furthest from the benchmark"
        else:
            which = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + f" and {groups[-1]}"
        st.markdown(f"**{len(compared)} of {len(every)} PDUs**: {which} (every PDU is in the table below).")
    figure = comparison_bar_figure(compared, view.item, benchmark_name=name, pdu_of_interest=view.pdu_code or None,
                                   font_px=view.font_px, label_values=view.presenting)
    st.plotly_chart(fit_to_slide(figure, view.presenting), width="stretch", key="comparison_bars", theme=None,
                    config={"displaylogo": False})


@replayed
def _compare_table(view: ComparisonView) -> bytes:
    table = comparison_table(view_shown(view), view.item, benchmark_name=view.benchmark_name)
    if view.regions:  # the unit is the region: one name column
        table = table.drop(columns="Region").rename(columns={"PDU": "Region"})
    unit = table.columns[0]
    hidden = [column for column in table.columns if "99.8%" in column or column == "Region" != unit]
    styled = table.style.map(comparison_cell_style, subset=[COMPARED_COLUMN]).format(precision=1, na_rep="–")
    st.dataframe(styled, width="stretch", hide_index=True, key="comparison_table",
                 column_order=[unit, COMPARED_COLUMN, *(column for column in table.columns
                                                        if column not in (*hidden, unit, COMPARED_COLUMN))],
                 height=min(900, 40 + 35 * len(table)))
    return csv_bytes(table)


def _show_all_toggle(view: ComparisonView) -> bool:
    """The "Show all PDUs" switch (kept in the URL as ``cmp_all``), drawn only when the chart ranks the ends."""
    page_setting("cmp_all", False, parse=_parse_flag, serialise=lambda flag: "1" if flag else "0")
    every = view_shown(view)
    if view.presenting or view.regions or shows_every_row(every, area_chosen=bool(view.filters.regions or
                                                                                  view.filters.pdus), show_all=False):
        return bool(st.session_state["page_cmp_all"])
    st.toggle(f"Show all {int((every['window'] == 0).sum())} PDUs, grouped by region", **bind("page_cmp_all"),
              help="The chart leads with the 10 best and the 10 worst; choose a region in the sidebar to see "
                   "its PDUs only.")
    return bool(st.session_state["page_cmp_all"])


def _parse_flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(f"not a flag: {raw!r}")
    return raw == "1"


def compare_section(view: ComparisonView) -> None:
    """Section 2: the PDUs (or regions) against the benchmark, best first; the table of every one with it.

    Chart and table each take the full width: side by side, 108 PDU names left the bars
    a sliver at 1280 px and cut the comparison words off.
    """
    if not view.presenting:
        st.subheader(f"2. Compare {view.unit_name}")
    show_all = _show_all_toggle(view)
    _compare_chart(view, show_all)
    download_csv(_compare_table(view), file_name=f"{view.item_key}_by_{view.unit}.csv",
                 key="comparison_table_download", label="Download CSV (with 99.8% limits)")
    caveat_note(f"Bars are 95% intervals; the black tick is the benchmark. A {view.unit_name[:-1]} is Better or "
                "Worse when the benchmark lies outside its 95% interval, Significantly so outside its 99.8% "
                "interval, and those are labelled with their value. With about 100 PDUs, around five fall outside "
                "95% by chance alone, so act first on the Significantly better or worse.")
