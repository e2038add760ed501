"""PDU comparisons page sections: compare PDUs, the funnel plot, the PDU profile and the overview matrix.

Every table shown or downloaded has disclosure control applied in the metric
layer; comparison cells are coloured and always carry their word.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.accessibility import comparison_cell_style
from charts.comparison.figures import comparison_bar_figure, comparison_key_html, funnel_figure
from charts.comparison.profile import spine_figure
from components.blocks import caveat_note, chart_card, download_csv
from components.comparison.matrix import styled_matrix
from components.comparison.page import ComparisonData, funnel_caption, select_pdu, shown
from components.presentation import chart_font_px
from metrics.comparison.indicators import Indicator
from metrics.comparison.spine import spine_rows
from metrics.comparison.tables import (
    COMPARED_COLUMN,
    comparison_table,
    format_value,
    funnel_table,
    spine_table,
)
from metrics.stats.funnel import funnel_lines, funnel_position

_CLICKS = "comparison_funnel_clicks"


def compare_section(compared: pd.DataFrame, item: Indicator, *, benchmark_name: str, pdu_code: str) -> None:
    """Section 2: every PDU in scope, sorted by value, against the benchmark; the table with it.

    Chart and table each take the full width: side by side, 108 PDU names left the bars
    a sliver at 1280 px and cut the comparison words off.
    """
    st.subheader("2. Compare PDUs")
    chart_column, table_column = st.container(), st.container()
    with chart_column:
        key = comparison_key_html(list(compared["comparison"]), benchmark_name=benchmark_name)
        st.html(f'<div style="font-size:1rem">{key}</div>')
        st.plotly_chart(comparison_bar_figure(compared, item, benchmark_name=benchmark_name,
                                              pdu_of_interest=pdu_code or None, font_px=chart_font_px()),
                        width="stretch", key="comparison_bars", config={"displaylogo": False})
    table = comparison_table(compared, item, benchmark_name=benchmark_name)
    with table_column:
        hidden = [name for name in table.columns if "99.8%" in name or name == "Region"]
        styled = table.style.map(comparison_cell_style, subset=[COMPARED_COLUMN]).format(precision=1, na_rep="–")
        st.dataframe(styled, width="stretch", hide_index=True, key="comparison_table",
                     column_order=["PDU", COMPARED_COLUMN, *(name for name in table.columns
                                                             if name not in (*hidden, "PDU", COMPARED_COLUMN))],
                     height=min(900, 40 + 35 * len(table)))
        download_csv(table, file_name=f"{item.key}_by_pdu.csv", key="comparison_table_download",
                     label="Download CSV (with 99.8% limits)")
    caveat_note("Bars are 95% intervals. A PDU is Better or Worse when the benchmark lies outside its 95% "
                "interval, Significantly so outside its 99.8% interval; with about 100 PDUs, around five fall "
                "outside 95% by chance alone, so act first on the Significantly better or worse.")


def funnel_key() -> str:
    """The funnel chart's key; it changes after each applied click so an old selection is dropped."""
    return f"comparison_funnel_{st.session_state.get(_CLICKS, 0)}"


def picked_pdu(event: object) -> str | None:
    """The PDU code of the first clicked funnel point (read dict-style, as AppTest injects it)."""
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    return next((str(point["customdata"]) for point in points if point.get("customdata")), None)


def funnel_section(compared: pd.DataFrame, item: Indicator, *, pdu_code: str, centre: tuple[float, str]) -> None:
    """Section 3: the funnel plot for proportion indicators; clicking a point picks the PDU of interest.

    ``centre`` is the benchmark's value (percent) and name (see ``components.comparison.page.funnel_centre``).
    """
    st.subheader("3. Funnel plot")
    if item.kind != "proportion":
        st.info(f"The funnel plot compares percentages with their denominators; "
                f"“{item.name}” is a {item.kind}. Choose a percentage indicator to see it.")
        return
    units = compared[compared["window"] == 0]
    target, centre_name = centre
    shown_units = units.dropna(subset=["value"])
    if shown_units.empty:
        st.info("No PDU in scope has enough people for a percentage to be shown.")
        return
    shown_units = shown_units.assign(funnel_position=funnel_position(shown_units, target, value="value",
                                                                     denominator="denominator"))
    lines = funnel_lines(target, float(shown_units["denominator"].max()),
                         min_denominator=float(shown_units["denominator"].min()))
    table = funnel_table(shown_units, item)
    event = chart_card(funnel_figure(shown_units, lines, item, pdu_of_interest=pdu_code or None,
                                     centre_name=centre_name, font_px=chart_font_px()),
                       table, key=funnel_key(), file_name=f"{item.key}_funnel.csv", on_select="rerun",
                       caption=f"{funnel_caption(centre)} Click a point to make it the PDU of interest.")
    clicked = picked_pdu(event)
    if clicked and clicked != pdu_code:
        st.session_state[_CLICKS] = st.session_state.get(_CLICKS, 0) + 1
        select_pdu(clicked)


def profile_section(data: ComparisonData, compared: dict[str, pd.DataFrame], *, pdu_code: str) -> None:
    """Section 4: the PDU of interest on every indicator against the national range (spine chart)."""
    st.subheader("4. PDU profile")
    if not pdu_code:
        st.info("Choose a PDU of interest above (or click one in the funnel plot) to see its profile.")
        return
    pdu_name = data.pdus.set_index("pdu_code").loc[pdu_code, "pdu_name"]
    spine = spine_rows(data.items, compared, data.national, pdu_code)
    texts = [format_value(value, item, suppressed=hidden, short=True)
             for item, value, hidden in zip(data.items, spine["value"], spine["suppressed"], strict=True)]
    chart_card(spine_figure(spine, pdu_name=pdu_name, value_texts=texts, font_px=chart_font_px()),
               spine_table(spine, data.items, pdu_name=pdu_name), key="comparison_spine",
               file_name=f"pdu_profile_{pdu_code}.csv",
               caption="Each row spans every PDU in England and Wales: light grey lowest to highest, dark grey "
                       "the middle half; the centre line is England and Wales. Better is always to the right "
                       "(for indicators with no judgement, higher is to the right). The diamond's colour is the "
                       "comparison with the chosen benchmark, named in the table.")


def matrix_section(data: ComparisonData, compared: dict[str, pd.DataFrame]) -> None:
    """Section 5: PDUs × indicators, each cell its value and comparison word, coloured; sortable."""
    st.subheader("5. Overview matrix")
    matrix, table = styled_matrix(data, {key: shown(frame, data) for key, frame in compared.items()})
    columns = {name: st.column_config.Column(width="medium") for name in matrix.data.columns[2:]}
    st.dataframe(matrix, width="stretch", hide_index=True, key="comparison_matrix",
                 height=min(900, 40 + 35 * len(table)),
                 column_config={**columns, "PDU": st.column_config.Column(pinned=True)})
    download_csv(table, file_name="pdu_comparison_matrix.csv", key="comparison_matrix_download")
    caveat_note("Click a column heading to sort by it. Each cell shows the value and its comparison with the "
                "benchmark; blank cells are suppressed (small numbers) or have no data.")
