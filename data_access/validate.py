"""Check a dataset against the data contract and turn its text into typed tables, batch by batch.

``DatasetCheck`` reads each file in batches (``RawDataset.batches``), checks every
rule on a value or a row on whole columns of the batch (``validate_columns.py``,
``validate_rules.py``), and hands the writer each batch typed as Arrow while no
problem has been found. Rules over a whole file (one row per key, references to
another file) run when the file has been read, on the compact ledger of the columns
they need (``validate_keys.py``). Memory stays bounded whatever the dataset's size.

All problems are collected; ``raise_if_invalid`` raises ``DatasetInvalidError``
before anything is committed, so a load stays all or nothing. Problems that stop a
file being read (rows with the wrong number of fields, no data rows) are reported
alone, as values are only judged in files that can be read.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Table

from data_access.contract import FILES_BY_NAME, REFERENCES, FileSpec
from data_access.problems import ProblemLog
from data_access.read import RawDataset, no_data_rows
from data_access.schema import DATA_TABLES, intervention_needs
from data_access.validate_columns import arrow_schema, need_pairs, parse_column, typed_rows
from data_access.validate_keys import KeyLedger, check_keys, check_references
from data_access.validate_rules import check_referrals

#: Rows per batch of a file held in memory (a CSV file's batches follow ``read_text.BLOCK_BYTES``).
BATCH_ROWS = 250_000
_TABLES: dict[str, Table] = {table.name: table for table in DATA_TABLES}
_DATE_COLUMNS = ("referral_date", "start_date", "end_date")


class DatasetCheck:
    """A dataset checked while it is read: its typed rows table by table, and the problems found.

    Attributes:
        raw: the dataset as read.
        row_counts: rows per table, filled in as each table is read.
        seconds: time spent reading (``read``) and checking (``check``) rows so far.
    """

    def __init__(self, raw: RawDataset) -> None:
        self.raw = raw
        self.row_counts: dict[str, int] = {}
        self.seconds = {"read": 0.0, "check": 0.0}
        self._log = ProblemLog()
        self._read_log = ProblemLog()
        self._parents: dict[tuple[str, str], pa.Array] = {}
        self._dates: tuple[dt.date, dt.date] | None = None

    @property
    def clean(self) -> bool:
        """Whether no problem has been found so far."""
        return not self._log.counts and not self._read_log.counts

    def tables(self) -> Iterator[tuple[Table, Iterator[pa.Table]]]:
        """Each table of the dataset (in ``DATA_TABLES`` order) with its typed batches.

        Exhaust each table's batches before asking for the next table: the file's
        rules run when its last batch has been read. Batches stop coming once a
        problem is found, but the rows are still read and checked to the end.
        """
        for name in self.raw.names():
            pairs: list[pa.Table] = []
            yield _TABLES[name], self._typed_batches(FILES_BY_NAME[name], pairs)
            if name == "interventions":
                self.row_counts[intervention_needs.name] = sum(batch.num_rows for batch in pairs)
                yield intervention_needs, iter(pairs)

    def _typed_batches(self, spec: FileSpec, pairs: list[pa.Table]) -> Iterator[pa.Table]:
        label = self.raw.labels[spec.name]
        ledger = KeyLedger(_ledger_columns(spec))
        read_problems, rows_read = self._read_log.total, 0
        clock = time.perf_counter()
        for rows in self.raw.batches(spec.name, self._read_log, BATCH_ROWS):
            clock = self._lap("read", clock)
            batch = self._typed(spec, rows, label)
            ledger.add(rows)
            rows_read += len(rows)
            if not self.clean:
                batch = None
            elif spec.name == "interventions":
                pairs.append(typed_rows(need_pairs(rows), intervention_needs))
            clock = self._lap("check", clock)
            if batch is not None:
                yield batch
                clock = time.perf_counter()
        clock = self._lap("read", clock)
        if spec.required and not rows_read and self._read_log.total == read_problems:
            self._read_log.add(no_data_rows(label))
        self.row_counts[spec.name] = rows_read
        self._check_whole_file(spec, label, ledger)
        del ledger
        pa.default_memory_pool().release_unused()  # hand the file's batches and ledger back to the system
        self._lap("check", clock)

    def _lap(self, phase: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[phase] += now - since
        return now

    def _typed(self, spec: FileSpec, rows: pd.DataFrame, label: str) -> pa.Table:
        typed = {column.name: parse_column(rows[column.name], column, label, self._log) for column in spec.columns}
        if spec.name == "referrals":
            check_referrals(typed, rows, label, self._log)
            self._dates = _date_range(typed, self._dates)
        table = _TABLES[spec.name]
        return pa.table([typed[column.name] for column in table.columns], schema=arrow_schema(table))

    def _check_whole_file(self, spec: FileSpec, label: str, ledger: KeyLedger) -> None:
        check_keys(ledger, spec, label, self._log)
        for reference in REFERENCES:
            parents = self._parents.get((reference.parent_file, reference.parent_column))
            if reference.file == spec.name and parents is not None:
                check_references(ledger, reference, parents, label, self.raw.labels[reference.parent_file],
                                 self._log)
        for reference in REFERENCES:
            if reference.parent_file == spec.name:
                self._parents[(spec.name, reference.parent_column)] = ledger.distinct(reference.parent_column)

    def referral_date_range(self) -> tuple[dt.date, dt.date]:
        """First referral date and the latest referral, start or end date ("data as of")."""
        if self._dates is None:
            raise ValueError("no referral has been read")
        return self._dates

    def raise_if_invalid(self) -> None:
        """Raise ``DatasetInvalidError`` if any problem was found (only those stopping a file being read, if any)."""
        self._read_log.raise_if_any()
        self._log.raise_if_any()


def _ledger_columns(spec: FileSpec) -> tuple[str, ...]:
    columns = list(spec.key)
    columns += [reference.column for reference in REFERENCES if reference.file == spec.name]
    columns += [reference.parent_column for reference in REFERENCES if reference.parent_file == spec.name]
    return tuple(dict.fromkeys(columns))


def _date_range(referrals: dict[str, pa.Array], so_far: tuple[dt.date, dt.date] | None
                ) -> tuple[dt.date, dt.date] | None:
    """The first referral date and the latest date of any kind, over the batch and the batches before it."""
    first = pc.min(referrals["referral_date"]).as_py()
    latest = max((day for day in (pc.max(referrals[column]).as_py() for column in _DATE_COLUMNS) if day), default=None)
    if first is None or latest is None:
        return so_far
    return (first, latest) if so_far is None else (min(first, so_far[0]), max(latest, so_far[1]))


@dataclass
class ValidDataset:
    """A dataset that meets the contract, as typed tables in memory (small datasets and tests).

    Attributes:
        tables: table name -> rows with the table's columns (dates as
            datetime64, whole numbers as int64, empty text as missing), in
            ``DATA_TABLES`` order; absent optional files are left out.
        source: where the dataset came from.
        warnings: what the reader ignored.
        synthetic: whether the dataset is marked as synthetic.
    """

    tables: dict[str, pd.DataFrame]
    source: str
    warnings: list[str] = field(default_factory=list)
    synthetic: bool = False

    @property
    def row_counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: len(rows) for name, rows in self.tables.items()}

    def referral_date_range(self) -> tuple[dt.date, dt.date]:
        """First referral date and the latest referral, start or end date ("data as of")."""
        referrals = pa.Table.from_pandas(self.tables["referrals"].loc[:, list(_DATE_COLUMNS)], preserve_index=False)
        range_ = _date_range({name: referrals.column(name).cast(pa.date32()) for name in _DATE_COLUMNS}, None)
        if range_ is None:
            raise ValueError("the dataset has no referrals")
        return range_


def validate_dataset(raw: RawDataset) -> ValidDataset:
    """Check every rule of the contract and return the typed tables, all in memory.

    Raises:
        DatasetInvalidError: listing every problem (file, row, column, value, rule).
    """
    check = DatasetCheck(raw)
    tables: dict[str, pa.Table] = {}
    for table, batches in check.tables():
        kept = list(batches)
        tables[table.name] = pa.concat_tables(kept) if kept else arrow_schema(table).empty_table()
    check.raise_if_invalid()
    return ValidDataset(
        {name: rows.to_pandas(date_as_object=False) for name, rows in tables.items()},
        raw.source, list(raw.warnings), raw.synthetic,
    )
