"""What a load did, in a form tests can check and people can read."""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field

from data_access.schema import DATA_TABLES


@dataclass(frozen=True)
class LoadSummary:
    """The outcome of one successful load.

    Attributes:
        load_id: the row recorded in ``dataset_loads``.
        source: the folder, workbook or description of the frames loaded.
        mode: ``replace`` or ``upsert``.
        dataset_rows: rows per table in the dataset.
        database_rows: rows per table in the database after the load.
        first_referral_date: the earliest referral date in the dataset.
        data_as_of: the latest referral, start or end date in the dataset.
        seconds: wall-clock time of the whole load (read, validate, write).
        warnings: what the reader ignored (unknown columns or files).
        synthetic: whether the dataset was recorded as synthetic.
        phases: seconds per phase of the load, in order (see ``load_write.write_checked_dataset``).
    """

    load_id: int
    source: str
    mode: str
    dataset_rows: dict[str, int]
    database_rows: dict[str, int]
    first_referral_date: dt.date
    data_as_of: dt.date
    seconds: float
    warnings: tuple[str, ...] = ()
    synthetic: bool = False
    phases: dict[str, float] = field(default_factory=dict)

    def report(self) -> str:
        """A few lines for the terminal: rows per table and the date range."""
        kind = "synthetic dataset " if self.synthetic else ""
        lines = [
            f"Loaded {kind}{self.source} ({self.mode}) as load {self.load_id} in {self.seconds:.1f} s.",
            f"  {'table':<20}{'rows in dataset':>18}{'rows in database':>19}",
        ]
        for table in DATA_TABLES:
            in_dataset = self.dataset_rows.get(table.name)
            shown = "(no file)" if in_dataset is None else f"{in_dataset:,}"
            lines.append(f"  {table.name:<20}{shown:>18}{self.database_rows.get(table.name, 0):>19,}")
        lines.append(
            f"  Referral dates from {self.first_referral_date:%Y-%m-%d}; "
            f"data as of {self.data_as_of:%Y-%m-%d} (latest referral, start or end date)."
        )
        if self.phases:
            lines.append("  Time: " + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in self.phases.items()))
        return "\n".join(lines)


class TerminalProgress:
    """Prints progress to stderr: one line per step, and row counts while writing big tables."""

    def __init__(self, *, min_rows: int = 100_000) -> None:
        self.min_rows = min_rows
        self.started = time.perf_counter()

    def __call__(self, step: str, rows_done: int, rows_total: int) -> None:
        """Report that ``step`` has done ``rows_done`` of ``rows_total`` rows (0: a step, or a total not
        known yet, as for a file read batch by batch)."""
        elapsed = time.perf_counter() - self.started
        if rows_done == 0 and rows_total == 0:
            print(f"[{elapsed:6.1f} s] {step}", file=sys.stderr, flush=True)
        elif rows_total == 0 and rows_done >= self.min_rows:
            print(f"[{elapsed:6.1f} s]   {step}: {rows_done:,} rows checked and written", file=sys.stderr, flush=True)
        elif rows_total >= self.min_rows:
            print(f"[{elapsed:6.1f} s]   {step}: {rows_done:,} of {rows_total:,} rows",
                  file=sys.stderr, flush=True)
