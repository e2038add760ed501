"""Matching the data's PDUs to the map's: by case-management code where both carry it, else by name.

A PDU that matches nothing is returned in ``unmatched`` so the page can list it
beside the map: nothing in the data is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import pandas as pd

BY_CODE: Final = "code"
BY_NAME: Final = "name"


@dataclass(frozen=True)
class PduMatch:
    """Which map PDU each data PDU is drawn as.

    Attributes:
        matched: ``pdu_code`` (the data's), ``pdu_name`` (the data's), ``map_name`` (the map PDU)
            and ``matched_by`` ("code" or "name"), one row per data PDU on the map.
        unmatched: ``pdu_code``, ``pdu_name`` of data PDUs the map does not have.
    """

    matched: pd.DataFrame
    unmatched: pd.DataFrame


def name_key(name: str) -> str:
    """A PDU name compared loosely: lower case, "&" read as "and", punctuation and repeated spaces dropped."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and "))
    return " ".join(words.split())


def match_pdus(data_pdus: pd.DataFrame, map_pdus: pd.DataFrame) -> PduMatch:
    """Match each data PDU (``pdu_code``, ``pdu_name``) to a map PDU (``pdu_name``, ``pdu_code`` possibly empty).

    A data PDU whose code equals a map PDU's code is matched by code; the rest by
    ``name_key``. Each map PDU is used at most once (the first data PDU to claim it).
    """
    codes = {code: name for code, name in zip(map_pdus["pdu_code"], map_pdus["pdu_name"], strict=True) if code}
    names = {name_key(name): name for name in map_pdus["pdu_name"]}
    taken: set[str] = set()
    matched, unmatched = [], []
    for row in data_pdus[["pdu_code", "pdu_name"]].itertuples(index=False):
        found, how = (codes[row.pdu_code], BY_CODE) if row.pdu_code in codes else (
            names.get(name_key(str(row.pdu_name))), BY_NAME)
        if found is None or found in taken:
            unmatched.append({"pdu_code": row.pdu_code, "pdu_name": row.pdu_name})
            continue
        taken.add(found)
        matched.append({"pdu_code": row.pdu_code, "pdu_name": row.pdu_name, "map_name": found, "matched_by": how})
    return PduMatch(matched=pd.DataFrame(matched, columns=["pdu_code", "pdu_name", "map_name", "matched_by"]),
                    unmatched=pd.DataFrame(unmatched, columns=["pdu_code", "pdu_name"]))
