"""The overview matrix: PDUs × indicators, each cell coloured by its comparison and showing value and word.

The cells hold numbers (so sorting a column sorts by value); a pandas Styler
displays each as "value · comparison" and colours it. The download carries a
value column and a comparison column per indicator.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

from charts.accessibility import comparison_cell_style
from components.comparison.page import ComparisonData
from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import matrix_tables


def matrix_heading(item: Indicator) -> str:
    """A short column heading with the unit, e.g. "Needs sufficient (%)"."""
    return item.short_name if "per 100" in item.short_name else f"{item.short_name} ({item.unit})"


def _cell_text(label: str) -> Callable[[float], str]:
    """A Styler formatter showing a cell as "value · label" ("–" when there is no value)."""
    def text(value: float) -> str:
        return "–" if pd.isna(value) else f"{value:.1f} · {label}"

    return text


def _labelled_cells(styler: Styler, labels: pd.DataFrame, headings: list[str]) -> Styler:
    """Format each labelled cell as "value · label" (``_cell_text``); unlabelled cells keep the default.

    This is ``styler.format(_cell_text(label), subset=<the cells with that label>)`` for every
    heading and label, but set cell by cell in the formatters ``Styler.format`` fills: some
    sixty ``format`` calls, each looking its cells up again, took a third of the matrix's time.
    """
    cells = getattr(styler, "_display_funcs", None)
    if cells is None:  # another pandas: the public way
        for heading in headings:
            for label in labels[heading].dropna().unique():
                rows = labels.index[labels[heading] == label]
                styler = styler.format(_cell_text(label), subset=pd.IndexSlice[rows, [heading]])
        return styler
    texts: dict[str, Callable[[float], str]] = {}
    for heading in headings:
        column = styler.columns.get_loc(heading)
        rows = styler.index.get_indexer_for(labels.index)
        for row, label in zip(rows, labels[heading], strict=True):
            if not pd.isna(label):
                cells[(row, column)] = texts.setdefault(label, _cell_text(label))
    return styler


def styled_matrix(data: ComparisonData, compared: dict[str, pd.DataFrame], *,
                  regions: bool = False) -> tuple[Styler, pd.DataFrame]:
    """The matrix for the PDUs shown (by region, then name), or every region (``regions``), as a Styler,
    and its download table."""
    if regions:
        codes = sorted(compared[data.items[0].key]["pdu_code"].unique(),
                       key=lambda code: data.pdus.set_index("region_code")["region_name"].to_dict()[code])
    else:
        ordered = data.pdus[data.pdus["pdu_code"].isin(data.shown_codes)].sort_values(["region_name", "pdu_name"])
        codes = list(ordered["pdu_code"])
    values, labels = matrix_tables(data.items, compared, codes)
    if regions:  # the unit is the region: one name column
        values = values.drop(columns="Region").rename(columns={"PDU": "Region"})
        labels = labels.drop(columns="Region").rename(columns={"PDU": "Region"})
    headings = {item.short_name: matrix_heading(item) for item in data.items}
    values, labels = values.rename(columns=headings), labels.rename(columns=headings)
    styler = _labelled_cells(values.style, labels, list(headings.values()))
    styler = styler.apply(lambda _: labels[list(headings.values())].map(comparison_cell_style), axis=None,
                          subset=list(headings.values()))
    download = values[["Region"] if regions else ["PDU", "Region"]].copy()
    for heading in headings.values():
        download[heading] = values[heading]
        download[f"{heading}: compared with benchmark"] = labels[heading]
    return styler, download
