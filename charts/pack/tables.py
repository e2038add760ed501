"""The meeting pack's tables and printed words: short tables, tables folded away, text without screen hints."""

from __future__ import annotations

import html
import re
from numbers import Integral, Real

import pandas as pd

from charts.accessibility import comparison_cell_style
from charts.theme import COMPARISON_COLOURS

#: Rows of a table the pack prints; longer tables print their first rows and point to the bundle.
SHORT_TABLE_ROWS = 10

_LABEL_STYLES = {label: comparison_cell_style(label) for label in COMPARISON_COLOURS}


_SCREEN_ONLY = re.compile(r"[^.!?]*\b(click|clicking|hover|hovering|drag|zoom)\b[^.!?]*[.!?]\s*", re.IGNORECASE)


def printable(text: str) -> str:
    """``text`` without the sentences that tell a screen user to click, hover, drag or zoom."""
    return _SCREEN_ONLY.sub("", text).strip()


def folded_table_html(title: str, table: pd.DataFrame, file_name: str) -> str:
    """A table the pack does not print: folded on screen; in print, one line naming its bundle file."""
    return (f'<details class="chart-data"><summary>{_text(title)} ({len(table):,} rows)</summary>{table_html(table)}'
            f'</details><p class="small print-only">{_text(title)} ({len(table):,} rows): <code>{_text(file_name)}'
            "</code> in the tables bundle.</p>")


def short_table_html(table: pd.DataFrame, file_name: str) -> str:
    """A table as the pack prints it: whole when short, else its first rows and the bundle file with all of them."""
    if len(table) <= SHORT_TABLE_ROWS:
        return table_html(table)
    return (f'{table_html(table.head(SHORT_TABLE_ROWS))}<p class="small more">First {SHORT_TABLE_ROWS} of '
            f"{len(table):,} rows; all of them: <code>{_text(file_name)}</code> in the tables bundle.</p>")


def table_html(table: pd.DataFrame) -> str:
    """A table as HTML: thousands separators, one decimal place, "–" for a hidden or missing value.

    A cell holding a comparison label gets its colour with readable text; the word stays.
    """
    formatters = {column: _cell for column in table.columns}
    body = table.to_html(index=False, na_rep="–", formatters=formatters, border=0, classes="data", escape=True)
    for label, style in _LABEL_STYLES.items():
        body = body.replace(f"<td>{_text(label)}</td>", f'<td style="{style}">{_text(label)}</td>')
    return f'<div class="table-wrap">{body}</div>'


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Integral):
        return f"{value:,}"
    if isinstance(value, Real):
        return f"{value:,.1f}"
    return str(value)


def _text(value: object) -> str:
    return html.escape(str(value))
