"""The comparison bar chart's rows: PDU codes as category keys, heading rows for each group, tick texts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts.comparison.style import highlight_tick_labels

HEADING_FILL = "#EDEDED"
_REGION_GREY = "#505A5F"


@dataclass(frozen=True)
class BarLayout:
    """The bar chart's rows bottom to top (Plotly's order): category keys, tick texts, heading rows."""

    keys: list[str]
    texts: list[str]
    heading_positions: list[int]


def unit_word(rows: pd.DataFrame) -> str:
    """"region" when the rows are regions (a region's code is its own region's), else "PDU"."""
    regions = "region_code" in rows and len(rows) and (rows["pdu_code"] == rows["region_code"]).all()
    return "region" if regions else "PDU"


def bar_layout(rows: pd.DataFrame, pdu_of_interest: str | None) -> BarLayout:
    """Category keys (PDU codes; "group:<heading>" for heading rows) and tick texts, bottom to top.

    A heading row goes above each run of rows with the same ``group`` (none without the column,
    or for an empty heading). When there are headings and they are not the regions themselves
    ("10 best"), each PDU's region follows its name in grey.
    """
    names = highlight_tick_labels(rows, pdu_of_interest)
    groups = rows["group"].fillna("").astype(str).tolist() if "group" in rows else [""] * len(rows)
    regions_are_groups = ("region_name" not in rows or not any(groups)
                          or groups == rows["region_name"].astype(str).tolist())
    keys: list[str] = []
    texts: list[str] = []
    headings: list[int] = []
    previous = None
    for index, (code, name, group) in enumerate(zip(rows["pdu_code"], names, groups, strict=True)):
        if group and group != previous:
            headings.append(len(keys))
            keys.append(f"group:{group}")
            texts.append(f"<b>{group}</b>")
        previous = group
        keys.append(str(code))
        region = "" if regions_are_groups else rows["region_name"].iloc[index]
        texts.append(f'{name} <span style="color:{_REGION_GREY}">({region})</span>' if region else name)
    top = len(keys) - 1
    return BarLayout(keys[::-1], texts[::-1], [top - position for position in headings])
