"""PDU comparisons page sections: the notes, the funnel plot, the PDU profile and the overview matrix
(compare PDUs is ``components.comparison.compare``).

Every table shown or downloaded has disclosure control applied in the metric
layer; comparison cells are coloured and always carry their word. Each section is
drawn once per view (``ComparisonView``) and data version and replayed
(``components.replay``); the clickable funnel, data panels and downloads are live.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.comparison.figures import funnel_figure
from charts.comparison.profile import spine_figure
from components.blocks import caveat_note, chart, csv_bytes, data_panel, disclosure_note, download_csv
from components.comparison.matrix import styled_matrix
from components.comparison.page import funnel_caption, funnel_centre, people_filter_note, select_pdu, shown
from components.comparison.view import ComparisonView, view_compared, view_data, view_shown
from components.replay import replayed, shared_data, shared_figure
from metrics.comparison.spine import spine_rows
from metrics.comparison.tables import (
    format_value,
    funnel_table,
    spine_table,
)
from metrics.stats.follow_up import follow_up_note
from metrics.stats.funnel import funnel_lines, funnel_position

_CLICKS = "comparison_funnel_clicks"


@replayed
def notes(view: ComparisonView) -> None:
    """What the comparison covers, disclosure control, and the people-filter and follow-up notes."""
    data = view_data(view)
    caveat_note(
        "The region and PDU filters choose which PDUs are shown; England and Wales and each region are always "
        "worked out from all their PDUs. Every other filter (period, people, interventions, needs) narrows the data "
        "for PDUs and benchmarks alike."
    )
    disclosure_note()
    if withheld_note := people_filter_note(data):
        caveat_note(withheld_note)
    if view.item.follow_up:
        caveat_note(follow_up_note(view.filters.period_end, data.data_as_of))


def funnel_key() -> str:
    """The funnel chart's key; it changes after each applied click so an old selection is dropped."""
    return f"comparison_funnel_{st.session_state.get(_CLICKS, 0)}"


def picked_pdu(event: object) -> str | None:
    """The PDU code of the first clicked funnel point (read dict-style, as AppTest injects it)."""
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    return next((str(point["customdata"]) for point in points if point.get("customdata")), None)


@shared_data
def _funnel_units(view: ComparisonView) -> pd.DataFrame:
    """The period's PDUs with a value, placed in the funnel (empty: none to plot)."""
    units = view_shown(view)
    units = units[units["window"] == 0].dropna(subset=["value"])
    if units.empty:
        return units
    target, _ = _centre(view)
    return units.assign(funnel_position=funnel_position(units, target, value="value", denominator="denominator"))


def _centre(view: ComparisonView) -> tuple[float, str]:
    return funnel_centre(view_data(view), view_compared(view)[view.item_key], view.item, view.benchmark)


@replayed
def _funnel_lead(view: ComparisonView) -> tuple[pd.DataFrame, str] | None:
    """The heading, or why there is no funnel; returns its table and caption when there is one."""
    item = view.item
    st.subheader("3. Funnel plot")
    if item.kind != "proportion":
        st.info(f"The funnel plot compares percentages with their denominators; "
                f"“{item.name}” is a {item.kind}. Choose a percentage indicator to see it.")
        return None
    units = _funnel_units(view)
    if units.empty:
        st.info(f"No {view.unit_name[:-1]} selected has enough people for a percentage to be shown.")
        return None
    table = funnel_table(units, item)
    caption = funnel_caption(_centre(view), units=view.unit_name)
    return table, caption if view.regions else f"{caption} Click a point to make it the PDU of interest."


@shared_figure
def _funnel_figure(view: ComparisonView) -> go.Figure:
    units, (target, centre_name) = _funnel_units(view), _centre(view)
    lines = funnel_lines(target, float(units["denominator"].max()), min_denominator=float(units["denominator"].min()))
    return funnel_figure(units, lines, view.item, pdu_of_interest=view.pdu_code or None, centre_name=centre_name,
                         font_px=view.font_px)


def funnel_section(view: ComparisonView) -> None:
    """Section 3: the funnel plot for proportion indicators; clicking a point picks the PDU of interest."""
    lead = _funnel_lead(view)
    if lead is None:
        return
    table, caption = lead
    key = funnel_key()
    event = chart(_funnel_figure(view), key=key, on_select="rerun", caption=caption)
    data_panel(table, key=key, file_name=f"{view.item_key}_funnel.csv")
    clicked = picked_pdu(event)
    if clicked and clicked != view.pdu_code and not view.regions:
        st.session_state[_CLICKS] = st.session_state.get(_CLICKS, 0) + 1
        select_pdu(clicked)


@replayed
def _profile(view: ComparisonView) -> pd.DataFrame | None:
    st.subheader("4. PDU profile")
    if view.regions:
        st.info("The profile is drawn for one PDU: choose “PDUs” under Compare to see it.")
        return None
    if not view.pdu_code:
        st.info("Choose a PDU of interest above or in the sidebar filters (or click one in the funnel plot) to "
                "see its profile.")
        return None
    data = view_data(view)
    pdu_name = data.pdus.set_index("pdu_code").loc[view.pdu_code, "pdu_name"]
    spine = spine_rows(data.items, view_compared(view), data.national, view.pdu_code)
    texts = [format_value(value, item, suppressed=hidden, short=True)
             for item, value, hidden in zip(data.items, spine["value"], spine["suppressed"], strict=True)]
    chart(spine_figure(spine, pdu_name=pdu_name, value_texts=texts, font_px=view.font_px), key="comparison_spine",
          caption="Each row spans every PDU in England and Wales: light grey lowest to highest, dark grey "
                  "the middle half; the centre line is England and Wales. Better is always to the right "
                  "(for indicators with no judgement, higher is to the right). The diamond's colour is the "
                  "comparison with the chosen benchmark, named in the table.")
    return spine_table(spine, data.items, pdu_name=pdu_name)


def profile_section(view: ComparisonView) -> None:
    """Section 4: the PDU of interest on every indicator against the national range (spine chart)."""
    table = _profile(view)
    if table is not None:
        data_panel(table, key="comparison_spine", file_name=f"pdu_profile_{view.pdu_code}.csv")


@replayed
def _matrix(view: ComparisonView) -> bytes:
    st.subheader("5. Overview matrix")
    data = view_data(view)
    compared = {key: frame if view.regions else shown(frame, data) for key, frame in view_compared(view).items()}
    matrix, table = styled_matrix(data, compared, regions=view.regions)
    columns = {name: st.column_config.Column(width="medium") for name in matrix.data.columns[2:]}
    st.dataframe(matrix, width="stretch", hide_index=True, key="comparison_matrix",
                 height=min(900, 40 + 35 * len(table)),
                 column_config={**columns, "PDU": st.column_config.Column(pinned=True)})
    return csv_bytes(table)


def matrix_section(view: ComparisonView) -> None:
    """Section 5: PDUs × indicators, each cell its value and comparison word, coloured; sortable."""
    download_csv(_matrix(view), file_name="pdu_comparison_matrix.csv", key="comparison_matrix_download")
    caveat_note("Click a column heading to sort by it. Each cell shows the value and its comparison with the "
                "benchmark; blank cells are suppressed (small numbers) or have no data.")
