"""The relations an attacker tries, and what it learns about them from the figures it sees.

Four families, each an identity between figures of one view:
(a) a column of counts adds up to a total shown elsewhere in the view;
(b) the change of a series between consecutive rows equals a signed sum of other series in that row;
(d) a signed sum of the counts in a row is zero (total − started − not started = 0);
(c) a count is a percentage of a count in the same row, or its complement.

Which figures stand in these relations is read off the figures, as an attacker
would: a relation is believed when it holds wherever all its figures are shown
(in the views studied so far and in the rest of the view attacked), at least
``MIN_SUPPORT`` times among figures large enough, and tightly enough, not to
agree by chance, and never fails. Grids are matched across views by title.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from tests.disclosure.shown import COUNT, PERCENT, Shown
from tests.disclosure.view import Grid, View

MIN_SUPPORT: Final = 2
#: A relation holding among small numbers, or only loosely, may be chance (rounding makes chance
#: likelier): it counts as support only where some figure in it is at least MIN_EVIDENCE and the
#: slack (rounding, "<5" taken as 1–4) is at most TIGHTNESS of it. A failure always counts.
MIN_EVIDENCE: Final = 20
TIGHTNESS: Final = 0.1
#: Row relations use at most this many figures (a change counts two: list now and list before), and at
#: most one change; a grid's first MAX_COLUMNS count columns are searched.
MAX_TERMS: Final = 5
MAX_COLUMNS: Final = 8
#: A term is (column, lag): the figure in that column, in the row or (lag 1) the row before.
Term = tuple[str, int]
#: Where a figure is: (grid title, column, row) and the figure.
Place = tuple[str, str, str, Shown]
_TOTAL_ROW: Final = re.compile(r"^(overall|total|all\b|england and wales)", re.IGNORECASE)
#: A row relation: signed terms that add up to zero.
RowRelation = tuple[tuple[int, Term], ...]


@dataclass(frozen=True)
class Total:
    """Family (a): the figures of ``column`` in grid ``grid`` add up to the figure at ``total``."""

    grid: str
    column: str
    total: tuple[str, str, str]  # (grid title, column, row) of the total


@dataclass(frozen=True)
class Share:
    """Family (c): in grid ``grid``, ``part`` = ``percent`` % of ``whole`` (or the rest of it, ``complement``)."""

    grid: str
    percent: str
    whole: str
    part: str
    complement: bool


def _shown(figure: Shown | None) -> bool:
    return figure is not None and not figure.suppressed


def count_columns(grid: Grid) -> list[str]:
    return [name for name, cells in grid.columns.items() if any(c is not None and c.kind == COUNT for c in cells)]


def percent_columns(grid: Grid) -> list[str]:
    return [name for name, cells in grid.columns.items() if any(c is not None and c.kind == PERCENT for c in cells)]


def row_relations(grid: Grid) -> Iterator[RowRelation]:
    """Signed sums of up to MAX_TERMS figures of a row; in a time series, also a column's change."""
    columns = count_columns(grid)[:MAX_COLUMNS]
    units: list[tuple[Term, ...]] = [((column, 0),) for column in columns]
    if grid.months() is not None:
        units += [((column, 0), (column, 1)) for column in columns]  # a change: this row less the last
    for size in range(1, MAX_TERMS + 1):
        for chosen in itertools.combinations(units, size):
            used = [term[0] for unit in chosen for term in unit]
            changes = sum(1 for unit in chosen if len(unit) == 2)
            if len(used) > MAX_TERMS or len(used) < 2 or len(set(used)) < len(chosen) or changes > 1:
                continue
            for signs in itertools.product((1, -1), repeat=size - 1):
                relation: list[tuple[int, Term]] = []
                for sign, unit in zip((1, *signs), chosen):
                    relation += [(sign if lag == 0 else -sign, (column, lag)) for column, lag in unit]
                yield tuple(relation)


def interval_sum(terms: list[tuple[float, Shown]]) -> tuple[float, float]:
    """The interval of Σ sign × figure."""
    low = sum(sign * (figure.low if sign > 0 else figure.high) for sign, figure in terms)
    high = sum(sign * (figure.high if sign > 0 else figure.low) for sign, figure in terms)
    return low, high


def row_terms(grid: Grid, relation: RowRelation, row: int) -> list[tuple[int, Shown | None]] | None:
    if any(row - lag < 0 for _, (_, lag) in relation):
        return None
    return [(sign, grid.cell(column, row - lag)) for sign, (column, lag) in relation]


class Book:
    """What the attacker has seen of each relation: how often it held, and how often it failed."""

    def __init__(self) -> None:
        self.seen: dict[object, list[int]] = defaultdict(lambda: [0, 0])

    def believed(self, key: object, *others: Book) -> bool:
        held = self.seen.get(key, [0, 0])[0] + sum(other.seen.get(key, [0, 0])[0] for other in others)
        failed = self.seen.get(key, [0, 0])[1] + sum(other.seen.get(key, [0, 0])[1] for other in others)
        return held >= MIN_SUPPORT and failed == 0

    def note(self, key: object, held: bool, *, largest: float) -> None:
        if not held:
            self.seen[key][1] += 1
        elif largest >= MIN_EVIDENCE:
            self.seen[key][0] += 1

    def study(self, view: View) -> None:
        """Learn from every place in ``view`` where all the figures of a relation are shown."""
        totals = total_candidates(view)
        for grid in view.grids:
            self._study_rows(grid)
            self._study_shares(grid)
            self._study_totals(grid, totals)

    def _study_rows(self, grid: Grid) -> None:
        figures = _Figures(grid)
        for relation in row_relations(grid):
            held, failed = figures.evidence(relation)
            if held or failed:
                self.seen[(grid.title, relation)][0] += held
                self.seen[(grid.title, relation)][1] += failed

    def _study_shares(self, grid: Grid) -> None:
        counts = count_columns(grid)
        for percent, whole, part in itertools.product(percent_columns(grid), counts, counts):
            if whole == part:
                continue
            for row in range(len(grid.rows)):
                figures = [grid.cell(name, row) for name in (percent, whole, part)]
                if not all(_shown(figure) for figure in figures) or figures[2].low < 1:  # type: ignore[union-attr]
                    continue
                for complement in (False, True):
                    low, high = share_interval(figures[0], figures[1], complement=complement)  # type: ignore[arg-type]
                    held = low <= figures[2].high + 1e-9 and high >= figures[2].low - 1e-9  # type: ignore[union-attr]
                    self.note(Share(grid.title, percent, whole, part, complement), held,
                              largest=figures[1].low)  # type: ignore[union-attr]

    def _study_totals(self, grid: Grid, totals: list[Place]) -> None:
        for column in count_columns(grid):
            cells = grid.columns[column]
            if len(cells) < 2 or any(figure is None for figure in cells):
                continue
            low, high = interval_sum([(1, figure) for figure in cells])  # type: ignore[misc]
            own = [(grid.title, column, row, figure) for row, figure in zip(grid.rows, cells)]
            for title, total_column, total_row, total in totals + own:  # type: ignore[operator]
                if total.suppressed or total.low < 1:
                    continue
                left_out = total if (title, total_column) == (grid.title, column) else None
                parts_low = low - (left_out.low if left_out else 0)
                parts_high = high - (left_out.high if left_out else 0)
                held = parts_low <= total.high and parts_high >= total.low
                slack = parts_high - parts_low + total.high - total.low
                self.note(Total(grid.title, column, (title, total_column, total_row)), held,
                          largest=total.low if slack <= TIGHTNESS * total.low else 0)


def total_candidates(view: View) -> list[Place]:
    """Figures that could be the total of a column elsewhere in the view: headline figures, figures in
    sentences and one-row tables, and rows named as totals ("Overall", "Total", "All …", "England and
    Wales"). A column's own cells are tried as its total too (see ``Book._study_totals``)."""
    found = []
    for grid in view.grids:
        for column, row, figure in grid.figures():
            if figure.kind == COUNT and not figure.suppressed and (len(grid.rows) == 1 or _TOTAL_ROW.match(row)):
                found.append((grid.title, column, row, figure))
    return found


class _Figures:
    """A grid's count columns as arrays (low, high, present), to test row relations on every row at once."""

    def __init__(self, grid: Grid) -> None:
        self.index = {column: number for number, column in enumerate(count_columns(grid))}
        shape = (len(self.index), len(grid.rows))
        self.low, self.high = np.zeros(shape), np.zeros(shape)
        self.shown = np.zeros(shape, dtype=bool)  # shown or "<5": anything but missing
        for column, number in self.index.items():
            for row, figure in enumerate(grid.columns[column]):
                if figure is not None:
                    self.low[number, row], self.high[number, row] = figure.low, figure.high
                    self.shown[number, row] = True

    def evidence(self, relation: RowRelation) -> tuple[int, int]:
        """(rows where the relation holds, telling, and rows where it fails, "<5" taken as 1–4)."""
        lags = max(lag for _, (_, lag) in relation)
        rows = self.low.shape[1] - lags
        if rows <= 0:
            return 0, 0
        low, high = np.zeros(rows), np.zeros(rows)
        shown, zero, largest = np.ones(rows, dtype=bool), np.ones(rows, dtype=bool), np.zeros(rows)
        for sign, (column, lag) in relation:
            span = slice(lags - lag, lags - lag + rows)
            term_low, term_high = self.low[self.index[column], span], self.high[self.index[column], span]
            low += term_low if sign > 0 else -term_high
            high += term_high if sign > 0 else -term_low
            shown &= self.shown[self.index[column], span]
            zero &= term_high == 0
            largest = np.maximum(largest, term_low)
        holds = (low <= 1e-9) & (high >= -1e-9)
        useful = shown & ~zero
        telling = (largest >= MIN_EVIDENCE) & (high - low <= TIGHTNESS * largest)
        return int((useful & holds & telling).sum()), int((useful & ~holds).sum())


def share_interval(percent: Shown, whole: Shown, *, complement: bool) -> tuple[float, float]:
    """The count that is ``percent`` % of ``whole`` (or the rest of ``whole``)."""
    low_pct, high_pct = max(percent.low, 0.0), min(percent.high, 100.0)
    if complement:
        return (100 - high_pct) * whole.low / 100, (100 - low_pct) * whole.high / 100
    return low_pct * whole.low / 100, high_pct * whole.high / 100


@dataclass
class Study:
    """What the attacker learned before the sweep, and the views it learned from (attacked too)."""

    book: Book = field(default_factory=Book)
    views: dict[str, list[View]] = field(default_factory=dict)
