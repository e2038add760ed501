"""Match a file's header to the contract: where each contract column is, and which rows are blank.

Column names are matched case-insensitively after trimming; columns outside the
contract are dropped with a warning; an optional column left out is filled with
empty text; duplicate or missing required columns are problems.
"""

from __future__ import annotations

import pandas as pd

from data_access.contract import FileSpec
from data_access.problems import Problem, ProblemLog


def contract_positions(
    header: list[str], spec: FileSpec, label: str, log: ProblemLog, warnings: list[str]
) -> dict[str, int | None] | None:
    """Where each contract column is in ``header`` (None: an optional column left out).

    Unknown columns are noted in ``warnings``; duplicate or missing required columns
    are reported to ``log`` (and None is returned).
    """
    names = [str(name).strip().lower() for name in header]
    duplicates = sorted({name for name in spec.column_names if names.count(name) > 1})
    for name in duplicates:
        log.add(Problem(label, 1, name, None, "the column appears more than once in the header"))
    unknown = [name or "(unnamed)" for name in names if name not in spec.column_names]
    if unknown:
        warnings.append(f"{label}: column(s) {', '.join(unknown)} are not part of the data contract "
                        "and were ignored.")
    missing = [column for column in spec.columns if column.name not in names]
    for column in missing:
        if not column.column_optional:
            log.add(Problem(label, 1, column.name, None, "required column is missing from the header"))
    if duplicates or any(not column.column_optional for column in missing):
        return None
    return {name: names.index(name) if name in names else None for name in spec.column_names}


def contract_columns(
    rows: pd.DataFrame, spec: FileSpec, label: str, log: ProblemLog, warnings: list[str]
) -> pd.DataFrame | None:
    """The contract's columns of ``rows`` (names normalised), without blank rows.

    Missing optional columns are added empty; unknown columns are dropped with a
    warning; duplicate or missing required columns are reported to ``log``.
    """
    positions = contract_positions(list(rows.columns), spec, label, log, warnings)
    if positions is None:
        return None
    kept = pd.DataFrame(
        {name: rows.iloc[:, position] if position is not None else pd.Series("", index=rows.index, dtype="str")
         for name, position in positions.items()},
        index=rows.index,
    )
    return kept.loc[~blank_rows(kept)]


def blank_rows(rows: pd.DataFrame) -> pd.Series:
    """Rows whose every column is empty (skipped, as blank lines are)."""
    if rows.empty:
        return pd.Series(False, index=rows.index)
    blank = rows.iloc[:, 0] == ""
    for column in rows.columns[1:]:
        if not blank.any():
            break
        blank &= rows[column] == ""
    return blank
