"""Collect every figure a page shows after an AppTest run: headline figures, tables, charts, CSV
downloads and sentences.

Charts are read from the figure spec the page sends the browser (the element's
JSON), so drawn values, text, hover text and ``customdata`` all count. Downloads
are read from AppTest's in-memory media store, which ``capture_downloads`` taps:
AppTest makes a fresh store for each run and drops it afterwards.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
from streamlit import dataframe_util
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.disclosure.hover import prose_figures
from tests.disclosure.kinds import kind_of
from tests.disclosure.plotly_grid import figure_grid
from tests.disclosure.shown import COUNT, PERCENT, read
from tests.disclosure.tables import table_grid
from tests.disclosure.view import Grid, View

TitleOf = Callable[[str], str]
_DIGITS = re.compile(r"<5|\d[\d,.]*%?")
#: Longer texts are documents, not sentences about the figures.
_LONGEST_SENTENCES = 600
#: A headline figure's change: "+12 vs 1 Oct 2025", "−3 vs …" (its size, whatever its sign).
_CHANGE = re.compile(r"^[+−-]?(\d[\d,]*) vs ")


@contextmanager
def capture_downloads() -> Iterator[dict[str, bytes]]:
    """Every file a run offers for download, by its media file id, while the context is open."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self: MemoryMediaFileStorage, path_or_data: str | bytes, mimetype: str, kind: object,
             filename: str | None = None) -> str:
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            files[file_id] = path_or_data
        return file_id

    MemoryMediaFileStorage.load_and_get_id = keep  # type: ignore[method-assign]
    try:
        yield files
    finally:
        MemoryMediaFileStorage.load_and_get_id = original  # type: ignore[method-assign]


def download_bytes(button: object, files: dict[str, bytes]) -> bytes | None:
    """The data behind a download button, if it was captured."""
    url = button.proto.url  # type: ignore[attr-defined]
    file_id = url.rsplit("/", 1)[-1].split(".")[0] if url else ""
    return files.get(file_id)


def _frame(element: object) -> pd.DataFrame:
    """A dataframe as displayed: the Styler's formatted text where the page formats it, else its values."""
    arrow = element.proto.arrow_data  # type: ignore[attr-defined]
    if arrow.HasField("styler") and arrow.styler.display_values:
        return dataframe_util.convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
    return element.value  # type: ignore[attr-defined]


def frame_grid(frame: pd.DataFrame, *, source: str, title_of: TitleOf) -> Grid:
    rows = [[None if pd.isna(cell) else cell for cell in row] for row in frame.itertuples(index=False)]
    return table_grid([str(column) for column in frame.columns], rows, source=source, title_of=title_of)


def headline_grid(labelled_values: list[tuple[str, str]], deltas: dict[str, str] | None = None) -> Grid:
    """The headline figures as one row, one column per label; a count's change ("+12 vs 1 Oct 2025")
    is a count too, in a column of its own."""
    grid = Grid("headline figures", [])
    for label, value in labelled_values:
        kind = PERCENT if str(value).strip().endswith("%") else kind_of(label)
        grid.add(label, "headline", read(kind, value))
        change = _CHANGE.match((deltas or {}).get(label) or "")
        if kind == COUNT and change:
            grid.add(f"{label} (change)", "headline", read(COUNT, change.group(1).replace(",", "")))
    return grid


def prose_grid(text: str, *, title_of: TitleOf) -> Grid:
    """A sentence's figures as one row, named by the words after each."""
    grid = Grid(f"text: {title_of(_DIGITS.sub('#', text))[:120]}", [])
    for name, figure in prose_figures(text):
        column, number = name, 2
        while column in grid.columns:
            column, number = f"{name} ({number})", number + 1
        grid.add(column, "text", figure)
    return grid


def _prose_elements(at: AppTest) -> list:
    """Sentences on the page, less those in expanders and tabs (definitions, the data contract:
    documentation, the same whatever the scope)."""
    folded = {id(element.proto) for block in [*at.expander, *at.tabs]
              for element in [*block.markdown, *block.caption, *block.info]}
    return [element for element in [*at.markdown, *at.caption, *at.info, *at.warning, *at.success]
            if id(element.proto) not in folded and len(str(element.value)) <= _LONGEST_SENTENCES]


def page_view(at: AppTest, name: str, *, files: dict[str, bytes], title_of: TitleOf) -> View:
    """Everything the page in ``at`` shows, after a run."""
    view = View(name)
    view.notes += [f"{name}: the page raised {item.value}" for item in at.exception]
    view.add(headline_grid([(metric.label, metric.value) for metric in at.metric],
                           {metric.label: metric.delta for metric in at.metric}))
    for element in [*at.dataframe, *at.table]:
        view.add(frame_grid(_frame(element), source="table", title_of=title_of))
    for chart in at.get("plotly_chart"):
        view.add(figure_grid(json.loads(chart.proto.spec), title_of=title_of))
    for button in at.get("download_button"):
        data = download_bytes(button, files)
        if data is None:
            view.notes.append(f"{name}: download '{button.proto.label}' not captured")
        elif button.proto.url.endswith(".csv"):
            frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
            view.add(frame_grid(frame, source="csv", title_of=title_of))
    for element in _prose_elements(at):
        view.add(prose_grid(str(element.value), title_of=title_of))
    return view
