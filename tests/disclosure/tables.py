"""A table as the user reads it (on the page, in a CSV download, in the pack) turned into a grid.

Columns of words name the rows (the first one is the row's name); every other
column is a column of figures whose kind comes from its heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from tests.disclosure.kinds import kind_of
from tests.disclosure.shown import PERCENT, read
from tests.disclosure.view import Grid

_FIGURE_TEXT: Final = re.compile(r"^(<5|[−-]?\d[\d,]*(\.\d+)?%?|–|-|—|suppressed|)$")


def _is_words(cells: Sequence[object]) -> bool:
    texts = [cell for cell in cells if cell is not None and str(cell).strip() not in ("", "nan", "None")]
    return bool(texts) and all(isinstance(cell, str) and not _FIGURE_TEXT.match(cell.strip()) for cell in texts)


def table_grid(headings: Sequence[str], rows: Sequence[Sequence[object]], *, source: str,
               title_of: Callable[[str], str] = lambda text: text) -> Grid:
    """A grid of a table given as headings and rows of cells (display text or raw values)."""
    columns = list(zip(*rows)) if rows else [() for _ in headings]
    names = [index for index, cells in enumerate(columns) if _is_words(cells)]
    grid = Grid(f"{source}: {title_of(' | '.join(str(heading) for heading in headings))}", [])
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows):
        key = str(row[names[0]]) if names else f"row {row_number + 1}"
        seen[key] = seen.get(key, 0) + 1
        key = key if seen[key] == 1 else f"{key} #{seen[key]}"
        for index, heading in enumerate(headings):
            if index in names:
                continue
            cell = row[index]
            text = str(cell).strip() if cell is not None else ""
            kind = PERCENT if text.endswith("%") else kind_of(str(heading))
            grid.add(str(heading), key, read(kind, cell))
    return grid
