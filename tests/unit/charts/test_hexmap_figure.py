"""The hex map figure: one filled shape per PDU given, everything else grey, hover and click on each hex."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts.hexmap.figure import OUT_OF_VIEW_FILL, PDU_SHAPE, pdu_hex_map_figure
from charts.hexmap.shapes import build_pdu_shapes
from data_access.hexmap_reference import read_hex_reference


@pytest.fixture(scope="module")
def shapes():
    reference = read_hex_reference()
    return build_pdu_shapes(reference.hexes, reference.pdu_districts, reference.shared_hexes)


def _areas(names: list[str], labels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"map_name": names, "pdu_code": [f"P{index}" for index in range(len(names))],
                         "label": labels, "hover": [f"<b>{name}</b>" for name in names],
                         "mark": ["✕" if label == "gap" else "" for label in labels]})


def test_each_pdu_given_is_one_shape_in_its_colour_and_the_rest_are_grey(shapes):
    """Shapes are grouped into one trace per colour; ``meta`` names the PDUs each trace fills."""
    areas = _areas(["Leeds", "Manchester South", "Cornwall and Isles of Scilly"], ["high", "low", "gap"])
    figure = pdu_hex_map_figure(shapes, areas, title="t", colours={"high": "#000001", "low": "#000002",
                                                                  "gap": "#000003"},
                                legend_order=["high", "low", "gap", "unused"])
    pdu_traces = [trace for trace in figure.data if isinstance(trace.meta, dict) and trace.meta["kind"] == PDU_SHAPE]
    assert [(trace.name, trace.fillcolor, trace.meta["pdu_codes"], trace.meta["map_names"]) for trace in pdu_traces] == [
        ("high", "#000001", ["P0"], ["Leeds"]), ("low", "#000002", ["P1"], ["Manchester South"]),
        ("gap", "#000003", ["P2"], ["Cornwall and Isles of Scilly"])]
    # Each shape is its pieces, each a closed polygon and a gap: Leeds one hex, Manchester South half a hex,
    # Cornwall and Isles of Scilly two hexes.
    assert [int(np.isnan(trace.x).sum()) for trace in pdu_traces] == [1, 1, 2]
    assert [len(trace.x) for trace in pdu_traces] == [8, 6, 16]
    background = next(trace for trace in figure.data if trace.meta == "background")
    assert background.fillcolor == OUT_OF_VIEW_FILL and background.hoverinfo == "skip"
    points = next(trace for trace in figure.data if trace.name == "PDUs")
    # Leeds 1 hex, Manchester South half a hex, Cornwall and Isles of Scilly 2 hexes: a point on each.
    assert sorted(points.customdata) == ["P0", "P1", "P2", "P2"]
    assert [trace.name for trace in figure.data if trace.showlegend] == ["high", "low", "gap"]
    marks = next(trace for trace in figure.data if trace.name == "Marks")
    assert list(marks.text) == ["✕"]


def test_zoom_fits_the_view_to_the_pdus_named(shapes):
    areas = _areas(["Leeds"], ["high"])
    whole = pdu_hex_map_figure(shapes, areas, title="t", colours={"high": "#000001"}, legend_order=["high"])
    zoomed = pdu_hex_map_figure(shapes, areas, title="t", colours={"high": "#000001"}, legend_order=["high"],
                                zoom_to=["Leeds"])
    leeds = shapes.pieces[shapes.pieces["pdu_name"] == "Leeds"].iloc[0]
    assert zoomed.layout.xaxis.range == pytest.approx((min(leeds["xs"]) - 1.3, max(leeds["xs"]) + 1.3))
    assert whole.layout.xaxis.range[1] - whole.layout.xaxis.range[0] > 30


def test_the_chosen_pdu_is_outlined_on_every_side(shapes):
    figure = pdu_hex_map_figure(shapes, _areas(["Leeds"], ["high"]), title="t", colours={"high": "#000001"},
                                legend_order=["high"], selected="Leeds")
    outline = next(trace for trace in figure.data if trace.name == "Chosen: Leeds")
    assert len(outline.x) == 3 * 6  # a single hex: six sides, each two points and a gap
    assert int(np.isnan(outline.x).sum()) == 6
