"""Regions as the unit of comparison: each of the 12 regions against England and Wales, by the same rule.

A region's value comes from its own numerator and denominator (``metrics.comparison.areas``
sums its PDUs' counts), with its own Wilson (or Byar, or median) limits, and is labelled by the
one comparison engine exactly as a PDU is. The rows have the shape of ``compare_pdus``'s, with
the region in the PDU columns (``pdu_code`` = ``region_code``), so the same charts and tables draw them.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.comparison.pdu_comparison import ENGLAND_WALES, compare_pdus

PDU_UNIT: Final = "pdu"
REGION_UNIT: Final = "region"
UNITS: Final[dict[str, str]] = {PDU_UNIT: "PDUs", REGION_UNIT: "Regions"}
DEFAULT_UNIT: Final = PDU_UNIT


def parse_unit(raw: str) -> str:
    """A URL value as a unit of comparison (ValueError when unknown)."""
    if raw not in UNITS:
        raise ValueError(f"no unit of comparison {raw!r}")
    return raw


def region_units(pdus: pd.DataFrame) -> pd.DataFrame:
    """One row per region in the PDU columns' shape: pdu_code/pdu_name are the region's code and name."""
    regions = pdus[["region_code", "region_name"]].drop_duplicates("region_code")
    return regions.assign(pdu_code=regions["region_code"], pdu_name=regions["region_name"]).reset_index(drop=True)


def compare_regions(values: pd.DataFrame, pdus: pd.DataFrame, item: Indicator, *, window: int = 0) -> pd.DataFrame:
    """Every region's value, limits and comparison with England and Wales in ``window``.

    Args:
        values: from ``indicator_values`` (all areas).
        pdus: pdu_code, pdu_name, region_code, region_name of every PDU.
        item: the indicator.
        window: which window to compare (0: the page's period).

    Returns:
        ``compare_pdus``'s columns, one row per region, highest value first; disclosure
        control and the minimum denominator apply as for a PDU.
    """
    as_units = values[values["area_type"] != "pdu"].copy()
    as_units.loc[as_units["area_type"] == "region", "area_type"] = "pdu"
    return compare_pdus(as_units, region_units(pdus), item, benchmark=ENGLAND_WALES, window=window)
