"""Rules over a whole file while its rows stream past in batches: one row per key, and references.

A ``KeyLedger`` keeps the columns these rules read (the file's key and the columns
that point at another file), dictionary-encoded batch by batch: a few bytes a row
instead of the text, so ten million need records cost tens of megabytes. Once the
file has been read, ``check_keys`` reports every row whose key appeared before and
``check_references`` every code missing from the file it points at, with the row
numbers and messages ``validate_rules`` gives when a whole file is in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.contract import FileSpec, Reference
from data_access.problems import ProblemLog
from data_access.validate_rules import report_repeated_keys


class KeyLedger:
    """Some columns of one file, collected batch by batch as Arrow text, with each row's number."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self._chunks: dict[str, list[pa.Array]] = {column: [] for column in columns}
        self._rows: list[np.ndarray] = []
        self._encoded: dict[str, tuple[pa.Array, np.ndarray]] = {}

    def add(self, rows: pd.DataFrame) -> None:
        """Keep the columns of one batch of text rows (index = row numbers)."""
        for column in self.columns:
            values = pa.array(rows[column])  # Arrow-backed text: no copy
            self._chunks[column].extend(values.chunks if isinstance(values, pa.ChunkedArray) else [values])
        self._rows.append(rows.index.to_numpy(dtype=np.int64))

    def row_numbers(self) -> np.ndarray:
        """Every row's number, in file order."""
        return np.concatenate(self._rows) if self._rows else np.empty(0, dtype=np.int64)

    def values(self, column: str) -> pa.ChunkedArray:
        """The column's values, in file order."""
        return pa.chunked_array(self._chunks[column], type=pa.large_string())

    def encoded(self, column: str) -> tuple[pa.Array, np.ndarray]:
        """The column's distinct values and, per row, the position of its value among them."""
        if column not in self._encoded:
            encoded = pc.dictionary_encode(self.values(column))  # one dictionary shared by every chunk
            codes = np.concatenate([chunk.indices.to_numpy() for chunk in encoded.chunks]) if encoded.chunks \
                else np.empty(0, dtype=np.int32)
            dictionary = encoded.chunk(0).dictionary if encoded.chunks else pa.array([], type=pa.large_string())
            self._encoded[column] = (dictionary, codes)
        return self._encoded[column]

    def distinct(self, column: str) -> pa.Array:
        """The column's distinct values (including the empty text, if any row has it)."""
        return pc.unique(self.values(column))


def check_keys(ledger: KeyLedger, spec: FileSpec, label: str, log: ProblemLog) -> None:
    """One row per key: report every row whose (complete) key appeared on an earlier row."""
    if not _may_repeat(ledger, spec.key):
        return
    combined: np.ndarray | None = None
    complete = np.ones(len(ledger.row_numbers()), dtype=bool)
    for column in spec.key:
        values, codes = ledger.encoded(column)
        complete &= codes != _position(values, "")
        combined = codes.astype(np.int64) if combined is None else (
            pd.factorize(combined * len(values) + codes)[0])
    if combined is None:
        return
    keys = combined[complete]
    if len(keys) == len(pd.unique(keys)):
        return
    involved = np.flatnonzero(complete)[pd.Series(keys).duplicated(keep=False).to_numpy()]
    text = pd.DataFrame(
        {column: ledger.encoded(column)[0].take(pa.array(ledger.encoded(column)[1][involved])).to_pandas()
         for column in spec.key},
    ).set_axis(pd.Index(ledger.row_numbers()[involved]))
    report_repeated_keys(text, spec, label, log)


def _may_repeat(ledger: KeyLedger, key: tuple[str, ...]) -> bool:
    """False when the key certainly never repeats, found cheaply in the usual cases: a file sorted by
    its key's first column (as exports from a database often are), or a single-column key with as
    many distinct values as rows."""
    first = ledger.values(key[0])
    if len(first) < 2 or pc.any(pc.equal(first, "")).as_py():
        return len(first) >= 2
    following, previous = first.slice(1), first.slice(0, len(first) - 1)
    if len(key) == 1:
        if pc.all(pc.greater(following, previous)).as_py():
            return False
        return pc.count_distinct(first).as_py() < len(first)
    if not pc.all(pc.greater_equal(following, previous)).as_py():
        return True
    # Sorted by the first column: a key can only repeat inside a run of equal first values.
    steps = pc.not_equal(following, previous).to_numpy(zero_copy_only=False)
    combined = np.concatenate(([0], np.cumsum(steps))).astype(np.int64)
    for column in key[1:]:
        values, codes = ledger.encoded(column)
        combined = combined * len(values) + codes
    if combined[-1] > 4 * len(combined):  # too sparse to count: hash them instead
        return len(pd.unique(combined)) < len(combined)
    return bool((np.bincount(combined) > 1).any())


def check_references(ledger: KeyLedger, reference: Reference, parents: pa.Array, label: str,
                     parent_label: str, log: ProblemLog) -> None:
    """Every non-empty value of ``reference.column`` is one of ``parents`` (the parent file's values)."""
    values = ledger.values(reference.column)
    unknown = pc.and_(pc.invert(pc.is_in(values, value_set=parents)), pc.not_equal(values, ""))
    if not pc.any(unknown).as_py():
        return
    broken = np.flatnonzero(unknown.to_numpy())
    rows = pd.Index(ledger.row_numbers()[broken])
    shown = pd.Series(values.take(pa.array(broken)).to_pandas().to_numpy(), index=rows)
    rule = f"must be one of the {reference.parent_column} values in {parent_label}"
    log.add_rows(label, pd.Series(True, index=rows), reference.column, rule, shown)


def _position(values: pa.Array, value: str) -> int:
    """Where ``value`` is among ``values``, or -1."""
    found = pc.index(values, pa.scalar(value, values.type)).as_py()
    return -1 if found is None else found
