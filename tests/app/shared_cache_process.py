"""One app process's view of the Overview's figures, for the shared-cache test: ``python -m
tests.app.shared_cache_process compute|read`` prints them as JSON. In ``read`` mode every query
raises, so the figures can only have come from the shared cache (another process's results)."""

from __future__ import annotations

import json
import sys

from components import cache
from vocabulary.scope import default_filters


class QueryRanError(RuntimeError):
    """A query ran in a process that was meant to read every result from the shared cache."""


def _refuse(*_args: object, **_kwargs: object) -> object:
    raise QueryRanError("a query ran: the shared cache did not have its result")


def main(mode: str) -> None:
    """Print the Overview's counts for the default filters, computed or read from the shared cache."""
    if mode == "read":
        for name in list(cache._QUERIES):
            cache._QUERIES[name] = _refuse
    filters = default_filters(cache.load_data_as_of())
    print(json.dumps(cache.load_overview_counts(filters), sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
