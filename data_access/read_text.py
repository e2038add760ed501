"""Read one CSV file in batches of rows, so that a file of any size is checked in bounded memory.

``open_csv`` checks the whole file's text first (UTF-8, no binary data, not empty)
and reads its header, streaming the bytes block by block; ``CsvFile.batches`` then
parses it with pyarrow's streaming reader. Every value is kept as text (nothing is
guessed; ``validate.py`` parses types). Each batch is indexed by the row number a
person sees: header row 1, first data row 2.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from data_access.problems import Problem, ProblemLog

_BOM = b"\xef\xbb\xbf"
#: Bytes parsed per batch: about 180,000 referrals or 400,000 need records.
BLOCK_BYTES = 16 * 2**20


@dataclass(frozen=True)
class CsvFile:
    """A CSV file whose text and header have been checked; its rows are read on demand.

    Attributes:
        path: the file.
        label: its name in problems (e.g. ``people.csv``).
        header: the header's names as written.
    """

    path: Path
    label: str
    header: tuple[str, ...]

    def batches(self, log: ProblemLog, columns: dict[str, int]) -> Iterator[pd.DataFrame]:
        """The rows, batch by batch: for each name in ``columns``, the values at that header position, trimmed.

        Rows with the wrong number of fields are reported to ``log``; once one is
        found no more batches are yielded (the file is unusable), but the rest of the
        file is still read so that every such row is reported.
        """
        names = [f"column_{position}" for position in range(len(self.header))]
        malformed: list[Problem] = []

        def note_malformed(row: pa_csv.InvalidRow) -> str:
            malformed.append(Problem(
                self.label, row.number, None, row.text,
                f"the row has {row.actual_columns} fields but the header has {row.expected_columns}",
            ))
            return "skip"

        next_row = 1  # the header is read back as the first record, so quoting rules match the data
        try:
            with pa.OSFile(str(self.path)) as stream:
                if stream.read(len(_BOM)) != _BOM:
                    stream.seek(0)
                for batch in pa_csv.open_csv(stream, **_options(names, note_malformed)):
                    first = 1 if next_row == 1 else 0
                    rows = batch.num_rows - first
                    if not malformed and rows > 0:
                        yield pd.DataFrame(
                            {name: _trimmed(batch.column(position).slice(first))
                             for name, position in columns.items()},
                        ).set_axis(pd.RangeIndex(next_row + first, next_row + first + rows))
                    next_row += batch.num_rows
        except (pa.ArrowInvalid, pa.ArrowException, OSError) as error:
            log.add(Problem(self.label, None, None, None, f"the file cannot be read as CSV ({error})"))
        for problem in malformed:
            log.add(problem)


def _options(names: list[str], on_invalid: object) -> dict[str, object]:
    return {
        "read_options": pa_csv.ReadOptions(column_names=names, use_threads=False, block_size=BLOCK_BYTES),
        "parse_options": pa_csv.ParseOptions(
            newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid
        ),
        "convert_options": pa_csv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.large_string()),  # pandas' own string layout: no copy
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _trimmed(values: pa.Array) -> pd.Series:
    # Trimming ASCII is several times faster; it is the same trim when every value is ASCII.
    ascii_only = pc.all(pc.string_is_ascii(values)).as_py() is not False
    trimmed = pc.ascii_trim_whitespace(values) if ascii_only else pc.utf8_trim_whitespace(values)
    return trimmed.to_pandas()


def open_csv(path: Path, label: str, log: ProblemLog) -> CsvFile | None:
    """Check a CSV file's text and header without keeping its content in memory.

    Returns:
        The file ready to be read, or None (with the reason in ``log``) if it cannot be.
    """
    first_block = _checked_text(path, label, log)
    if first_block is None:
        return None
    try:
        header = next(csv.reader(io.StringIO(first_block)), [])
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
    return CsvFile(path, label, tuple(header))


def _checked_text(path: Path, label: str, log: ProblemLog) -> str | None:
    """The first block of the file as text, once the whole file is known to be non-empty UTF-8 text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    first_text: str | None = None
    lines_before, has_content, has_zero = 0, False, False
    with path.open("rb") as handle:
        while block := handle.read(BLOCK_BYTES):
            if first_text is None:
                block = block.removeprefix(_BOM)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as error:
                line = lines_before + (pending + block).count(b"\n", 0, error.start) + 1
                log.add(Problem(label, line, None, None,
                                f"the file is not UTF-8 text (first invalid byte on line {line}); "
                                "save it as 'CSV UTF-8'"))
                return None
            first_text = text if first_text is None else first_text
            lines_before += block.count(b"\n")
            has_content = has_content or bool(block.strip(b" \t\r\n"))
            has_zero = has_zero or b"\x00" in block
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        log.add(Problem(label, lines_before + 1, None, None,
                        f"the file is not UTF-8 text (first invalid byte on line {lines_before + 1}); "
                        "save it as 'CSV UTF-8'"))
        return None
    if not has_content:
        log.add(Problem(label, None, None, None, "the file is empty: it needs a header row and data rows"))
        return None
    if has_zero:
        log.add(Problem(label, None, None, None, "the file holds binary data: it is not a CSV text file"))
        return None
    return first_text or ""
