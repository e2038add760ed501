"""The PDU hex map figure: every PDU filled by its category, outlined, regions outlined heavier.

Drawn with Plotly scatter shapes only (no map tiles, no web fonts, nothing fetched), so
it works offline and in the meeting pack. Fills carry no hover (Plotly cannot hover a
fill's text); an invisible point on each hex carries the hover text and the click,
with the data's ``pdu_code`` as its ``customdata``. Colour is never the only carrier:
the legend names each category, the hover states it, and ``mark`` text (e.g. a cross on a
gap) sits on the PDU.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.hexmap.shapes import PduShapes
from charts.theme import BASE_FONT_PX, DARK_GREY, TEXT_COLOUR, apply_theme

OUT_OF_VIEW_FILL: Final = "#EDEDED"
PDU_LINE: Final = {"color": DARK_GREY, "width": 1.2}
REGION_LINE: Final = {"color": TEXT_COLOUR, "width": 2.6}
SELECTED_LINE: Final = {"color": "#801650", "width": 4.5}
#: ``meta["kind"]`` of the traces that fill PDU shapes, one trace per colour; ``meta["pdu_codes"]`` lists
#: the PDUs whose shapes a trace fills, in order (what tests count).
PDU_SHAPE: Final = "pdu_shape"
MAP_HEIGHT_PX: Final = 700
AREA_COLUMNS: Final = ("map_name", "pdu_code", "label", "hover", "mark")


def _coordinates(values: list[float]) -> np.ndarray:
    """Coordinates for the browser: 32-bit floats, NaN for a gap. Plotly checks a list value by value
    (most of the map's build time) but takes an array whole, and sends it in half the bytes of text."""
    return np.asarray(values, dtype="float32")


def _polygons(pieces: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The pieces' outlines end to end, separated by gaps (one scatter trace fills each separately)."""
    xs = [value for piece in pieces["xs"] for value in (*piece, math.nan)]
    ys = [value for piece in pieces["ys"] for value in (*piece, math.nan)]
    return _coordinates(xs), _coordinates(ys)


def _segments(edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    xs = [value for row in edges.itertuples() for value in (row.x0, row.x1, math.nan)]
    ys = [value for row in edges.itertuples() for value in (row.y0, row.y1, math.nan)]
    return _coordinates(xs), _coordinates(ys)


def _fill(pieces: pd.DataFrame, colour: str, *, name: str, meta: object) -> go.Scatter:
    xs, ys = _polygons(pieces)
    return go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, line={"width": 0}, name=name,
                      hoverinfo="skip", showlegend=False, meta=meta)


def _lines(edges: pd.DataFrame, line: dict[str, object], name: str) -> go.Scatter:
    xs, ys = _segments(edges)
    return go.Scatter(x=xs, y=ys, mode="lines", line=line, name=name, hoverinfo="skip", showlegend=False)


def _view_range(pieces: pd.DataFrame, margin: float = 1.3) -> tuple[list[float], list[float]]:
    xs = [value for piece in pieces["xs"] for value in piece]
    ys = [value for piece in pieces["ys"] for value in piece]
    return [min(xs) - margin, max(xs) + margin], [min(ys) - margin, max(ys) + margin]


def pdu_hex_map_figure(
    shapes: PduShapes,
    areas: pd.DataFrame,
    *,
    title: str,
    colours: Mapping[str, str],
    legend_order: Sequence[str],
    zoom_to: Collection[str] | None = None,
    selected: str | None = None,
    font_px: int = BASE_FONT_PX,
    height_px: int = MAP_HEIGHT_PX,
) -> go.Figure:
    """The hex map with each PDU in ``areas`` filled in its label's colour; other PDUs light grey.

    Args:
        shapes: from ``charts.hexmap.shapes.build_pdu_shapes``.
        areas: one row per PDU to colour: ``map_name`` (the map's PDU), ``pdu_code`` (the data's,
            returned on click), ``label`` (a key of ``colours``), ``hover`` (text, disclosure
            control already applied) and ``mark`` (text written on the PDU, or "").
        title: the chart title, stating what is mapped and its unit; text after the first ": " goes on a
            second, smaller line (long titles stay whole at 1280 px).
        colours: label -> fill colour.
        legend_order: labels in the order the legend lists them (only those present are listed).
        zoom_to: map PDU names the view is fitted to (None: all of England and Wales).
        selected: the map name of a PDU to outline heavily (the PDU of interest).
    """
    pieces = shapes.pieces
    coloured = pieces["pdu_name"].isin(areas["map_name"])
    figure = go.Figure()
    if not coloured.all():
        figure.add_trace(_fill(pieces[~coloured], OUT_OF_VIEW_FILL, name="Not in this view", meta="background"))
    # One trace per colour, not per PDU: building and sending 108 traces took most of the map's time.
    pieces_by_pdu = dict(tuple(pieces[coloured].groupby("pdu_name", sort=False)))
    for label, group in areas.groupby("label", sort=False):
        filled = pd.concat([pieces_by_pdu[name] for name in group["map_name"]])
        figure.add_trace(_fill(filled, colours[str(label)], name=str(label),
                               meta={"kind": PDU_SHAPE, "pdu_codes": list(group["pdu_code"]),
                                     "map_names": list(group["map_name"])}))
    figure.add_trace(_lines(shapes.pdu_edges, PDU_LINE, "PDU boundaries"))
    figure.add_trace(_lines(shapes.region_edges, REGION_LINE, "Region boundaries"))
    if selected:
        chosen = shapes.pdu_edges[(shapes.pdu_edges["pdu_a"] == selected) | (shapes.pdu_edges["pdu_b"] == selected)]
        figure.add_trace(_lines(chosen, SELECTED_LINE, f"Chosen: {selected}"))
    _add_points(figure, pieces[coloured], areas)
    _add_marks(figure, shapes, areas, font_px)
    for label in [label for label in legend_order if label in set(areas["label"])]:
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, showlegend=True,
                                    marker={"symbol": "hexagon", "size": font_px, "color": colours[label],
                                            "line": {"color": TEXT_COLOUR, "width": 1}}))
    return _lay_out(figure, pieces[pieces["pdu_name"].isin(zoom_to)] if zoom_to else pieces, title=title,
                    font_px=font_px, height_px=height_px)


def _add_points(figure: go.Figure, pieces: pd.DataFrame, areas: pd.DataFrame) -> None:
    """One invisible point per hex (or half hex): the hover text and the click target."""
    points = pieces.merge(areas, left_on="pdu_name", right_on="map_name")
    figure.add_trace(go.Scatter(x=_coordinates(points["cx"]), y=_coordinates(points["cy"]), mode="markers", name="PDUs", showlegend=False,
                                marker={"size": 14, "color": "rgba(0,0,0,0)"}, customdata=points["pdu_code"],
                                hovertext=points["hover"], hoverinfo="text"))


def _add_marks(figure: go.Figure, shapes: PduShapes, areas: pd.DataFrame, font_px: int) -> None:
    marked = areas[areas["mark"].astype(bool)].merge(shapes.pdus, left_on="map_name", right_on="pdu_name")
    if not marked.empty:
        figure.add_trace(go.Scatter(x=marked["x"], y=marked["y"], mode="text", text=marked["mark"],
                                    textfont={"size": font_px + 2, "color": TEXT_COLOUR}, hoverinfo="skip",
                                    showlegend=False, name="Marks"))


def _lay_out(figure: go.Figure, view: pd.DataFrame, *, title: str, font_px: int, height_px: int) -> go.Figure:
    x_range, y_range = _view_range(view)
    main, _, detail = title.partition(": ")
    apply_theme(figure, title=main, font_px=font_px)
    # The title and its second line at the top, the legend on the plot's top edge: none overlaps at 24 px.
    figure.update_layout(title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 12},
                                **({"subtitle": {"text": detail, "font": {"size": font_px}}} if detail else {})})
    figure.update_layout(height=height_px, margin={"l": 10, "r": 10, "t": 90 + 3 * font_px, "b": 10},
                         dragmode=False, clickmode="event+select", hovermode="closest", hoverdistance=40,
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "itemclick": False,
                                 "itemdoubleclick": False})
    figure.update_xaxes(visible=False, range=x_range, fixedrange=True)
    figure.update_yaxes(visible=False, range=y_range, fixedrange=True, scaleanchor="x", scaleratio=1)
    return figure
