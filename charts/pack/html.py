"""The meeting pack as one self-contained HTML file: built from figures and tables, no Streamlit.

The pack opens offline in any browser: Plotly's JavaScript is embedded once in the
head and every chart is an interactive div that uses it; styles are inline; no
file, font or script is fetched from anywhere. Print styles start each page's
section on a new sheet so the same HTML prints to PDF.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real

import pandas as pd
import plotly.graph_objects as go
from markdown_it import MarkdownIt
from plotly.offline import get_plotlyjs

from charts.accessibility import comparison_cell_style
from charts.pack.style import PACK_CSS
from charts.theme import COMPARISON_COLOURS
from metrics.kpi import Kpi

CHART_HEIGHT_PX = 460
#: Chart data tables up to this many rows are shown open; longer ones start folded.
OPEN_TABLE_ROWS = 12
SYNTHETIC_NOTICE = "These figures come from synthetic sample data: no real people or services."

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_LABEL_STYLES = {label: comparison_cell_style(label) for label in COMPARISON_COLOURS}


@dataclass(frozen=True)
class PackChart:
    """A main chart and its data table (disclosure control already applied)."""

    figure: go.Figure
    table: pd.DataFrame
    caption: str | None = None


@dataclass(frozen=True)
class PackFinding:
    """A key finding in the pack: its sentence (disclosure control applied) and a link to the view showing it."""

    sentence: str
    link_label: str
    url: str


@dataclass(frozen=True)
class PackSection:
    """One dashboard page in the pack.

    ``settings`` are the page's own settings in words (e.g. "Target: 18 weeks");
    ``tables`` are (title, table) pairs with disclosure control applied;
    ``definitions`` maps each figure's label to its definition (markdown); ``findings`` are
    numbered key findings, each with its link.
    """

    title: str
    kpis: Sequence[Kpi] = ()
    charts: Sequence[PackChart] = ()
    tables: Sequence[tuple[str, pd.DataFrame]] = ()
    settings: Sequence[str] = ()
    notes: Sequence[str] = ()
    definitions: dict[str, str] = field(default_factory=dict)
    findings: Sequence[PackFinding] = ()


@dataclass(frozen=True)
class PackCover:
    """What the cover states: scope in words, data date, when generated, whether synthetic."""

    scope: str
    data_as_of: dt.date
    generated_at: dt.datetime
    synthetic: bool
    title: str = "Interventions Landscape: meeting pack"
    disclosure_note: str = ""


def pack_html(cover: PackCover, sections: Sequence[PackSection]) -> str:
    """The whole pack: cover, contents, then each section with its definitions."""
    body = [_cover_html(cover, sections)]
    body += [_section_html(index, section) for index, section in enumerate(sections, start=1)]
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_text(cover.title)}</title>"
        f"<style>{PACK_CSS}</style><script>{get_plotlyjs()}</script></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _cover_html(cover: PackCover, sections: Sequence[PackSection]) -> str:
    synthetic = f'<p class="notice" role="note"><strong>{_text(SYNTHETIC_NOTICE)}</strong></p>' if cover.synthetic else ""
    contents = "".join(
        f'<li><a href="#section-{index}">{_text(section.title)}</a></li>' for index, section in enumerate(sections, 1)
    )
    disclosure = f'<p class="small">{_text(cover.disclosure_note)}</p>' if cover.disclosure_note else ""
    return (
        f'<section class="cover"><h1>{_text(cover.title)}</h1>'
        f'<p class="scope">{_text(cover.scope)}</p>'
        f'<dl class="facts"><dt>Data as of</dt><dd>{cover.data_as_of:%-d %B %Y}</dd>'
        f"<dt>Generated</dt><dd>{cover.generated_at:%-d %B %Y at %H:%M}</dd></dl>"
        f"{synthetic}{disclosure}<h2>Contents</h2><ol>{contents}</ol></section>"
    )


def _section_html(index: int, section: PackSection) -> str:
    parts = [f'<section class="page" id="section-{index}"><h2>{_text(section.title)}</h2>']
    if section.settings:
        parts.append('<p class="settings">' + " · ".join(_text(item) for item in section.settings) + "</p>")
    if section.kpis:
        parts.append('<div class="kpis">' + "".join(_kpi_html(kpi) for kpi in section.kpis) + "</div>")
    if section.findings:  # numbered by the list, so no digit stands before a sentence's own figures
        parts.append('<ol class="findings">' + "".join(
            f'<li><p class="note finding">{_text(item.sentence)} <a href="{_text(item.url)}">{_text(item.link_label)}</a>'
            "</p></li>" for item in section.findings) + "</ol>")
    parts += [f'<p class="note">{_text(note)}</p>' for note in section.notes]
    parts += [_chart_html(chart) for chart in section.charts]
    parts += [f"<h3>{_text(title)}</h3>{table_html(table)}" for title, table in section.tables]
    if section.definitions:
        items = "".join(
            f"<dt>{_text(label)}</dt><dd>{_MARKDOWN.render(text)}</dd>" for label, text in section.definitions.items()
        )
        parts.append(f'<h3>Definitions</h3><dl class="definitions">{items}</dl>')
    return "".join(parts) + "</section>"


def _kpi_html(kpi: Kpi) -> str:
    delta = f'<div class="delta">{_text(kpi.delta)}</div>' if kpi.delta else ""
    return f'<div class="kpi"><div class="label">{_text(kpi.label)}</div><div class="value">{_text(kpi.value)}</div>{delta}</div>'


def _chart_html(chart: PackChart) -> str:
    div = chart.figure.to_html(
        full_html=False, include_plotlyjs=False, default_height=f"{CHART_HEIGHT_PX}px", default_width="100%",
        config={"displaylogo": False, "responsive": True},
    )
    caption = f'<p class="small">{_text(chart.caption)}</p>' if chart.caption else ""
    title = chart.figure.layout.title.text or "Chart"
    rows = len(chart.table)
    # Long data tables start folded on screen; the printed pack unfolds them (pack_for_print).
    state = " open" if rows <= OPEN_TABLE_ROWS else ""
    return (
        f'<figure class="chart"><div class="plot">{div}</div>{caption}'
        f"<details{state}><summary>Data for “{_text(title)}” ({rows:,} rows)</summary>{table_html(chart.table)}"
        "</details></figure>"
    )


def pack_for_print(page: str) -> str:
    """The pack with every folded data table unfolded, for printing to PDF."""
    return page.replace("<details>", "<details open>")


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
