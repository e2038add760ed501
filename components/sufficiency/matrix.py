"""The Sufficiency gaps page's PDU × need matrix: what each cell is compared with, PDUs or regions as
rows, and which PDUs a national view shows (the 10 highest and 10 lowest until "Show all PDUs").

The choices are page settings kept in the link; the cells and figure are built once per view and
choice and shared. Clicking a PDU cell filters the page to that PDU and need; clicking a region
cell filters it to the region and shows its PDUs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.sufficiency.figures import tartan_rug_figure
from components.blocks import chart, data_panel, scope_labels
from components.presentation import page_controls
from components.replay import shared_data, shared_figure
from components.sufficiency.page import SufficiencyView, pdu_need_cells, rug_key, view_data
from components.url_state import bind
from metrics.sufficiency.matrix import (
    EXTREME_ROW_COUNT,
    MATRIX_COMPARISONS,
    MATRIX_UNITS,
    PDU_ROWS,
    REGION_ROWS,
    SAME_NEED,
    extreme_pdus,
    labelled_rows,
    matrix_benchmark_name,
    matrix_cells,
)
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.tables import compared_table

_CLICKS = "sufficiency_rug_clicks"


@dataclass(frozen=True)
class MatrixChoice:
    """The matrix's own settings: what cells are compared with, the row unit, and all PDUs or the ends."""

    comparison: str
    unit: str
    show_all: bool


def _narrowed(view: SufficiencyView) -> bool:
    """Whether the sidebar already limits the area to some regions or PDUs (then every PDU in it is shown)."""
    return bool(view.filters.regions or view.filters.pdus)


def matrix_controls(view: SufficiencyView) -> MatrixChoice:
    """Draw the matrix's pickers (settings read by ``read_page_settings``); return the choice."""
    left, right = page_controls([3, 2])
    left.radio("Compare each cell with", options=list(MATRIX_COMPARISONS), format_func=MATRIX_COMPARISONS.get,
               horizontal=True, help="The same need: each need against that need in the benchmark chosen above. "
               "All needs: every cell against the measure for all needs together in England and Wales, the gap "
               "that shows which needs are least met.", **bind("page_rug_compare"))
    right.radio("Rows", options=list(MATRIX_UNITS), format_func=MATRIX_UNITS.get, horizontal=True,
                **bind("page_rug_unit"))
    unit = st.session_state["page_rug_unit"]
    show_all = False
    if unit == PDU_ROWS and not _narrowed(view):
        [place] = page_controls(1)
        show_all = place.toggle("Show all PDUs", **bind("page_rug_all"))
    return MatrixChoice(st.session_state["page_rug_compare"], unit, bool(show_all))


@shared_data
def _cells(view: SufficiencyView, choice: MatrixChoice) -> pd.DataFrame:
    data = view_data(view)
    if choice.comparison == SAME_NEED and choice.unit == PDU_ROWS:
        # The same cells as the gap finder's (``matrix_cells`` gives them without the people-gap column).
        cells = pdu_need_cells(view).drop(columns="people_gap_count")
    else:
        cells = matrix_cells(data.area, data.population, data.national, data.measure, benchmark=view.benchmark,
                             comparison=choice.comparison, unit=choice.unit)
    if choice.unit == PDU_ROWS and not (choice.show_all or _narrowed(view)):
        cells = cells[cells["pdu_code"].isin(extreme_pdus(data.area, data.measure))]
    return labelled_rows(cells, scope_labels(), unit=choice.unit)


@shared_figure
def _figure(view: SufficiencyView, choice: MatrixChoice) -> go.Figure:
    region_rows = choice.unit == REGION_ROWS
    return tartan_rug_figure(
        _cells(view, choice), measure_label=MEASURES[view.measure_key].label, font_px=view.font_px,
        benchmark_name=matrix_benchmark_name(view.benchmark, comparison=choice.comparison, unit=choice.unit),
        row_word="region" if region_rows else "PDU",
        click_hint="Click to show this region's PDUs" if region_rows else "Click to filter to this PDU and need",
    )


@shared_data
def _table(view: SufficiencyView, choice: MatrixChoice) -> pd.DataFrame:
    return compared_table(_cells(view, choice), MEASURES[view.measure_key], names=scope_labels())


def rows_caption(view: SufficiencyView, choice: MatrixChoice, row_count: int) -> str:
    """Which rows the matrix shows and how to change them, in words."""
    if choice.unit == REGION_ROWS:
        shown = f"Rows: the {row_count} regions selected. Click a cell to see that region's PDUs."
    elif _narrowed(view) or choice.show_all:
        shown = (f"Rows: all {row_count} PDUs selected, grouped by region. Click a cell to set the PDU and need "
                 "filters.")
    else:
        label = MEASURES[view.measure_key].label.lower()
        shown = (f"Rows: the {EXTREME_ROW_COUNT} PDUs with the highest and the {EXTREME_ROW_COUNT} with the lowest "
                 f"{label} share across all needs, grouped by region; turn on \"Show all PDUs\" for every PDU, "
                 "or choose a region in the sidebar. Click a cell to set the PDU and need filters.")
    return f"{shown} Cells on fewer than 10 people show \"–\" and are not compared."


def _apply_click(event: object, unit: str) -> None:
    """A clicked PDU cell sets the PDU and need filters; a region cell, the region filter with PDUs as rows."""
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    picked = next((point["customdata"] for point in points if point.get("customdata")), None)
    if not picked:
        return
    code, need_code = str(picked[0]), str(picked[1])
    if unit == REGION_ROWS:
        changes = {"filter_regions": [code], "filter_pdus": [], "page_rug_unit": PDU_ROWS}
    else:
        changes = {"filter_pdus": [code], "filter_needs": [need_code]}
    if all(st.session_state.get(key) == value for key, value in changes.items()):
        return
    st.session_state.update(changes)
    st.session_state[_CLICKS] = st.session_state.get(_CLICKS, 0) + 1
    st.rerun()


def matrix_section(view: SufficiencyView) -> None:
    """The PDU (or region) × need matrix with its choices, caption, data table and click."""
    st.subheader("PDU × need matrix")
    choice = matrix_controls(view)
    key = rug_key()
    cells = _cells(view, choice)
    event = chart(_figure(view, choice), key=key, on_select="rerun",
                  caption=rows_caption(view, choice, cells["row_code"].nunique()))
    data_panel(_table(view, choice), key=key, file_name=f"{view.measure_key}_by_{choice.unit}_and_need.csv")
    _apply_click(event, choice.unit)

