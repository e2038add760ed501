"""Load a dataset into the app's database, all or nothing.

Command line::

    python -m data_access.load PATH [--database-url URL] [--replace] [--max-file-mb MB]

PATH is a folder of CSV files or one .xlsx workbook. Rows are checked as they
are written, batch by batch, in one transaction; any problem is printed (file,
row, column, value, rule), nothing is committed and the database is left
exactly as it was. Without
``--replace`` rows are upserted by their keys; with it the dataset replaces
the previous one (saved views and the load history are kept). Exit codes:
0 loaded, 1 the dataset breaks the contract, 2 bad command line, 3 the
database could not be written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data_access.audit import cli_actor, record_event
from data_access.bulk import ProgressCallback
from data_access.engine import database_url
from data_access.frames import raw_from_frames
from data_access.load_report import LoadSummary, TerminalProgress
from data_access.load_write import LoadError, write_checked_dataset
from data_access.problems import DatasetInvalidError
from data_access.read import RawDataset, open_dataset
from data_access.validate import DatasetCheck
from vocabulary.access import AuditAction

__all__ = ["DatasetInvalidError", "LoadError", "LoadSummary", "load_dataset", "load_frames", "main"]


def load_dataset(
    path: str | Path,
    database_url: str | None = None,
    *,
    replace: bool = False,
    progress: ProgressCallback | None = None,
    max_file_mb: float | None = None,
    synthetic: bool | None = None,
    source: str | None = None,
    loaded_by: str | None = None,
) -> LoadSummary:
    """Read, validate and load a dataset folder or workbook.

    Args:
        path: a folder of CSV files or an .xlsx workbook.
        database_url: target database; default ``data_access.engine.database_url()``.
        replace: replace the previous dataset instead of upserting by key.
        progress: called as ``progress(step, rows_done, rows_total)``.
        max_file_mb: size limit per file (default ``read.MAX_FILE_MB``).
        synthetic: record the dataset as synthetic (None: as its SYNTHETIC marker says).
        source: the name recorded in the load history (default: the path), e.g. an upload's file names.
        loaded_by: who loaded it, for the load history (None: not signed in, or the command line).

    Raises:
        DatasetInvalidError: the dataset breaks the contract (nothing written).
        LoadError: the database refused the load (nothing written).
    """
    started = time.perf_counter()
    _announce(progress, f"Reading {path}")
    raw = open_dataset(path, max_file_mb=max_file_mb)
    if synthetic is not None:
        raw.synthetic = synthetic
    if source is not None:
        raw.source = source
    return _load_raw(raw, database_url, replace=replace, progress=progress, started=started, loaded_by=loaded_by)


def load_frames(
    frames: dict[str, pd.DataFrame],
    database_url: str | None = None,
    *,
    replace: bool = False,
    source: str = "in-memory frames",
    progress: ProgressCallback | None = None,
    synthetic: bool = False,
) -> LoadSummary:
    """Validate and load frames keyed by file name (``referrals``), e.g. from the sample generator.

    The frames are checked by the same rules as files; see ``load_dataset``.
    ``synthetic`` records the dataset as synthetic, so the app labels it.
    """
    started = time.perf_counter()
    raw = raw_from_frames(frames, source)
    raw.synthetic = synthetic
    return _load_raw(raw, database_url, replace=replace, progress=progress, started=started)


def _announce(progress: ProgressCallback | None, step: str) -> None:
    if progress is not None:
        progress(step, 0, 0)


def _load_raw(
    raw: RawDataset,
    url: str | None,
    *,
    replace: bool,
    progress: ProgressCallback | None,
    started: float,
    loaded_by: str | None = None,
) -> LoadSummary:
    check = DatasetCheck(raw)
    url = url or database_url()
    mode = "replace" if replace else "upsert"
    _announce(progress, f"Checking and writing {', '.join(raw.names())} to "
                        f"{make_url(url).render_as_string(hide_password=True)} ({mode})")
    try:
        written = write_checked_dataset(check, url, replace=replace, progress=progress, loaded_by=loaded_by,
                                        started=started)
    except (SQLAlchemyError, duckdb.Error, psycopg.Error, OSError) as error:
        raise LoadError(f"The database was not changed: {error}") from error
    first, last = check.referral_date_range()
    return LoadSummary(
        written.load_id, raw.source, mode, check.row_counts, written.database_rows, first, last,
        time.perf_counter() - started, tuple(raw.warnings), raw.synthetic, written.phases,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m data_access.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="a folder of CSV files or one .xlsx workbook")
    parser.add_argument("--database-url", help="target database (default: DATABASE_URL or the sample DuckDB file)")
    parser.add_argument("--replace", action="store_true", help="replace the loaded dataset instead of upserting")
    parser.add_argument("--max-file-mb", type=float, help="largest file accepted, in MB (default 2048 for CSV, 512 for a workbook)")
    parser.add_argument("--synthetic", action="store_true",
                        help="label the data as synthetic (also implied by a SYNTHETIC file in the folder)")
    parser.add_argument("--quiet", action="store_true", help="print no progress")
    args = parser.parse_args(argv)
    progress = None if args.quiet else TerminalProgress()
    started = time.perf_counter()
    try:
        _announce(progress, f"Reading {args.path}")
        raw = open_dataset(args.path, max_file_mb=args.max_file_mb)
        raw.synthetic = raw.synthetic or args.synthetic
        for warning in raw.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
        summary = _load_raw(raw, args.database_url, replace=args.replace, progress=progress,
                            started=started)
    except DatasetInvalidError as error:
        print(error.report(), file=sys.stderr)
        print("Nothing was loaded: the database is unchanged.", file=sys.stderr)
        return 1
    except LoadError as error:
        print(error, file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("Interrupted: nothing was loaded, the database is unchanged.", file=sys.stderr)
        return 130
    _record_load(args.database_url or database_url(), summary)
    print(summary.report())
    return 0


def _record_load(url: str, summary: LoadSummary) -> None:
    """Note the load in the audit trail: who ran it, from which source, how many rows (issue 19)."""
    rows = sum(summary.dataset_rows.values())
    record_event(url, AuditAction.DATA_LOAD, actor_email=cli_actor(), target=str(summary.source),
                 detail=f"{summary.mode}; {rows} rows in the dataset (load {summary.load_id})")


if __name__ == "__main__":
    sys.exit(main())
