"""Parse one CSV file's bytes into a frame of strings, reporting malformed input as problems.

Every value is kept as text (nothing is guessed); ``validate.py`` parses types.
The frame's index is the row number a person sees: header row 1, first data row 2.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from data_access.problems import Problem, ProblemLog

_BOM = b"\xef\xbb\xbf"


def parse_csv_bytes(raw: bytes, label: str, log: ProblemLog) -> pd.DataFrame | None:
    """Parse a CSV file's content into strings, with the header's names as they are written.

    Args:
        raw: the whole file.
        label: the file name used in problems (e.g. ``people.csv``).
        log: where malformed input is reported.

    Returns:
        The rows (index = row number, values trimmed), or None if the file cannot be read.
    """
    text = _decoded(raw, label, log)
    if text is None:
        return None
    try:
        header = next(csv.reader(io.StringIO(text)), [])
    except csv.Error as error:
        log.add(Problem(label, 1, None, None, f"the header row is not valid CSV ({error})"))
        return None
    if not any(name.strip() for name in header):
        log.add(Problem(label, 1, None, None, "the first row must be a header naming the columns"))
        return None
    separator = next((mark for mark in (";", "\t", "|") if len(header) == 1 and mark in header[0]), None)
    if separator is not None:
        log.add(Problem(label, 1, None, None, f"the header has no commas but is separated by {separator!r}: "
                                              "save the file as comma-separated CSV"))
        return None
    return _parsed(raw.removeprefix(_BOM), header, label, log)


def _decoded(raw: bytes, label: str, log: ProblemLog) -> str | None:
    if not raw.strip(b" \t\r\n" + _BOM):
        log.add(Problem(label, None, None, None, "the file is empty: it needs a header row and data rows"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        log.add(Problem(
            label, line, None, None,
            f"the file is not UTF-8 text (first invalid byte on line {line}); "
            "save it as 'CSV UTF-8'",
        ))
        return None
    if "\x00" in text:
        log.add(Problem(label, None, None, None, "the file holds binary data: it is not a CSV text file"))
        return None
    return text


def _parsed(raw: bytes, header: list[str], label: str, log: ProblemLog) -> pd.DataFrame | None:
    # Generated names keep duplicate or blank header names apart; the header
    # itself is read back as the first record so quoting rules match the data.
    names = [f"column_{position}" for position in range(len(header))]
    malformed: list[Problem] = []

    def note_malformed(row: pa_csv.InvalidRow) -> str:
        malformed.append(Problem(
            label, row.number, None, row.text,
            f"the row has {row.actual_columns} fields but the header has {row.expected_columns}",
        ))
        return "skip"

    try:
        table = pa_csv.read_csv(
            io.BytesIO(raw),
            read_options=pa_csv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pa_csv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=note_malformed
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException) as error:
        log.add(Problem(label, None, None, None, f"the file cannot be read as CSV ({error})"))
        return None
    for problem in malformed:
        log.add(problem)
    if malformed:
        return None
    rows = pd.DataFrame(
        {name: pc.utf8_trim_whitespace(table.column(name).slice(1)).to_pandas() for name in names}
    )
    rows.columns = header
    rows.index = pd.RangeIndex(2, len(rows) + 2)
    return rows
