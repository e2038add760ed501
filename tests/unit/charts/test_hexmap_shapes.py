"""Building PDU shapes from district hexes: the reference files, hand-drawn grids, matching the data's PDUs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from charts.hexmap.matching import BY_CODE, BY_NAME, match_pdus, name_key
from charts.hexmap.shapes import OUTSIDE, HexMapReferenceError, build_pdu_shapes, check_reference, hex_centre
from data_access.hexmap_reference import read_hex_reference


@pytest.fixture(scope="module")
def reference():
    return read_hex_reference()


@pytest.fixture(scope="module")
def shapes(reference):
    return build_pdu_shapes(reference.hexes, reference.pdu_districts, reference.shared_hexes)


def test_every_english_and_welsh_district_is_in_exactly_one_pdu(reference, shapes):
    assert len(reference.hexes) == 318  # 296 English + 22 Welsh districts in 2023
    assert reference.pdu_districts["lad_code"].is_unique
    assert set(reference.pdu_districts["lad_code"]) == set(reference.hexes["lad_code"])
    assert set(shapes.pieces["lad_code"]) == set(reference.hexes["lad_code"])
    assert len(shapes.pdus) == 108
    assert shapes.pdus["region_code"].nunique() == 12


def test_manchester_is_one_hex_divided_between_its_two_pdus(shapes):
    pieces_per_district = shapes.pieces.groupby("lad_code").size()
    assert list(pieces_per_district[pieces_per_district > 1].index) == ["E08000003"]
    manchester = shapes.pieces[shapes.pieces["lad_code"] == "E08000003"].set_index("part")
    assert manchester.loc["left", "pdu_name"] == "Manchester North"
    assert manchester.loc["right", "pdu_name"] == "Manchester South"
    # The dividing line (top vertex to bottom vertex) is an outline between the two PDUs.
    pairs = shapes.pdu_edges[["pdu_a", "pdu_b"]].apply(frozenset, axis=1)
    between = shapes.pdu_edges[pairs == frozenset({"Manchester North", "Manchester South"})]
    assert len(between) == 1
    assert between.iloc[0]["x0"] == pytest.approx(between.iloc[0]["x1"])  # vertical


def test_london_has_eighteen_pdus_each_with_a_shape(shapes):
    london = shapes.pdus[shapes.pdus["region_name"] == "London"]
    assert len(london) == 18
    assert (london["piece_count"] >= 1).all()


def test_odd_rows_are_shifted_half_a_hex_right_negative_ones_too():
    assert hex_centre(0, 0) == (0.0, 0.0)
    assert hex_centre(0, 1) == pytest.approx((math.sqrt(3) / 2, 1.5))
    assert hex_centre(0, -1) == pytest.approx((math.sqrt(3) / 2, -1.5))
    # Neighbours are one hex width (sqrt 3) apart, across rows as along them.
    assert math.dist(hex_centre(0, 0), hex_centre(0, 1)) == pytest.approx(math.sqrt(3))
    assert math.dist(hex_centre(0, 0), hex_centre(1, 0)) == pytest.approx(math.sqrt(3))


def _row_of_three() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Three hexes in a row: D1 and D2 make PDU A (region R1); D3 is PDU B (R2), shared with PDU C."""
    hexes = pd.DataFrame({"lad_code": ["D1", "D2", "D3"], "lad_name": ["One", "Two", "Three"],
                          "q": [0, 1, 2], "r": [0, 0, 0]})
    districts = pd.DataFrame({"region_code": ["R1", "R1", "R2"], "region_name": ["Region 1", "Region 1", "Region 2"],
                              "pdu_name": ["A", "A", "B"], "lad_code": ["D1", "D2", "D3"]})
    shared = pd.DataFrame({"pdu_name": ["C"], "shares_lad_code": ["D3"]})
    return hexes, districts, shared


def test_a_hand_drawn_row_of_three_hexes():
    shapes = build_pdu_shapes(*_row_of_three())
    assert dict(zip(shapes.pdus["pdu_name"], shapes.pdus["piece_count"], strict=True)) == {"A": 2, "B": 1, "C": 1}
    assert dict(zip(shapes.pdus["pdu_name"], shapes.pdus["region_code"], strict=True)) == {
        "A": "R1", "B": "R2", "C": "R2"}
    # 18 sides, 2 of them shared by neighbours: 16 distinct. D1|D2 is inside A, so 15 remain, plus B|C's split.
    assert len(shapes.pdu_edges) == 16
    pairs = shapes.pdu_edges[["pdu_a", "pdu_b"]].apply(frozenset, axis=1).value_counts()
    assert pairs[frozenset({"A", "B"})] == 1 and pairs[frozenset({"B", "C"})] == 1
    assert (shapes.pdu_edges["pdu_b"] == OUTSIDE).sum() == 14
    # Regions: the 15 sides other than D1|D2 and the split (B and C are both in R2).
    assert len(shapes.region_edges) == 15
    assert ((shapes.region_edges["region_a"] != OUTSIDE) & (shapes.region_edges["region_b"] != OUTSIDE)).sum() == 1


@pytest.mark.parametrize(("change", "message"), [
    (lambda h, d, s: (h, pd.concat([d, d.iloc[[0]].assign(pdu_name="B", region_code="R2")]), s),
     "districts in more than one PDU: ['D1']"),
    (lambda h, d, s: (h, d.iloc[1:], s), "districts in no PDU: ['D1']"),
    (lambda h, d, s: (h.iloc[1:], d, s), "districts with no hex: ['D1']"),
    (lambda h, d, s: (h, d, s.assign(shares_lad_code="D9")), "C shares D9, which is in no PDU"),
    (lambda h, d, s: (h, d, s.assign(pdu_name="A")), "A is listed as sharing a hex but has districts of its own"),
])
def test_reference_files_that_disagree_are_refused(change, message):
    with pytest.raises(HexMapReferenceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_reference(*change(*_row_of_three()))


def test_data_pdus_match_by_name_loosely_and_unknown_ones_are_listed(shapes):
    data = pd.DataFrame({"pdu_code": ["X1", "X2", "X3"],
                         "pdu_name": ["Kent North & Medway", "  hackney AND city ", "Atlantis"]})
    match = match_pdus(data, shapes.pdus)
    assert list(match.matched["map_name"]) == ["Kent North and Medway", "Hackney and City"]
    assert set(match.matched["matched_by"]) == {BY_NAME}
    assert match.unmatched.to_dict("records") == [{"pdu_code": "X3", "pdu_name": "Atlantis"}]


def test_data_pdus_match_by_code_first_when_the_map_carries_codes():
    map_pdus = pd.DataFrame({"pdu_name": ["Leeds", "Bradford and Calderdale"], "pdu_code": ["N55LEE", ""]})
    data = pd.DataFrame({"pdu_code": ["N55LEE", "N55BAC", "N55ZZZ"],
                         "pdu_name": ["Leeds District (renamed)", "Bradford and Calderdale", "Leeds"]})
    match = match_pdus(data, map_pdus)
    assert match.matched[["pdu_code", "map_name", "matched_by"]].values.tolist() == [
        ["N55LEE", "Leeds", BY_CODE], ["N55BAC", "Bradford and Calderdale", BY_NAME]]
    # "Leeds" by name would reach a map PDU already drawn for another data PDU: listed, not drawn twice.
    assert list(match.unmatched["pdu_code"]) == ["N55ZZZ"]


def test_name_key():
    assert name_key("Swansea, Neath & Port Talbot") == "swansea neath and port talbot"
