"""PDU shapes on a hex cartogram: each PDU the union of its districts' hexes, with outlines.

Pure geometry from the reference frames (``data_access.hexmap_reference``): built once
when the app loads them, never per rerun. Hexes are pointy-topped with radius 1 in an
``odd-r`` layout (odd rows, negative ones too, shifted half a hex right; ``r`` grows
northwards). A district shared by two PDUs (a city split in two) is drawn as two
halves: the PDU the district is assigned to on the left, the PDU without a hex of its
own on the right.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

import pandas as pd

SQRT3: Final = math.sqrt(3)
#: Corners of a pointy-topped hex, anticlockwise from the upper right (degrees).
_CORNER_DEGREES: Final = (30, 90, 150, 210, 270, 330)
#: Corner indexes of each part of a hex: whole, the left half and the right half (split top to bottom).
PARTS: Final[dict[str, tuple[int, ...]]] = {"whole": (0, 1, 2, 3, 4, 5), "left": (1, 2, 3, 4), "right": (4, 5, 0, 1)}
OUTSIDE: Final = ""


class HexMapReferenceError(ValueError):
    """The reference files disagree: a district in no PDU or in two, or a shared hex naming nothing known."""


@dataclass(frozen=True)
class PduShapes:
    """Every PDU's pieces and label point, and the outline segments between PDUs and between regions.

    Attributes:
        pdus: one row per PDU: ``pdu_name``, ``pdu_code`` (reference code, may be empty), ``region_code``,
            ``region_name``, ``x``, ``y`` (mean of its pieces' centres) and ``piece_count``.
        pieces: one row per hex or half hex: ``pdu_name``, ``lad_code``, ``lad_name``, ``part``
            (whole/left/right), ``xs``, ``ys`` (closed polygon, tuples) and ``cx``, ``cy`` (its centre).
        pdu_edges: hex sides between two PDUs or a PDU and the outside: ``x0, y0, x1, y1, pdu_a, pdu_b``
            (``pdu_b`` empty on the outside).
        region_edges: hex sides between two regions or a region and the outside:
            ``x0, y0, x1, y1, region_a, region_b``.
    """

    pdus: pd.DataFrame
    pieces: pd.DataFrame
    pdu_edges: pd.DataFrame
    region_edges: pd.DataFrame


def hex_centre(q: int, r: int) -> tuple[float, float]:
    """Centre of hex (q, r) in an odd-r layout, radius 1: odd rows (``r & 1``, also when negative) shift right."""
    return SQRT3 * (q + 0.5 * (r & 1)), 1.5 * r


def hex_corners(x: float, y: float, part: str = "whole") -> list[tuple[float, float]]:
    """Corners of the hex centred at (x, y), or of its left or right half, rounded to 6 places."""
    return [(round(x + math.cos(math.radians(_CORNER_DEGREES[index])), 6),
             round(y + math.sin(math.radians(_CORNER_DEGREES[index])), 6)) for index in PARTS[part]]


def check_reference(hexes: pd.DataFrame, pdu_districts: pd.DataFrame, shared_hexes: pd.DataFrame) -> None:
    """Raise ``HexMapReferenceError`` unless every district is in exactly one PDU, every PDU in one region
    and every shared hex names a known district and a PDU with no district of its own."""
    counts = pdu_districts["lad_code"].value_counts()
    twice = sorted(counts[counts > 1].index)
    no_hex = sorted(set(pdu_districts["lad_code"]) - set(hexes["lad_code"]))
    no_pdu = sorted(set(hexes["lad_code"]) - set(pdu_districts["lad_code"]))
    regions = pdu_districts.groupby("pdu_name")["region_code"].nunique()
    problems = [f"districts in more than one PDU: {twice}" if twice else "",
                f"districts with no hex: {no_hex}" if no_hex else "",
                f"districts in no PDU: {no_pdu}" if no_pdu else "",
                f"PDUs in more than one region: {sorted(regions[regions > 1].index)}" if (regions > 1).any() else ""]
    for row in shared_hexes.itertuples():
        if row.shares_lad_code not in set(pdu_districts["lad_code"]):
            problems.append(f"{row.pdu_name} shares {row.shares_lad_code}, which is in no PDU")
        if row.pdu_name in set(pdu_districts["pdu_name"]):
            problems.append(f"{row.pdu_name} is listed as sharing a hex but has districts of its own")
    if found := [problem for problem in problems if problem]:
        raise HexMapReferenceError("; ".join(found))


def _pieces(hexes: pd.DataFrame, pdu_districts: pd.DataFrame, shared_hexes: pd.DataFrame) -> pd.DataFrame:
    owners = pdu_districts.set_index("lad_code")["pdu_name"]
    sharers = shared_hexes.groupby("shares_lad_code")["pdu_name"].first()
    rows = []
    for lad in hexes.itertuples():
        x, y = hex_centre(lad.q, lad.r)
        split = lad.lad_code in sharers.index
        parts = [(owners[lad.lad_code], "left"), (sharers.get(lad.lad_code), "right")] if split else [
            (owners[lad.lad_code], "whole")]
        for pdu_name, part in parts:
            corners = hex_corners(x, y, part)
            closed = [*corners, corners[0]]
            offset = {"whole": 0.0, "left": -SQRT3 / 4, "right": SQRT3 / 4}[part]
            rows.append({"pdu_name": pdu_name, "lad_code": lad.lad_code, "lad_name": lad.lad_name, "part": part,
                         "xs": tuple(px for px, _ in closed), "ys": tuple(py for _, py in closed),
                         "cx": x + offset, "cy": y})
    return pd.DataFrame(rows)


def _edges(pieces: pd.DataFrame, owner: dict[str, str], columns: tuple[str, str]) -> pd.DataFrame:
    """Sides whose two pieces have different owners (or one piece: the outside), once each."""
    sides: dict[tuple[tuple[float, float], ...], list[str]] = defaultdict(list)
    for piece in pieces.itertuples():
        points = list(zip(piece.xs, piece.ys, strict=True))
        for start, end in zip(points, points[1:], strict=False):
            sides[tuple(sorted((start, end)))].append(owner[piece.pdu_name])
    rows = [{"x0": a[0], "y0": a[1], "x1": b[0], "y1": b[1], columns[0]: sides_of[0],
             columns[1]: sides_of[1] if len(sides_of) > 1 else OUTSIDE}
            for (a, b), sides_of in sides.items() if len(set(sides_of)) > 1 or len(sides_of) == 1]
    return pd.DataFrame(rows, columns=["x0", "y0", "x1", "y1", *columns])


def build_pdu_shapes(hexes: pd.DataFrame, pdu_districts: pd.DataFrame, shared_hexes: pd.DataFrame) -> PduShapes:
    """Every PDU as the union of its districts' hexes, with PDU and region outlines (checked first).

    Args:
        hexes: ``lad_code``, ``lad_name``, ``q``, ``r`` for every district drawn.
        pdu_districts: ``region_code``, ``region_name``, ``pdu_name``, ``lad_code`` and optionally ``pdu_code``.
        shared_hexes: ``pdu_name``, ``shares_lad_code`` for PDUs without a district of their own.
    """
    check_reference(hexes, pdu_districts, shared_hexes)
    pieces = _pieces(hexes, pdu_districts, shared_hexes)
    regions = pdu_districts.drop_duplicates("pdu_name").set_index("pdu_name")
    region_of = dict(regions["region_code"])
    sharer_region = shared_hexes.assign(region_code=shared_hexes["shares_lad_code"].map(
        pdu_districts.set_index("lad_code")["region_code"]))
    region_of.update(dict(zip(sharer_region["pdu_name"], sharer_region["region_code"], strict=True)))
    pdu_edges = _edges(pieces, {name: name for name in region_of}, ("pdu_a", "pdu_b"))
    region_edges = _edges(pieces, region_of, ("region_a", "region_b"))
    names = dict(zip(pdu_districts["region_code"], pdu_districts["region_name"], strict=False))
    codes = dict(zip(pdu_districts["pdu_name"], pdu_districts.get("pdu_code", pd.Series("", index=pdu_districts.index)),
                     strict=True))
    centres = pieces.groupby("pdu_name", sort=True).agg(x=("cx", "mean"), y=("cy", "mean"), piece_count=("cx", "size"))
    pdus = centres.reset_index()
    pdus.insert(1, "pdu_code", pdus["pdu_name"].map(lambda name: codes.get(name, "")).fillna(""))
    pdus.insert(2, "region_code", pdus["pdu_name"].map(region_of))
    pdus.insert(3, "region_name", pdus["region_code"].map(names))
    return PduShapes(pdus=pdus, pieces=pieces, pdu_edges=pdu_edges, region_edges=region_edges)
