"""What every page's PDU map shares: matching the data's PDUs to the map, the figure, the list of
PDUs not on the map, the data table, and reading a click.

A page adapter (``comparison``, ``sufficiency``, ``landscape``) turns its view into
``MapAreas`` (one row per PDU in scope, disclosure control already applied to every
figure and hover text) and decides what a click does, using the page's own cross-filter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.hexmap.figure import pdu_hex_map_figure
from charts.hexmap.matching import BY_CODE, match_pdus
from components import cache
from components.blocks import chart, data_panel, definition

#: Session key counting applied map clicks: part of the chart key, so an old selection is dropped.
MAP_CLICKS = "pdu_map_clicks"
#: Headings in docs/definitions.md shown beside the map.
MAP_DEFINITION = "PDU map"
QUINTILE_DEFINITION = "Quintile"
AREA_COLUMNS = ["pdu_code", "pdu_name", "region_code", "label", "figure", "hover", "mark"]


@dataclass(frozen=True)
class MapAreas:
    """A page's map: ``areas`` has one row per data PDU in scope (``AREA_COLUMNS``; ``figure`` is the
    value as text and ``hover`` the hover text, both with disclosure control applied)."""

    areas: pd.DataFrame
    title: str
    colours: Mapping[str, str]
    legend_order: Sequence[str]
    figure_name: str


@dataclass(frozen=True)
class DrawnMap:
    """The figure, the data PDUs the map does not have, and the map's data table."""

    figure: go.Figure
    unmatched: pd.DataFrame
    table: pd.DataFrame


def build_map(spec: MapAreas, *, selected_code: str | None = None, zoomed: bool = False,
              font_px: int = 16, height_px: int = 700) -> DrawnMap:
    """Match ``spec.areas`` to the map and draw it; zoomed to the regions of the PDUs shown when ``zoomed``."""
    shapes = cache.load_pdu_shapes()
    match = match_pdus(spec.areas[["pdu_code", "pdu_name"]].drop_duplicates("pdu_code"), shapes.pdus)
    on_map = spec.areas.merge(match.matched[["pdu_code", "map_name", "matched_by"]], on="pdu_code")
    zoom_to = None
    if zoomed and not on_map.empty:
        regions = shapes.pdus.loc[shapes.pdus["pdu_name"].isin(on_map["map_name"]), "region_code"]
        zoom_to = list(shapes.pdus.loc[shapes.pdus["region_code"].isin(regions), "pdu_name"])
    selected = on_map.loc[on_map["pdu_code"] == selected_code, "map_name"]
    figure = pdu_hex_map_figure(shapes, on_map, title=spec.title, colours=spec.colours,
                                legend_order=spec.legend_order, zoom_to=zoom_to,
                                selected=selected.iloc[0] if len(selected) else None, font_px=font_px,
                                height_px=height_px)
    unmatched = spec.areas[~spec.areas["pdu_code"].isin(on_map["pdu_code"])]
    return DrawnMap(figure, unmatched[["pdu_code", "pdu_name"]].reset_index(drop=True), _table(spec, on_map))


def _table(spec: MapAreas, on_map: pd.DataFrame) -> pd.DataFrame:
    drawn = spec.areas.merge(on_map[["pdu_code", "map_name", "matched_by"]], on="pdu_code", how="left")
    drawn_as = ["Not on the map" if pd.isna(name) else f"{name} ({'by code' if how == BY_CODE else 'by name'})"
                for name, how in zip(drawn["map_name"], drawn["matched_by"], strict=True)]
    return pd.DataFrame({"PDU": drawn["pdu_name"], spec.figure_name: drawn["figure"], "On the map": drawn["label"],
                         "Drawn as": drawn_as})


def unmatched_note(unmatched: pd.DataFrame) -> str:
    """Markdown for beside the map: the data's PDUs it cannot place (none: say so)."""
    if unmatched.empty:
        return "Every PDU in this view is on the map."
    names = "\n".join(f"- {name} ({code})" for code, name in zip(unmatched["pdu_code"], unmatched["pdu_name"],
                                                                  strict=True))
    return (f"**{len(unmatched)} PDU{'s' if len(unmatched) != 1 else ''} not on the map** (their code and name "
            f"match no PDU of the map's reference list); their figures are in the chart and table:\n{names}")


def map_key(page: str) -> str:
    """The map chart's key on ``page``: it changes after each applied click, dropping the old selection."""
    return f"pdu_map_{page}_{st.session_state.get(MAP_CLICKS, 0)}"


def clicked_pdu(event: object) -> str | None:
    """The data ``pdu_code`` of the first clicked hex (read dict-style, as AppTest injects it)."""
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    return next((str(point["customdata"]) for point in points if point.get("customdata")), None)


def count_click() -> None:
    """Record an applied click, so the next run draws the map under a new key."""
    st.session_state[MAP_CLICKS] = st.session_state.get(MAP_CLICKS, 0) + 1


def draw_map(drawn: DrawnMap, *, page: str, caption: str, file_name: str) -> str | None:
    """The map (its title says what it shows: no heading of its own, so the pages' sections stay as they
    were) with, beside it, the PDUs not on it; its data table below; returns a clicked PDU's code."""
    left, right = st.columns([4, 1], gap="medium")
    with left:
        key = map_key(page)
        event = chart(drawn.figure, key=key, on_select="rerun", selection_mode=("points",), caption=caption)
    with right:
        st.markdown(unmatched_note(drawn.unmatched))
        with st.popover("About the map", width="stretch"):
            st.markdown(definition(MAP_DEFINITION))
            st.markdown(f"**{QUINTILE_DEFINITION}**\n\n{definition(QUINTILE_DEFINITION)}")
    data_panel(drawn.table, key=key, file_name=file_name)
    return clicked_pdu(event)
