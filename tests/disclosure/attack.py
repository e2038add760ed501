"""The attacker: every suppressed count in a view, tried against every relation it believes,
and every figure checked against the policy's primary rules.

A derivation is a leak when it leaves exactly one whole number from 1 to 4 for
the suppressed count. Shown counts stand for the interval the policy allows
(``shown.py``), other suppressed counts in the same relation for 1–4, and
percentages for their printed precision, so a leak is a certainty, not a guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from tests.disclosure.policy import MIN_DENOMINATOR, ROUND_TO, SMALL_HIGH, SMALL_LOW
from tests.disclosure.relations import (
    Book,
    Place,
    Share,
    Total,
    count_columns,
    interval_sum,
    percent_columns,
    row_relations,
    row_terms,
    share_interval,
    total_candidates,
)
from tests.disclosure.shown import COUNT, small_integers
from tests.disclosure.view import Grid, View

SMALL_SHOWN: Final = "count of 1–4 shown"
UNROUNDED: Final = "count not rounded to a multiple of 5"
TOTAL: Final = "(a) total minus its parts"
SERIES: Final = "(b) change of a series"
SHARE: Final = "(c) percentage × denominator"
COMPLEMENT: Final = "(d) complement"
SMALL_BASE: Final = "percentage on a denominator under 10"
#: Long grid titles (a table's every heading) are cut to this length in messages.
_TITLE_CHARS: Final = 70


@dataclass(frozen=True)
class Leak:
    kind: str
    view: str
    grid: str
    column: str
    row: str
    detail: str

    def __str__(self) -> str:
        grid = self.grid if len(self.grid) <= _TITLE_CHARS else f"{self.grid[:_TITLE_CHARS]}…"
        return f"[{self.kind}] {self.view} › {grid} › {self.column} › {self.row}: {self.detail}"


@dataclass
class Outcome:
    """What an attack on one view found: its leaks, and how many suppressed counts it tried."""

    leaks: list[Leak] = field(default_factory=list)
    attacked: int = 0

    def by_kind(self) -> Counter[str]:
        return Counter(leak.kind for leak in self.leaks)


def primary_leaks(view: View) -> list[Leak]:
    """Counts shown that the policy forbids: 1–4 as a number, or a count not rounded to 5."""
    found = []
    for grid in view.grids:
        for column, row, figure in grid.figures():
            if figure.kind != COUNT or figure.suppressed or not figure.plain:
                continue
            value = figure.low if figure.low == figure.high else None
            if value is not None and SMALL_LOW <= value <= SMALL_HIGH:
                found.append(Leak(SMALL_SHOWN, view.name, grid.title, column, row, f"shows {figure.text}"))
            elif value is not None and value > SMALL_HIGH and value % ROUND_TO:
                found.append(Leak(UNROUNDED, view.name, grid.title, column, row, f"shows {figure.text}"))
    return found


def _pinned(low: float, high: float) -> int | None:
    values = small_integers(low, high)
    return values[0] if len(values) == 1 else None


def _row_leaks(view: View, grid: Grid, book: Book, own: Book) -> list[Leak]:
    found = []
    for relation in row_relations(grid):
        if not any(figure is not None and figure.suppressed for _, (column, _) in relation
                   for figure in grid.columns[column]) or not book.believed((grid.title, relation), own):
            continue
        kind = SERIES if any(lag for _, (_, lag) in relation) else COMPLEMENT
        for row in range(len(grid.rows)):
            terms = row_terms(grid, relation, row)
            if terms is None or any(figure is None for _, figure in terms):
                continue
            for target, (sign, figure) in enumerate(terms):
                if not figure.suppressed:  # type: ignore[union-attr]
                    continue
                others = [(-s * sign, f) for i, (s, f) in enumerate(terms) if i != target]
                value = _pinned(*interval_sum(others))  # type: ignore[arg-type]
                if value is not None:
                    column, lag = relation[target][1]
                    written = " ".join(f"{'+' if s > 0 else '−'} {c}{'[t−1]' if back else ''}" for s, (c, back) in relation)
                    found.append(Leak(kind, view.name, grid.title, column, grid.rows[row - lag],
                                      f"= {value}, from 0 = {written}"))
    return found


def _share_leaks(view: View, grid: Grid, book: Book, own: Book) -> list[Leak]:
    found = []
    counts = count_columns(grid)
    for percent in percent_columns(grid):
        for whole in counts:
            for part in counts:
                if part == whole:
                    continue
                for complement in (False, True):
                    if book.believed(Share(grid.title, percent, whole, part, complement), own):
                        found += _share_rows(view, grid, percent, whole, part, complement)
    return found


def _share_rows(view: View, grid: Grid, percent: str, whole: str, part: str, complement: bool) -> list[Leak]:
    found = []
    for row in range(len(grid.rows)):
        rate, base, piece = (grid.cell(name, row) for name in (percent, whole, part))
        if rate is None or base is None:
            continue
        if base.high < MIN_DENOMINATOR:
            found.append(Leak(SMALL_BASE, view.name, grid.title, percent, grid.rows[row],
                              f"{rate.text} shown on {whole} = {base.text}"))
        if piece is not None and piece.suppressed:
            value = _pinned(*share_interval(rate, base, complement=complement))
            if value is not None:
                kind = COMPLEMENT if complement else SHARE
                relation = f"{'100 − ' if complement else ''}{percent} {rate.text} × {whole} {base.text}"
                found.append(Leak(kind, view.name, grid.title, part, grid.rows[row], f"= {value}, from {relation}"))
    return found


def _total_leaks(view: View, grid: Grid, book: Book, own: Book, totals: list[Place]) -> list[Leak]:
    found = []
    for column in count_columns(grid):
        cells = grid.columns[column]
        if not any(figure is not None and figure.suppressed for figure in cells) or any(f is None for f in cells):
            continue
        places = totals + [(grid.title, column, row, figure) for row, figure in zip(grid.rows, cells)]  # type: ignore[operator]
        for title, total_column, total_row, total in places:
            if total.suppressed or not book.believed(Total(grid.title, column, (title, total_column, total_row)), own):
                continue
            parts = [(index, figure) for index, (row, figure) in enumerate(zip(grid.rows, cells))
                     if (grid.title, column, row) != (title, total_column, total_row)]
            for target, figure in parts:
                if not figure.suppressed:  # type: ignore[union-attr]
                    continue
                others = [(-1, f) for i, f in parts if i != target] + [(1, total)]
                value = _pinned(*interval_sum(others))  # type: ignore[arg-type]
                if value is not None:
                    found.append(Leak(TOTAL, view.name, grid.title, column, grid.rows[target],
                                      f"= {value}, from {total_column} {total.text} ({title}) less the rest of the column"))
    return found


def attack(view: View, book: Book) -> Outcome:
    """Every leak in ``view``, using what ``book`` learned elsewhere and what the view itself shows."""
    own = Book()
    own.study(view)
    totals = total_candidates(view)
    outcome = Outcome(primary_leaks(view))
    for grid in view.grids:
        outcome.attacked += sum(1 for _, _, figure in grid.figures() if figure.suppressed)
        outcome.leaks += _row_leaks(view, grid, book, own)
        outcome.leaks += _share_leaks(view, grid, book, own)
        outcome.leaks += _total_leaks(view, grid, book, own, totals)
    unique = {(leak.kind, leak.grid, leak.column, leak.row): leak for leak in outcome.leaks}
    outcome.leaks = list(unique.values())
    return outcome
