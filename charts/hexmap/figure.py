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
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.hexmap.shapes import PduShapes
from charts.theme import BASE_FONT_PX, DARK_GREY, TEXT_COLOUR, themed_figure

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


@dataclass(frozen=True)
class _Geometry:
    """What every map drawn from one ``PduShapes`` shares, worked out once: each piece's outline as
    coordinates (with its gap), the pieces of each PDU, the outlines' segments and the whole map's range."""

    piece_xs: tuple[np.ndarray, ...]
    piece_ys: tuple[np.ndarray, ...]
    pieces_of: dict[str, np.ndarray]
    pdu_lines: tuple[np.ndarray, np.ndarray]
    region_lines: tuple[np.ndarray, np.ndarray]
    whole_range: tuple[list[float], list[float]]

    def outlines(self, pieces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``_polygons`` of the pieces at these positions, in this order."""
        if not len(pieces):
            return _coordinates([]), _coordinates([])
        return (np.concatenate([self.piece_xs[index] for index in pieces]),
                np.concatenate([self.piece_ys[index] for index in pieces]))


#: Geometry by the ``PduShapes`` it came from (the app keeps one, built once per process).
_GEOMETRY: dict[int, tuple[PduShapes, _Geometry]] = {}


def _geometry(shapes: PduShapes) -> _Geometry:
    known = _GEOMETRY.get(id(shapes))
    if known is not None and known[0] is shapes:
        return known[1]
    pieces = shapes.pieces
    outlines = [_polygons(pieces.iloc[[index]]) for index in range(len(pieces))]
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(pieces["pdu_name"]):
        positions.setdefault(name, []).append(index)
    geometry = _Geometry(
        piece_xs=tuple(xs for xs, _ in outlines), piece_ys=tuple(ys for _, ys in outlines),
        pieces_of={name: np.asarray(indexes, dtype="int64") for name, indexes in positions.items()},
        pdu_lines=_segments(shapes.pdu_edges), region_lines=_segments(shapes.region_edges),
        whole_range=_view_range(pieces))
    if len(_GEOMETRY) >= 4:
        _GEOMETRY.clear()
    _GEOMETRY[id(shapes)] = (shapes, geometry)
    return geometry


#: A scatter trace as a dictionary: the figure checks it once (a go.Scatter was checked when built and again
#: when the figure took it).
Trace = dict[str, object]


def _fill_coordinates(xs: np.ndarray, ys: np.ndarray, colour: str, *, name: str, meta: object) -> Trace:
    return dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, line={"width": 0}, name=name,
                      hoverinfo="skip", showlegend=False, meta=meta)


def _line_coordinates(coordinates: tuple[np.ndarray, np.ndarray], line: dict[str, object], name: str) -> Trace:
    xs, ys = coordinates
    return dict(type="scatter", x=xs, y=ys, mode="lines", line=line, name=name, hoverinfo="skip", showlegend=False)


def _lines(edges: pd.DataFrame, line: dict[str, object], name: str) -> Trace:
    return _line_coordinates(_segments(edges), line, name)


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
    pieces, geometry = shapes.pieces, _geometry(shapes)
    coloured = pieces["pdu_name"].isin(areas["map_name"]).to_numpy()
    traces: list[Trace] = []
    if not coloured.all():
        traces.append(_fill_coordinates(*geometry.outlines(np.flatnonzero(~coloured)), OUT_OF_VIEW_FILL,
                                        name="Not in this view", meta="background"))
    # One trace per colour, not per PDU: building and sending 108 traces took most of the map's time.
    for label, group in areas.groupby("label", sort=False):
        filled = [geometry.pieces_of[name] for name in group["map_name"]]
        traces.append(_fill_coordinates(*geometry.outlines(np.concatenate(filled)), colours[str(label)],
                                        name=str(label),
                                        meta={"kind": PDU_SHAPE, "pdu_codes": list(group["pdu_code"]),
                                              "map_names": list(group["map_name"])}))
    traces.append(_line_coordinates(geometry.pdu_lines, PDU_LINE, "PDU boundaries"))
    traces.append(_line_coordinates(geometry.region_lines, REGION_LINE, "Region boundaries"))
    if selected:
        chosen = shapes.pdu_edges[(shapes.pdu_edges["pdu_a"] == selected) | (shapes.pdu_edges["pdu_b"] == selected)]
        traces.append(_lines(chosen, SELECTED_LINE, f"Chosen: {selected}"))
    traces.append(_points(pieces, coloured, areas))
    traces.extend(_marks(shapes, areas, font_px))
    present = set(areas["label"])
    traces.extend(dict(type="scatter", x=[None], y=[None], mode="markers", name=label, showlegend=True,
                             marker={"symbol": "hexagon", "size": font_px, "color": colours[label],
                                     "line": {"color": TEXT_COLOUR, "width": 1}})
                  for label in legend_order if label in present)
    view_range = _view_range(pieces[pieces["pdu_name"].isin(zoom_to)]) if zoom_to else geometry.whole_range
    return _lay_out(traces, view_range, title=title, font_px=font_px, height_px=height_px)


def _points(pieces: pd.DataFrame, coloured: np.ndarray, areas: pd.DataFrame) -> Trace:
    """One invisible point per hex (or half hex) of a coloured PDU: the hover text and the click target."""
    if areas["map_name"].is_unique:  # each piece is one point: its PDU's row of ``areas``
        row = pd.Index(areas["map_name"]).get_indexer(pieces["pdu_name"][coloured])
        points = pd.DataFrame({"cx": pieces["cx"].to_numpy()[coloured], "cy": pieces["cy"].to_numpy()[coloured],
                               "pdu_code": areas["pdu_code"].iloc[row].to_numpy(),
                               "hover": areas["hover"].iloc[row].to_numpy()})
    else:
        points = pieces[coloured].merge(areas, left_on="pdu_name", right_on="map_name")
    return dict(type="scatter", x=_coordinates(points["cx"]), y=_coordinates(points["cy"]), mode="markers", name="PDUs",
                      showlegend=False, marker={"size": 14, "color": "rgba(0,0,0,0)"}, customdata=points["pdu_code"],
                      hovertext=points["hover"], hoverinfo="text")


def _marks(shapes: PduShapes, areas: pd.DataFrame, font_px: int) -> list[Trace]:
    marked = areas[areas["mark"].astype(bool)]
    if marked.empty:
        return []
    marked = marked.merge(shapes.pdus, left_on="map_name", right_on="pdu_name")
    if marked.empty:
        return []
    return [dict(type="scatter", x=marked["x"], y=marked["y"], mode="text", text=marked["mark"],
                       textfont={"size": font_px + 2, "color": TEXT_COLOUR}, hoverinfo="skip",
                       showlegend=False, name="Marks")]


def _lay_out(traces: list[Trace], view_range: tuple[list[float], list[float]], *, title: str, font_px: int,
             height_px: int) -> go.Figure:
    x_range, y_range = view_range
    main, _, detail = title.partition(": ")
    # The title and its second line at the top, the legend on the plot's top edge: none overlaps at 24 px.
    layout = {
        "title": {"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 12},
                  **({"subtitle": {"text": detail, "font": {"size": font_px}}} if detail else {})},
        "height": height_px, "margin": {"l": 10, "r": 10, "t": 90 + 3 * font_px, "b": 10},
        "dragmode": False, "clickmode": "event+select", "hovermode": "closest", "hoverdistance": 40,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "itemclick": False,
                   "itemdoubleclick": False},
    }
    return themed_figure(traces, title=main, font_px=font_px, finish=layout,
                         xaxes={"visible": False, "range": x_range, "fixedrange": True},
                         yaxes={"visible": False, "range": y_range, "fixedrange": True, "scaleanchor": "x",
                                "scaleratio": 1})
