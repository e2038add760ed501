"""Collect every figure in the meeting pack, one view per page section: headline figures, tables,
charts (the Plotly figures embedded in it) and notes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

from tests.disclosure.collect_app import headline_grid, prose_grid
from tests.disclosure.plotly_grid import figure_grid
from tests.disclosure.tables import table_grid
from tests.disclosure.view import View

_NEW_PLOT = re.compile(r"Plotly\.newPlot\(\s*")


class _Section(HTMLParser):
    """Reads one section's headline figures, tables and notes (scripts are read separately)."""

    def __init__(self) -> None:
        super().__init__()
        self.kpis: list[list[str]] = []
        self.tables: list[list[list[str]]] = []
        self.notes: list[str] = []
        self._capture: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "kpi" in classes:
            self.kpis.append([])
        elif tag == "div" and {"label", "value"} & set(classes) and self.kpis:
            self._start("kpi")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._start("cell")
        elif tag == "p" and {"note", "small"} & set(classes):
            self._start("note")

    def _start(self, what: str) -> None:
        self._capture, self._text = what, ""

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._capture == "kpi" and tag == "div":
            self.kpis[-1].append(self._text.strip())
        elif self._capture == "cell" and tag in ("td", "th"):
            self.tables[-1][-1].append(self._text.strip())
        elif self._capture == "note" and tag == "p":
            self.notes.append(self._text.strip())
        else:
            return
        self._capture = None


def _figures(section_html: str) -> list[dict]:
    """The figure specs passed to ``Plotly.newPlot(id, data, layout, config)``."""
    decoder, specs = json.JSONDecoder(), []
    for match in _NEW_PLOT.finditer(section_html):
        position, parts = match.end(), []
        for _ in range(3):  # the div's id, then data and layout
            value, position = decoder.raw_decode(section_html, position)
            parts.append(value)
            position = section_html.index(",", position) + 1
            while section_html[position].isspace():
                position += 1
        specs.append({"data": parts[1], "layout": parts[2]})
    return specs


def pack_views(page: str, *, scope: str, title_of: Callable[[str], str]) -> list[View]:
    """One view per section of the pack's HTML."""
    views = []
    for part in page.split('<section class="page"')[1:]:
        heading = re.search(r"<h2>(.*?)</h2>", part)
        view = View(f"{scope} · meeting pack › {heading.group(1) if heading else '?'}")
        reader = _Section()
        reader.feed(re.sub(r"<script>.*?</script>", "", part, flags=re.DOTALL))
        view.add(headline_grid([(kpi[0], kpi[1]) for kpi in reader.kpis if len(kpi) >= 2]))
        for rows in reader.tables:
            if rows and len(rows) > 1:
                view.add(table_grid(rows[0], rows[1:], source="pack table", title_of=title_of))
        for spec in _figures(part):
            grid = figure_grid(spec, title_of=title_of)
            grid.title = f"pack {grid.title}"
            view.add(grid)
        for note in reader.notes:
            view.add(prose_grid(note, title_of=title_of))
        views.append(view)
    return views
