"""Read a dataset workbook: one sheet per contract file, each with a header in row 1.

Cells become the text a CSV would hold: dates as YYYY-MM-DD (YYYY-MM in a
``month`` column, since Excel turns a typed "2024-03" into 1 March 2024),
whole numbers without a decimal point, empty cells as empty text.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from data_access.problems import Problem, ProblemLog


def read_workbook_sheets(
    path: Path, log: ProblemLog, wanted: set[str]
) -> tuple[dict[str, str], dict[str, pd.DataFrame]] | None:
    """The wanted sheets of the workbook as strings.

    Args:
        path: the ``.xlsx`` file.
        log: where an unreadable workbook or a malformed sheet is reported.
        wanted: sheet names (lower case) to read; other sheets are only listed.

    Returns:
        None if the workbook cannot be opened; otherwise every sheet's name
        (trimmed, lower case) -> label used in problems, and each wanted sheet's
        rows (indexed by sheet row number, header names as written).
    """
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        log.add(Problem(path.name, None, None, None, f"not a readable .xlsx workbook ({error})"))
        return None
    labels: dict[str, str] = {}
    sheets: dict[str, pd.DataFrame] = {}
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip().lower()
            labels[name] = f"{path.name}, sheet {sheet.title}"
            if name in wanted:
                rows = _sheet_rows(sheet.iter_rows(values_only=True), labels[name], log)
                if rows is not None:
                    sheets[name] = rows
    finally:
        workbook.close()
    return labels, sheets


def _sheet_rows(cells: object, label: str, log: ProblemLog) -> pd.DataFrame | None:
    iterator = iter(cells)  # type: ignore[call-overload]
    header_cells = next(iterator, None)
    header = [_text(value, month=False) for value in header_cells or ()]
    while header and not header[-1]:
        header.pop()
    if not header:
        log.add(Problem(label, 1, None, None, "the sheet is empty: row 1 must be a header naming the columns"))
        return None
    months = [name.strip().lower() == "month" for name in header]
    records: list[list[str]] = []
    for row_number, values in enumerate(iterator, start=2):
        extra = [value for value in values[len(header):] if _text(value, month=False)]
        if extra:
            log.add(Problem(
                label, row_number, None, None,
                f"the row has values beyond the last named column ({len(header)} columns)",
            ))
        record = [_text(value, month=month) for value, month in zip(values, months, strict=False)]
        records.append(record + [""] * (len(header) - len(record)))
    rows = pd.DataFrame(records, columns=range(len(header)), dtype="str")
    rows.columns = header
    rows.index = pd.RangeIndex(2, len(rows) + 2)
    return rows


def _text(value: object, *, month: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return value.isoformat(sep=" ")
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%Y-%m}" if month and value.day == 1 else value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
