"""A view: every figure one page (or one section of the meeting pack) shows for one scope, as grids.

A grid is anything with rows and columns of figures: a table, a CSV download, a
chart (rows are its points, columns its traces and hover fields), the headline
figures (one row), a sentence of prose (one row). ``title`` names a grid the same
way in every scope, so that what an attacker learns about it in one scope
(which columns add up) applies in another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tests.disclosure.shown import Shown

_MONTH = re.compile(r"^(\d{4}-\d{2})(-\d{2})?$|^([A-Z][a-z]{2} \d{4})$")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class Grid:
    """Figures by row and column; a missing figure (nothing shown) is None."""

    title: str
    rows: list[str]
    columns: dict[str, list[Shown | None]] = field(default_factory=dict)

    def add(self, column: str, row: str, figure: Shown | None) -> None:
        """Put ``figure`` at (row, column), adding the row or column when new."""
        if row not in self.rows:
            self.rows.append(row)
            for cells in self.columns.values():
                cells.append(None)
        cells = self.columns.setdefault(column, [None] * len(self.rows))
        cells[self.rows.index(row)] = figure

    def in_date_order(self) -> None:
        """Rows that are all ISO dates put in date order: a row first met in a later trace (a month whose
        line point is a gap) is appended last, and a series read out of order pairs the wrong months."""
        if not self.rows or not all(_ISO_DATE.match(row) for row in self.rows):
            return
        order = sorted(range(len(self.rows)), key=lambda index: self.rows[index])
        self.rows = [self.rows[index] for index in order]
        self.columns = {name: [cells[index] for index in order] for name, cells in self.columns.items()}

    def cell(self, column: str, row_index: int) -> Shown | None:
        return self.columns[column][row_index]

    def months(self) -> list[dt.date] | None:
        """The rows as dates when every row is a month or a day (a series in time order), else None."""
        days = []
        for row in self.rows:
            match = _MONTH.match(row.strip())
            if not match:
                return None
            text = match.group(1) or match.group(3)
            days.append(dt.datetime.strptime(text, "%Y-%m" if match.group(1) else "%b %Y").date())
        return days if len(days) >= 2 else None

    def figures(self) -> list[tuple[str, str, Shown]]:
        """Every figure shown, as (column, row, figure)."""
        return [(column, self.rows[index], figure) for column, cells in self.columns.items()
                for index, figure in enumerate(cells) if figure is not None]


@dataclass
class View:
    """Everything one page or pack section shows for one scope."""

    name: str
    grids: list[Grid] = field(default_factory=list)
    #: Problems met while collecting (a page that raised, a chart that could not be read).
    notes: list[str] = field(default_factory=list)

    def add(self, grid: Grid) -> None:
        if grid.columns and grid.rows:
            self.grids.append(grid)
