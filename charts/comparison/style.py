"""Shared pieces of the PDU comparison charts: label order, outlines, hover text, axis titles."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from charts.theme import TEXT_COLOUR
from metrics.comparison.indicators import Indicator
from metrics.stats.comparison import JUDGED_LABELS, NEUTRAL_LABELS, NOT_COMPARED
from metrics.stats.disclosure import format_count

_ORDER = list(dict.fromkeys([*JUDGED_LABELS, *NEUTRAL_LABELS]))


def label_order(labels: Iterable[str]) -> list[str]:
    """The labels present, best to worst (or highest to lowest), "Not compared" last."""
    present = set(labels)
    return [label for label in _ORDER if label in present]


def outline_colour(label: str) -> str:
    """"Not compared" is drawn white, so it gets a dark outline to stay visible."""
    return TEXT_COLOUR if label == NOT_COMPARED else "rgba(0,0,0,0)"


def axis_title(item: Indicator) -> str:
    """An axis title stating the unit, e.g. "Judged needs sufficient (%)"."""
    return item.name if item.name.endswith(")") or item.unit in item.name else f"{item.name} ({item.unit})"


def unit_title(item: Indicator) -> str:
    """A short axis title that is only the unit, e.g. "Percent (%)" or "Weeks"."""
    return {"%": "Percent (%)", "weeks": "Weeks"}.get(item.unit, item.unit.capitalize())


def _interval(row: pd.Series | dict) -> str:
    if pd.isna(row["value"]):
        return "value suppressed (small numbers)" if row.get("suppressed", False) else "no value"
    return f"{row['value']:.1f} (95% interval {row['value_lower95']:.1f} to {row['value_upper95']:.1f})"


def comparison_hover(rows: pd.DataFrame, item: Indicator) -> list[str]:
    """Hover text per PDU: name, value with interval, counts (disclosure applied), benchmark and label."""
    texts = []
    # Rows as dicts of plain values (what iterrows gives each cell, without building a Series per row).
    for row in rows.to_dict("records"):
        counts = f"{item.denominator}: {format_count(row['denominator'])}"
        if item.kind != "median":
            counts = f"{item.numerator}: {format_count(row['numerator'])}<br>{counts}"
        benchmark = "–" if pd.isna(row["benchmark"]) else f"{row['benchmark']:.1f}"
        texts.append(f"<b>{row['pdu_name']}</b><br>{_interval(row)}<br>{counts}<br>"
                     f"Benchmark: {benchmark}<br>{row['comparison']}")
    return texts


def highlight_tick_labels(rows: pd.DataFrame, pdu_of_interest: str | None) -> list[str]:
    """Axis labels with the PDU of interest in bold and marked with an arrow."""
    return [f"<b>▶ {name}</b>" if code == pdu_of_interest else name
            for code, name in zip(rows["pdu_code"], rows["pdu_name"])]
