"""Load a dataset uploaded in the browser: the contract's CSV files, one .xlsx workbook or one .zip of CSVs.

The upload is checked as a whole before anything is read as data, then staged in a private
temporary folder under safe names of our own and handed to the same loader as the command line
(``load.load_dataset``: the same validator, all or nothing, replacing the loaded dataset). A
problem with the upload itself is a ``Problem`` like any other, so the page reports it in the
same table (file, row, column, value, rule), and nothing is written.

Refused before any data is read: an empty upload or an empty file; more than the size limit in
all; a mix of kinds (CSV files with a workbook or a zip, or several workbooks or zips); a file
name that is not part of the contract, or the same file twice (names compared ignoring case);
a zip entry with an absolute path or a ".." part; a zip that holds more files, or would unpack
to more bytes, than the caps (a zip bomb), or whose entries are encrypted. A workbook is a zip
too, and gets the same unpacked-size cap. One upload loads at a time per database: a second
one is refused while the first runs (``UploadBusyError``).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from data_access.bulk import ProgressCallback
from data_access.contract import FILES
from data_access.load import load_dataset
from data_access.load_report import LoadSummary
from data_access.load_write import LoadError
from data_access.problems import DatasetInvalidError, Problem, ProblemLog
from data_access.read import SYNTHETIC_MARKER

#: Largest upload accepted, in MB (all files together); DATASET_UPLOAD_MAX_MB overrides it.
UPLOAD_MAX_MB = 200
#: Most files a zip may hold; DATASET_UPLOAD_MAX_FILES overrides it (the contract has 7 files).
ZIP_MAX_FILES = 20
#: Most bytes a zip (or a workbook, itself a zip) may unpack to, in MB; DATASET_UPLOAD_MAX_UNZIPPED_MB overrides it.
ZIP_MAX_UNZIPPED_MB = 2048
#: Bytes copied out of a zip at a time, counted against the cap as they come (declared sizes can lie).
_CHUNK_BYTES = 1 << 20
_MB = 1024 * 1024
#: Entries a zip made on a Mac carries beside the files: metadata, not data, so left out.
_MAC_METADATA = re.compile(r"(^|/)__MACOSX/|(^|/)\.DS_Store$")
_DRIVE = re.compile(r"^[A-Za-z]:")


__all__ = ["DatasetInvalidError", "LoadError", "LoadSummary", "UploadBusyError", "UploadLimits", "UploadedFile",
           "load_upload", "stage_upload"]


class UploadBusyError(RuntimeError):
    """Another upload into the same database is being loaded; nothing was done."""


@dataclass(frozen=True)
class UploadLimits:
    """The caps an upload must keep within, in bytes and files."""

    max_upload_bytes: int
    max_zip_files: int
    max_unzipped_bytes: int

    @classmethod
    def from_environment(cls) -> UploadLimits:
        """The limits set by environment variables, else the module's defaults."""
        def number(name: str, default: float) -> float:
            return float(os.environ.get(name) or default)

        return cls(int(number("DATASET_UPLOAD_MAX_MB", UPLOAD_MAX_MB) * _MB),
                   int(number("DATASET_UPLOAD_MAX_FILES", ZIP_MAX_FILES)),
                   int(number("DATASET_UPLOAD_MAX_UNZIPPED_MB", ZIP_MAX_UNZIPPED_MB) * _MB))


@dataclass(frozen=True)
class UploadedFile:
    """One file as the browser sent it: its name (as the user's computer gave it) and its bytes."""

    name: str
    content: bytes


def _allowed(name: str) -> bool:
    lowered = name.lower()
    return lowered in {spec.file_name for spec in FILES} or lowered.split(".")[0] == SYNTHETIC_MARKER


def _unsafe_path(name: str) -> bool:
    """An absolute path, a drive, or a ".." part: a name that could write outside the folder it is unpacked in."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


def _check_names(names: Sequence[str], where: str, log: ProblemLog) -> None:
    """Every name a contract file (or the SYNTHETIC marker), none twice."""
    seen: set[str] = set()
    expected = ", ".join(spec.file_name for spec in FILES)
    for name in names:
        if not _allowed(name):
            log.add(Problem(where, None, None, name, f"not a file of the data contract (expected {expected})"))
        if name.lower() in seen:
            log.add(Problem(where, None, None, name, "the same file is in the upload twice"))
        seen.add(name.lower())


def _check_upload(files: Sequence[UploadedFile], limits: UploadLimits, log: ProblemLog) -> str | None:
    """Problems with the upload as a whole; returns its kind ("csv", "xlsx" or "zip") when it has one."""
    if not files:
        log.add(Problem("upload", None, None, None,
                        "the upload is empty: choose the contract's CSV files, one .xlsx workbook or one .zip of them"))
        return None
    total = sum(len(item.content) for item in files)
    if total > limits.max_upload_bytes:
        log.add(Problem("upload", None, None, None, f"the upload is {total / _MB:,.1f} MB, over the "
                                                    f"{limits.max_upload_bytes / _MB:,.0f} MB limit"))
        return None
    for item in files:
        if PurePosixPath(item.name.replace("\\", "/")).name != item.name or item.name in ("", ".", ".."):
            log.add(Problem("upload", None, None, item.name, "a file name must not contain a folder"))
        elif not item.content:
            log.add(Problem(item.name, None, None, None, "the file is empty"))
    kinds = {Path(item.name).suffix.lower() for item in files}
    if kinds & {".zip", ".xlsx"}:
        if len(files) > 1:
            log.add(Problem("upload", None, None, None,
                            "upload one .zip or one .xlsx workbook on its own, or the CSV files without them"))
            return None
        return kinds.pop().lstrip(".")
    _check_names([item.name for item in files], "upload", log)
    return "csv"


def _zip_members(archive: zipfile.ZipFile, label: str, limits: UploadLimits, log: ProblemLog,
                 *, names_matter: bool) -> list[zipfile.ZipInfo]:
    """The zip's file entries, once their names, count, declared sizes and encryption pass."""
    entries = [entry for entry in archive.infolist() if not entry.is_dir() and not _MAC_METADATA.search(entry.filename)]
    for entry in entries:
        if _unsafe_path(entry.filename):
            log.add(Problem(label, None, None, entry.filename,
                            "an entry's path is absolute or climbs out of the folder (..): the zip is refused"))
        if entry.flag_bits & 0x1:
            log.add(Problem(label, None, None, entry.filename, "the entry is encrypted"))
    if names_matter and len(entries) > limits.max_zip_files:
        log.add(Problem(label, None, None, None,
                        f"the zip holds {len(entries)} files, over the limit of {limits.max_zip_files}"))
    declared = sum(entry.file_size for entry in archive.infolist())
    if declared > limits.max_unzipped_bytes:
        log.add(Problem(label, None, None, None, f"the zip would unpack to {declared / _MB:,.0f} MB, over the "
                                                 f"{limits.max_unzipped_bytes / _MB:,.0f} MB limit"))
    if names_matter and not log.total:
        _check_names([PurePosixPath(entry.filename.replace("\\", "/")).name for entry in entries], label, log)
    return entries


def _unpack(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], folder: Path, label: str,
            limits: UploadLimits, log: ProblemLog) -> None:
    """Copy each entry to ``folder`` under its own base name, stopping at the unpacked-size cap."""
    written = 0
    for entry in entries:
        target = folder / PurePosixPath(entry.filename.replace("\\", "/")).name
        with archive.open(entry) as source, target.open("wb") as sink:
            while chunk := source.read(_CHUNK_BYTES):
                written += len(chunk)
                if written > limits.max_unzipped_bytes:
                    log.add(Problem(label, None, None, entry.filename, "the zip unpacks to more than the "
                                    f"{limits.max_unzipped_bytes / _MB:,.0f} MB limit"))
                    return
                sink.write(chunk)


def stage_upload(files: Sequence[UploadedFile], folder: Path, limits: UploadLimits) -> Path:
    """Check an upload and write it into ``folder`` as a dataset the loader reads; return its path.

    Returns ``folder`` (CSV files, from the upload or unpacked from its zip) or the workbook's path.

    Raises:
        DatasetInvalidError: the upload breaks a rule above (the problems say which); ``folder`` may
            then hold part of it, and is the caller's to remove.
    """
    log = ProblemLog()
    kind = _check_upload(files, limits, log)
    log.raise_if_any()
    if kind == "csv":
        for item in files:
            (folder / item.name.lower()).write_bytes(item.content)
        return folder
    upload = files[0]
    try:
        with zipfile.ZipFile(_bytes_file(folder, upload)) as archive:
            entries = _zip_members(archive, upload.name, limits, log, names_matter=kind == "zip")
            log.raise_if_any()
            if kind == "zip":
                _unpack(archive, entries, folder, upload.name, limits, log)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        what = "zip file" if kind == "zip" else ".xlsx workbook"
        log.add(Problem(upload.name, None, None, None, f"not a readable {what} ({error})"))
    log.raise_if_any()
    return folder if kind == "zip" else _bytes_file(folder, upload)


def _bytes_file(folder: Path, upload: UploadedFile) -> Path:
    """The uploaded zip or workbook written once under a name of our own (never the user's)."""
    path = folder / f"upload{Path(upload.name).suffix.lower()}"
    if not path.exists():
        path.write_bytes(upload.content)
    return path


@contextmanager
def upload_lock(database_url: str) -> Iterator[None]:
    """Hold the database's upload lock, or raise ``UploadBusyError`` at once if another upload holds it.

    A lock file per database URL in the temporary folder, held with ``flock``: it serialises uploads
    between sessions and between processes on one machine (PostgreSQL loads are serialised again by the
    database, ``load_write``).
    """
    digest = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]
    with (Path(tempfile.gettempdir()) / f"interventions-upload-{digest}.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UploadBusyError("Another upload is being loaded into this database. Nothing was changed: "
                                  "try again when it has finished.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def describe_upload(files: Sequence[UploadedFile]) -> str:
    """The upload's name in the load history: "upload: " and its file names."""
    return "upload: " + ", ".join(sorted(item.name for item in files))


def load_upload(
    files: Sequence[UploadedFile],
    database_url: str,
    *,
    limits: UploadLimits | None = None,
    loaded_by: str | None = None,
    progress: ProgressCallback | None = None,
) -> LoadSummary:
    """Check, stage and load an upload, replacing the loaded dataset; all or nothing.

    Raises:
        UploadBusyError: another upload is loading into the same database.
        DatasetInvalidError: the upload or its data break the rules (nothing written).
        LoadError: the database refused the load (nothing written).
    """
    limits = limits or UploadLimits.from_environment()
    with upload_lock(database_url), tempfile.TemporaryDirectory(prefix="interventions-upload-") as staging:
        if progress is not None:
            progress("Checking the upload", 0, 0)
        path = stage_upload(files, Path(staging), limits)
        return load_dataset(path, database_url, replace=True, progress=progress,
                            max_file_mb=limits.max_unzipped_bytes / _MB,
                            source=describe_upload(files), loaded_by=loaded_by)
