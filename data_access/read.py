"""Read a dataset (a folder of CSV files or one .xlsx workbook) as frames of strings.

Column names are matched case-insensitively after trimming; columns outside
the contract are dropped with a warning; completely blank rows are skipped.
Anything that stops a file being read (encoding, missing file or column, empty
file, size limit) is collected as a ``Problem`` and raised together as
``DatasetInvalidError``: values are only checked once every file can be read.

``open_dataset`` checks every file's text and header but leaves the rows of CSV
files on disk, to be read batch by batch as they are validated and written (a
large dataset never sits in memory whole); ``read_dataset`` reads every row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data_access.contract import FILES, FILES_BY_NAME, FileSpec
from data_access.problems import Problem, ProblemLog
from data_access.read_columns import blank_rows, contract_columns, contract_positions
from data_access.read_text import CsvFile, open_csv
from data_access.read_xlsx import read_workbook_sheets

#: A file (any extension) or sheet with this name marks a dataset as synthetic.
SYNTHETIC_MARKER = "synthetic"

#: Largest CSV file the loader reads, in megabytes; override with the DATASET_MAX_FILE_MB
#: environment variable or ``--max-file-mb``. CSV files are read in blocks, so this guards
#: against a wrong file rather than memory: 2 GB holds about 20,000,000 referrals.
MAX_FILE_MB = 2048
#: The same for a workbook, which is read whole (and holds at most a million rows a sheet).
MAX_WORKBOOK_MB = 512


@dataclass
class RawDataset:
    """A dataset as read: contract columns as trimmed strings, indexed by row number.

    Attributes:
        frames: file name without extension (``referrals``) -> rows held in memory;
            optional files that are absent are left out.
        labels: file name -> how problems name it (``referrals.csv``).
        source: where the dataset came from.
        warnings: things ignored on the way (unknown columns or files).
        synthetic: whether the dataset carries the SYNTHETIC marker (a file
            named SYNTHETIC in the folder, or a sheet named SYNTHETIC).
        files: file name -> a CSV file whose rows stay on disk until ``batches``
            reads them, with the header position of each contract column (None:
            an optional column the file leaves out).
    """

    frames: dict[str, pd.DataFrame]
    labels: dict[str, str]
    source: str
    warnings: list[str] = field(default_factory=list)
    synthetic: bool = False
    files: dict[str, tuple[CsvFile, dict[str, int | None]]] = field(default_factory=dict)

    def names(self) -> list[str]:
        """The files present, in contract order."""
        return [spec.name for spec in FILES if spec.name in self.frames or spec.name in self.files]

    def batches(self, name: str, log: ProblemLog, rows: int) -> Iterator[pd.DataFrame]:
        """A file's contract columns in batches of about ``rows`` rows, blank rows left out.

        Problems that stop a file on disk being read (rows with the wrong number of
        fields) go to ``log``; no batch follows the first.
        """
        if name in self.frames:
            frame = self.frames[name]
            for start in range(0, len(frame), rows):
                yield frame.iloc[start:start + rows]
            return
        csv_file, positions = self.files[name]
        present = {column: position for column, position in positions.items() if position is not None}
        for batch in csv_file.batches(log, present):
            for column, position in positions.items():
                if position is None:
                    batch[column] = pd.Series("", index=batch.index, dtype="str")
            batch = batch.loc[:, list(positions)]
            blank = blank_rows(batch)
            yield batch.loc[~blank] if blank.any() else batch


def max_file_bytes(max_file_mb: float | None = None, *, default_mb: float = MAX_FILE_MB) -> int:
    """The size limit in bytes: the argument, else DATASET_MAX_FILE_MB, else ``default_mb``."""
    megabytes = max_file_mb if max_file_mb is not None else float(
        os.environ.get("DATASET_MAX_FILE_MB") or default_mb
    )
    return int(megabytes * 1024 * 1024)


def open_dataset(path: str | Path, *, max_file_mb: float | None = None) -> RawDataset:
    """Open a dataset folder or workbook: every file's text and header checked, CSV rows left on disk.

    Raises:
        DatasetInvalidError: if the path or any file cannot be read as the contract requires.
    """
    path = Path(path)
    log = ProblemLog()
    if path.is_dir():
        raw = _open_folder(path, log, max_file_bytes(max_file_mb))
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        raw = _read_workbook(path, log, max_file_bytes(max_file_mb, default_mb=MAX_WORKBOOK_MB))
    else:
        reason = "does not exist" if not path.exists() else "is neither a folder nor an .xlsx workbook"
        log.add(Problem(str(path), None, None, None,
                        f"the dataset {reason}: give a folder of CSV files or one .xlsx workbook"))
        raw = RawDataset({}, {}, str(path))
    log.raise_if_any()
    return raw


def read_dataset(path: str | Path, *, max_file_mb: float | None = None) -> RawDataset:
    """Read a dataset folder or workbook with every row in memory (``open_dataset`` reads them later).

    Raises:
        DatasetInvalidError: if the path or any file cannot be read as the contract requires.
    """
    raw = open_dataset(path, max_file_mb=max_file_mb)
    log = ProblemLog()
    for name in list(raw.files):
        problems_before = log.total
        batches = list(raw.batches(name, log, 1_000_000))
        if log.total > problems_before:
            continue
        rows = pd.concat(batches) if batches else _no_rows(FILES_BY_NAME[name])
        if rows.empty and FILES_BY_NAME[name].required:
            log.add(no_data_rows(raw.labels[name]))
        else:
            raw.frames[name] = rows
    raw.files.clear()
    log.raise_if_any()
    return raw


def no_data_rows(label: str) -> Problem:
    """The problem of a required file with a header but no data rows."""
    return Problem(label, None, None, None, "the file has a header but no data rows")


def _no_rows(spec: FileSpec) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype="str") for name in spec.column_names})


def _too_big(path: Path, label: str, limit: int, log: ProblemLog) -> bool:
    size = path.stat().st_size
    if size <= limit:
        return False
    log.add(Problem(label, None, None, None,
                    f"the file is {size / 2**20:,.1f} MB, over the {limit / 2**20:,.0f} MB limit "
                    "(raise it with --max-file-mb or DATASET_MAX_FILE_MB)"))
    return True


def _open_folder(folder: Path, log: ProblemLog, limit: int) -> RawDataset:
    raw = RawDataset({}, {}, str(folder.resolve()))
    files = {item.name.strip().lower(): item for item in folder.iterdir() if item.is_file()}
    raw.synthetic = any(name.split(".")[0] == SYNTHETIC_MARKER for name in files)
    known = {spec.file_name for spec in FILES}
    for name in sorted(set(files) - known):
        if name.endswith(".csv"):
            raw.warnings.append(f"{files[name].name} is not part of the data contract and was ignored.")
    for spec in FILES:
        found = files.get(spec.file_name)
        if found is None:
            if spec.required:
                others = sorted(item.name for key, item in files.items() if key.startswith(f"{spec.name}."))
                hint = f" (found {', '.join(others)}: files must be CSV)" if others else ""
                log.add(Problem(spec.file_name, None, None, None, f"required file is missing{hint}"))
            continue
        if _too_big(found, found.name, limit, log):
            continue
        try:
            csv_file = open_csv(found, found.name, log)
        except OSError as error:
            log.add(Problem(found.name, None, None, None, f"the file cannot be opened ({error.strerror})"))
            continue
        if csv_file is None:
            continue
        positions = contract_positions(list(csv_file.header), spec, found.name, log, raw.warnings)
        if positions is not None:
            raw.files[spec.name] = (csv_file, positions)
            raw.labels[spec.name] = found.name
    return raw


def _read_workbook(path: Path, log: ProblemLog, limit: int) -> RawDataset:
    raw = RawDataset({}, {}, str(path.resolve()))
    if _too_big(path, path.name, limit, log):
        return raw
    workbook = read_workbook_sheets(path, log, set(FILES_BY_NAME))
    if workbook is None:
        return raw
    labels, sheets = workbook
    raw.synthetic = SYNTHETIC_MARKER in labels
    for name in sorted(set(labels) - set(FILES_BY_NAME) - {SYNTHETIC_MARKER}):
        raw.warnings.append(f"{labels[name]} is not part of the data contract and was ignored.")
    for spec in FILES:
        if spec.name in sheets:
            keep_file(raw, spec, labels[spec.name], sheets[spec.name], log)
        elif spec.required and spec.name not in labels:
            log.add(Problem(f"{path.name}, sheet {spec.name}", None, None, None, "required sheet is missing"))
    return raw


def keep_file(raw: RawDataset, spec: FileSpec, label: str, rows: pd.DataFrame, log: ProblemLog) -> None:
    """Add a file held in memory to ``raw`` (its contract columns), or report why it cannot be used."""
    contract_rows = contract_columns(rows, spec, label, log, raw.warnings)
    if contract_rows is None:
        return
    if spec.required and contract_rows.empty:
        log.add(no_data_rows(label))
        return
    raw.frames[spec.name] = contract_rows
    raw.labels[spec.name] = label
