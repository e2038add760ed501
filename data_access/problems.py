"""Problems found in a dataset, and the error that carries them to the user.

Row numbers are those a person sees in the file: the header is row 1, so the
first data row is row 2 (in a workbook, the sheet's own row number).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

#: How many problems the loader prints; the total is always reported.
MAX_PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class Problem:
    """One broken rule: where it is (file, row, column), the value found and the rule."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column {self.column}")
        if self.value is not None:
            place.append(f"value {_quote(self.value)}")
        return f"{', '.join(place)}: {self.rule}"


def _quote(value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "..."
    return repr(shown) if shown else "(empty)"


@dataclass
class ProblemLog:
    """Collects problems; keeps the first few of each kind and counts them all."""

    keep_per_rule: int = MAX_PROBLEMS_SHOWN
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[tuple[str, str | None, str]] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """How many problems were found, including those not kept."""
        return sum(self.counts.values())

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        kind = (problem.file, problem.column, problem.rule)
        if self.counts[kind] < self.keep_per_rule:
            self.problems.append(problem)
        self.counts[kind] += 1

    def add_rows(
        self,
        file: str,
        broken: pd.Series,
        column: str | None,
        rule: str,
        values: pd.Series | None,
        details: pd.Series | None = None,
    ) -> None:
        """Record one problem per row where ``broken`` is true.

        Args:
            file: the file's label as the user knows it (e.g. ``referrals.csv``).
            broken: boolean Series indexed by row number.
            column: the column the rule is about.
            rule: the rule broken, in words.
            values: the values to quote (same index), or None to quote none.
            details: per-row text appended to the rule in brackets (e.g. the
                other date compared); problems are still counted under ``rule``.
        """
        broken_count = int(broken.sum())
        if not broken_count:
            return
        kind = (file, column, rule)
        room = max(self.keep_per_rule - self.counts[kind], 0)
        for row in broken.index[broken.to_numpy()][:room]:
            value = None if values is None else str(values.at[row])
            detail = "" if details is None else f" ({details.at[row]})"
            self.problems.append(Problem(file, int(row), column, value, rule + detail))
        self.counts[kind] += broken_count

    def raise_if_any(self) -> None:
        """Raise ``DatasetInvalidError`` when any problem was recorded."""
        if self.counts:
            raise DatasetInvalidError(self.problems, total=self.total, counts=dict(self.counts))


class DatasetInvalidError(Exception):
    """The dataset breaks the data contract; nothing was written.

    Attributes:
        problems: the problems kept (the first few of each kind), in the order found.
        total: how many problems there are in all.
        counts: problems per (file, column, rule).
    """

    def __init__(
        self,
        problems: list[Problem],
        *,
        total: int | None = None,
        counts: dict[tuple[str, str | None, str], int] | None = None,
    ) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        self.counts = counts or dict(Counter((p.file, p.column, p.rule) for p in problems))
        super().__init__(self.report())

    def report(self, limit: int = MAX_PROBLEMS_SHOWN) -> str:
        """The problems as text: up to ``limit`` of them, then counts per rule when some are left out."""
        plural = "problem" if self.total == 1 else "problems"
        lines = [f"The dataset breaks the data contract: {self.total:,} {plural} found."]
        if any(problem.row is not None for problem in self.problems):
            lines.append("(Row numbers count the header as row 1: the first data row is row 2.)")
        lines.extend(f"  {problem}" for problem in self.problems[:limit])
        if self.total > min(limit, len(self.problems)):
            lines.append(f"Showing {min(limit, len(self.problems))} of {self.total:,}. Problems by rule:")
            for (file, column, rule), count in self.counts.items():
                where = f"{file}, column {column}" if column else file
                lines.append(f"  {count:>9,}  {where}: {rule}")
        return "\n".join(lines)
