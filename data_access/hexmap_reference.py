"""Reading the PDU hex map's reference files (``reference/hexmap/``): district hexes and PDU lists.

The files ship with the repository (see ``reference/hexmap/SOURCE.md``); this module
only reads them into frames. Building the PDU shapes from them is ``charts.hexmap.shapes``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

REFERENCE_DIRECTORY: Final = Path(__file__).resolve().parents[1] / "reference" / "hexmap"
HEXJSON_FILE: Final = "uk-local-authority-districts-2023.hexjson"
PDU_DISTRICTS_FILE: Final = "pdu_local_authorities.csv"
SHARED_HEXES_FILE: Final = "pdus_without_own_hex.csv"
#: District code prefixes of England (E06–E09) and Wales (W06); the file's Scottish and Northern Irish hexes are not drawn.
ENGLAND_WALES_PREFIXES: Final = ("E06", "E07", "E08", "E09", "W06")


@dataclass(frozen=True)
class HexReference:
    """The three reference frames.

    Attributes:
        hexes: one row per English or Welsh district: ``lad_code``, ``lad_name``, ``q``, ``r`` (odd-r layout).
        layout: the hexjson layout name (``odd-r``).
        pdu_districts: one row per (PDU, district): ``region_code``, ``region_name``, ``pdu_name``,
            ``lad_code``, ``lad_name`` and ``pdu_code`` (empty text where the file has no codes).
        shared_hexes: PDUs without a district of their own: ``pdu_name``, ``shares_lad_code``.
    """

    hexes: pd.DataFrame
    layout: str
    pdu_districts: pd.DataFrame
    shared_hexes: pd.DataFrame


def read_hex_reference(directory: Path = REFERENCE_DIRECTORY) -> HexReference:
    """Read the hexjson and the two PDU lists from ``directory``."""
    hexjson = json.loads((directory / HEXJSON_FILE).read_text(encoding="utf-8"))
    hexes = pd.DataFrame(
        [{"lad_code": code, "lad_name": cell["n"], "q": int(cell["q"]), "r": int(cell["r"])}
         for code, cell in hexjson["hexes"].items() if code.startswith(ENGLAND_WALES_PREFIXES)],
        columns=["lad_code", "lad_name", "q", "r"],
    )
    districts = pd.read_csv(directory / PDU_DISTRICTS_FILE, dtype=str, keep_default_na=False)
    if "pdu_code" not in districts.columns:
        districts["pdu_code"] = ""
    shared = pd.read_csv(directory / SHARED_HEXES_FILE, dtype=str, keep_default_na=False)
    return HexReference(hexes=hexes, layout=str(hexjson.get("layout", "odd-r")), pdu_districts=districts,
                        shared_hexes=shared[["pdu_name", "shares_lad_code"]])
