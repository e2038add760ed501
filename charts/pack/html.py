"""The meeting pack as one self-contained HTML file: built from figures and tables, no Streamlit.

The pack is what a meeting reads: the key findings, then each page's headline figures,
main charts and short tables, then the definitions of every figure, in about 20 printed
pages at national scope. A table longer than ``SHORT_TABLE_ROWS`` shows its first rows
and names its CSV file in the tables bundle (``charts.pack.bundle``), which holds every
table in full. Nothing that only works on a screen is printed: charts have no toolbar,
and sentences telling the reader to click or hover are left out.

The pack opens offline in any browser: Plotly's JavaScript is embedded once in the
head and every chart is a div that uses it; styles are inline; no file, font or script
is fetched from anywhere. Print styles start each page's section on a new sheet so the
same HTML prints to PDF.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from markdown_it import MarkdownIt
from plotly.offline import get_plotlyjs

from charts.pack.style import PACK_CSS
from charts.pack.tables import folded_table_html, printable, short_table_html, table_html
from metrics.kpi import Kpi

CHART_HEIGHT_PX = 360
#: A chart taller than this (one bar per PDU, one row per intervention) is drawn at this height in the pack.
MAX_CHART_HEIGHT_PX = 460
#: Plotly's options for the pack: no toolbar (its icons would be printed), nothing to drag or zoom.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True, "staticPlot": False}
#: Definitions the appendix gives besides the headline figures': the pack's own words.
PACK_TERMS = ("Data as of", "Disclosure control", "Key findings: gate and ranking", "Compared with benchmark",
              "Comparison with the benchmark", "Follow-up window")
BUNDLE_NOTE = "Every table in full is in the tables bundle (a zip of CSV files) downloaded beside this pack."
SYNTHETIC_NOTICE = "These figures come from synthetic sample data: no real people or services."

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


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
    #: Tables too wide or too long to print (a 120-row catalogue, a PDU × indicator matrix): folded on screen,
    #: named in print, whole in the tables bundle.
    full_tables: Sequence[tuple[str, pd.DataFrame]] = ()
    #: A short section that, printed, follows the one before on the same sheet rather than starting its own.
    brief: bool = False


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
    """The whole pack: cover, each section, then the definitions of every figure in it."""
    body = [_cover_html(cover, sections)]
    body += [_section_html(index, section) for index, section in enumerate(sections, start=1)]
    body.append(_definitions_html(sections))
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_text(cover.title)}</title>"
        f"<style>{PACK_CSS}</style><script>{get_plotlyjs()}</script></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def table_file_name(index: int, section: str, title: str, *, copy: int = 1) -> str:
    """The CSV file holding a table in the tables bundle: "03-waiting-times-by-region.csv" (the second table
    of the same title "...-2.csv")."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{section} {title}".lower()).strip("-")[:80].rstrip("-")
    return f"{index:02d}-{slug}{f'-{copy}' if copy > 1 else ''}.csv"


def section_tables(index: int, section: PackSection) -> list[tuple[str, str, pd.DataFrame]]:
    """(title, bundle file name, table) for every table of a section: each chart's data, then its tables."""
    titled = [(chart.figure.layout.title.text or "Chart", chart.table) for chart in section.charts]
    titled += [*section.tables, *section.full_tables]
    named, used = [], set()
    for title, table in titled:
        name, copy = table_file_name(index, section.title, title), 1
        while name in used:  # two tables of one title: "-2", "-3", ...
            copy += 1
            name = table_file_name(index, section.title, title, copy=copy)
        used.add(name)
        named.append((title, name, table))
    return named


def _cover_html(cover: PackCover, sections: Sequence[PackSection]) -> str:
    synthetic = f'<p class="notice" role="note"><strong>{_text(SYNTHETIC_NOTICE)}</strong></p>' if cover.synthetic else ""
    contents = "".join(
        f'<li><a href="#section-{index}">{_text(section.title)}</a></li>' for index, section in enumerate(sections, 1)
    )
    contents += '<li><a href="#definitions">Definitions</a></li>'
    disclosure = f'<p class="small">{_text(cover.disclosure_note)}</p>' if cover.disclosure_note else ""
    return (
        f'<section class="cover"><h1>{_text(cover.title)}</h1>'
        f'<p class="scope">{_text(cover.scope)}</p>'
        f'<dl class="facts"><dt>Data as of</dt><dd>{cover.data_as_of:%-d %B %Y}</dd>'
        f"<dt>Generated</dt><dd>{cover.generated_at:%-d %B %Y at %H:%M}</dd></dl>"
        f'{synthetic}{disclosure}<p class="small">{_text(BUNDLE_NOTE)}</p>'
        f"<h2>Contents</h2><ol>{contents}</ol></section>"
    )


def _section_html(index: int, section: PackSection) -> str:
    brief = " data-brief" if section.brief else ""
    parts = [f'<section class="page" id="section-{index}"{brief}><h2>{_text(section.title)}</h2>']
    if section.settings:
        parts.append('<p class="settings">' + " · ".join(_text(item) for item in section.settings) + "</p>")
    if section.kpis:
        parts.append('<div class="kpis">' + "".join(_kpi_html(kpi) for kpi in section.kpis) + "</div>")
    if section.findings:  # numbered by the list, so no digit stands before a sentence's own figures
        parts.append('<ol class="findings">' + "".join(
            f'<li><p class="note finding">{_text(item.sentence)} <a href="{_text(item.url)}">{_text(item.link_label)}</a>'
            "</p></li>" for item in section.findings) + "</ol>")
    parts += [f'<p class="note">{_text(printable(note))}</p>' for note in section.notes if printable(note)]
    files = section_tables(index, section)
    parts += [_chart_html(chart, file) for chart, (_, file, _) in zip(section.charts, files, strict=False)]
    printed = len(section.charts) + len(section.tables)
    parts += [f"<h3>{_text(title)}</h3>{short_table_html(table, file)}" for title, file, table in files[len(section.charts):printed]]
    parts += [folded_table_html(title, table, file) for title, file, table in files[printed:]]
    if section.definitions:
        parts.append('<p class="small">What each figure means: <a href="#definitions">Definitions</a>.</p>')
    return "".join(parts) + "</section>"


def _definitions_html(sections: Sequence[PackSection]) -> str:
    """The definition of every headline figure and of the terms the pack itself uses, once each, in its
    shortest form (the first paragraph, without screen hints). Every other definition is in the bundle."""
    headline = {kpi.label for section in sections for kpi in section.kpis} | set(PACK_TERMS)
    shown: dict[str, str] = {}
    for section in sections:
        for label, text in section.definitions.items():
            if label in headline:
                shown.setdefault(label, printable(text.strip().split("\n\n")[0]))
    items = "".join(f"<dt>{_text(label)}</dt><dd>{_MARKDOWN.render(text)}</dd>" for label, text in shown.items())
    return (f'<section class="page appendix" id="definitions"><h2>Definitions</h2>'
            '<p class="small">Each headline figure\'s definition, in short. Every definition in full, with its '
            "inclusions, exclusions and caveats, is in <code>definitions.csv</code> in the tables bundle and on "
            f'the dashboard\'s About the data page.</p><dl class="definitions">{items}</dl></section>')


def _kpi_html(kpi: Kpi) -> str:
    delta = f'<div class="delta">{_text(kpi.delta)}</div>' if kpi.delta else ""
    return f'<div class="kpi"><div class="label">{_text(kpi.label)}</div><div class="value">{_text(kpi.value)}</div>{delta}</div>'


def _chart_html(chart: PackChart, file_name: str) -> str:
    """The chart (no toolbar, nothing to click) with its caption; its data table is folded on screen and, being
    the chart again, not printed: the printed line names its CSV file in the tables bundle."""
    figure = go.Figure(chart.figure)  # a copy: the section's figure may be a cached, shared one
    height = figure.layout.height or CHART_HEIGHT_PX
    figure.update_layout(height=min(height, MAX_CHART_HEIGHT_PX), clickmode="none", dragmode=False)
    div = figure.to_html(full_html=False, include_plotlyjs=False, default_height=f"{CHART_HEIGHT_PX}px",
                         default_width="100%", config=CHART_CONFIG)
    caption = printable(chart.caption or "")
    title = figure.layout.title.text or "Chart"
    rows = len(chart.table)
    return (
        f'<figure class="chart"><div class="plot">{div}</div>'
        + (f'<p class="small">{_text(caption)}</p>' if caption else "")
        + f'<details class="chart-data"><summary>Data for “{_text(title)}” ({rows:,} rows)</summary>'
        f"{table_html(chart.table)}</details>"
        f'<p class="small print-only">Data ({rows:,} rows): <code>{_text(file_name)}</code> in the tables bundle.</p>'
        "</figure>"
    )


def _text(value: object) -> str:
    return html.escape(str(value))
