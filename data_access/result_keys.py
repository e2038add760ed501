"""Keys of the shared result cache: the same query, arguments, data and code give the same key in every process.

A key is readable from the left (for ``redis-cli --scan``) and exact on the right:

    PREFIX:CODE:DATABASE:VERSION:QUERY:ARGUMENTS

- CODE: a digest of the query code (``data_access`` and ``vocabulary``), so a process
  running another release of the code never reads results shaped by this one;
- DATABASE: a digest of the database URL (which may hold a password);
- VERSION: the data version (``engine.data_version``), which every committed load changes,
  so a load never needs the cache flushed;
- QUERY: the query function's module and name;
- ARGUMENTS: a digest of the arguments spelt out canonically. Python's ``hash()`` is
  salted per process and ``id()`` is an address, so neither is used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent
#: The code a query's result depends on: the queries and the words they filter by.
_CODE_FOLDERS = (_PACKAGE_ROOT, _PACKAGE_ROOT.parent / "vocabulary")


def result_key(*, prefix: str, query: str, database_url: str, version: str, args: tuple, kwargs: tuple) -> str:
    """The cache key of ``query(*args, **dict(kwargs))`` on ``database_url`` at data ``version``.

    Raises:
        TypeError: an argument is not a plain value (see ``canonical``).
    """
    arguments = _digest(canonical((args, kwargs)))
    return f"{prefix}:{code_version()}:{_digest(database_url)[:12]}:{version}:{query}:{arguments}"


def canonical(value: object) -> str:
    """``value`` spelt out the same way in every process: text, numbers, dates, tuples, lists,
    dicts, sets and frozen dataclasses of them.

    Raises:
        TypeError: ``value`` holds anything else (an object's default text names its address).
    """
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"))


def _plain(value: object) -> object:
    if value is None or type(value) in (bool, str, int):
        return value
    if type(value) is float:
        return {"float": repr(value)}  # repr keeps nan and inf, which JSON does not
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return {"set": sorted(canonical(item) for item in value)}
    if isinstance(value, dict):
        return {"dict": sorted([canonical(key), _plain(item)] for key, item in value.items())}
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        fields = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {"dataclass": f"{type(value).__module__}.{type(value).__qualname__}", "fields": fields}
    raise TypeError(f"a shared cache key takes plain values, not {type(value).__name__}")


@functools.cache
def code_version() -> str:
    """A digest of the query code's sources (of its compiled files where no source is deployed)."""
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        files = sorted(folder.rglob("*.py")) or sorted(folder.rglob("*.pyc"))
        for path in files:
            digest.update(str(path.relative_to(folder.parent)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
