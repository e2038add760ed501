"""Read and check a dataset in a background thread while the caller writes the batches already checked.

Reading and checking are Python and Arrow work in this process; writing is the database's
work (PostgreSQL's server, or DuckDB's threads, both outside the GIL). Run one after the other
they take turns, each idle while the other works; here the checker runs up to ``AHEAD`` batches
ahead of the writer, so at 5,000,000 referrals the pass takes about as long as the slower of the two.

``CheckedAhead.tables`` has the shape of ``DatasetCheck.tables``, and the caller uses the
database connection from its own thread only.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator

import pyarrow as pa
from sqlalchemy import Table

from data_access.validate import DatasetCheck

#: Checked batches waiting for the writer, at most (a batch is tens of megabytes).
AHEAD = 2
_TABLE, _BATCH, _END, _FAILED, _DONE = "table", "batch", "end", "failed", "done"


class CheckedAhead:
    """A dataset's checked batches, produced by a background thread.

    Attributes:
        waited: seconds the caller spent waiting for a batch (its own work is the rest).
    """

    def __init__(self, check: DatasetCheck) -> None:
        self.check = check
        self.waited = 0.0
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="dataset-check", daemon=True)

    def tables(self) -> Iterator[tuple[Table, Iterator[pa.Table]]]:
        """Each table with its checked batches (exhaust the batches before asking for the next table)."""
        self._thread.start()
        try:
            while True:
                kind, item = self._next()
                if kind == _DONE:
                    return
                assert kind == _TABLE and isinstance(item, Table)
                yield item, self._batches()
        finally:
            self._stop.set()  # the caller stopped early (an error): let the thread finish
            self._thread.join()

    def _batches(self) -> Iterator[pa.Table]:
        while True:
            kind, item = self._next()
            if kind == _END:
                return
            assert isinstance(item, pa.Table)
            yield item

    def _next(self) -> tuple[str, object]:
        started = time.perf_counter()
        while True:
            try:
                kind, item = self._queue.get(timeout=0.1)
                break
            except queue.Empty:
                if not self._thread.is_alive():
                    raise RuntimeError("the dataset check stopped without a word") from None
        self.waited += time.perf_counter() - started
        if kind == _FAILED:
            assert isinstance(item, BaseException)
            raise item
        return kind, item

    def _produce(self) -> None:
        try:
            for table, batches in self.check.tables():
                self._put(_TABLE, table)
                for batch in batches:
                    self._put(_BATCH, batch)
                self._put(_END, None)
            self._put(_DONE, None)
        except _StoppedError:
            return
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread, which raises it
            try:
                self._put(_FAILED, error)
            except _StoppedError:
                return

    def _put(self, kind: str, item: object) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put((kind, item), timeout=0.1)
                return
            except queue.Full:
                continue
        raise _StoppedError


class _StoppedError(Exception):
    """The caller has stopped reading: the thread ends."""
