"""The shared result cache: query results computed by one app process and read by the others, in Redis.

With several app processes (``make serve``), each keeps its own cache of query results
(``st.cache_data``), in front of this one. On a miss there, a process looks here before
asking the database, and stores what it computed for the others. Values are bytes from
``result_codec`` (Arrow IPC and JSON, never pickle); keys come from ``result_keys``.

Configured by ``REDIS_URL`` (unset: no shared cache, as for ``make run``) and
``REDIS_KEY_PREFIX`` (default "interventions"; lets deployments share one Redis). Every key
expires after ``TTL_SECONDS``, and values larger than ``MAX_VALUE_BYTES`` are not stored;
the server's own cap (``maxmemory`` with an LRU policy) is set where Redis is run
(docs/deployment.md).

Redis down or slow is never the user's problem: every call times out after
``TIMEOUT_SECONDS``, the first failure is logged once, and for ``RETRY_AFTER_SECONDS``
the process skips Redis entirely (so no view waits on a dead server again), then tries
once more. Meanwhile the per-process cache serves as it did before there was Redis.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from data_access.result_codec import UnencodableResultError, decode_result, encode_result
from data_access.result_keys import result_key

T = TypeVar("T")

TTL_SECONDS = 24 * 60 * 60
MAX_VALUE_BYTES = 16 * 1024 * 1024
TIMEOUT_SECONDS = 0.25
RETRY_AFTER_SECONDS = 30.0
DEFAULT_PREFIX = "interventions"
#: A hash of counters beside the results: lookups, misses, stored, errors (hits = lookups − misses).
STATS_SUFFIX = "stats"

_LOGGER = logging.getLogger(__name__)
_UNREACHABLE = object()
_LOCK = threading.Lock()
_CACHES: dict[tuple[str, str], SharedResultCache] = {}


@dataclass(frozen=True)
class SharedCacheSettings:
    """Where the cache is and how patient to be with it."""

    url: str
    prefix: str = DEFAULT_PREFIX
    ttl_seconds: int = TTL_SECONDS
    timeout_seconds: float = TIMEOUT_SECONDS
    retry_after_seconds: float = RETRY_AFTER_SECONDS
    max_value_bytes: int = MAX_VALUE_BYTES


def redacted(url: str) -> str:
    """``url`` without its password, for logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


class SharedResultCache:
    """One process's client of the shared cache; thread-safe (loaders run side by side)."""

    def __init__(self, settings: SharedCacheSettings) -> None:
        self.settings = settings
        self.stats_key = f"{settings.prefix}:{STATS_SUFFIX}"
        self._client = redis.Redis.from_url(
            settings.url,
            socket_timeout=settings.timeout_seconds,
            socket_connect_timeout=settings.timeout_seconds,
            retry=Retry(NoBackoff(), 0),  # a retry would double the wait on a dead server
            health_check_interval=0,
        )
        self._down_until = 0.0
        self._failed = False
        self._state = threading.Lock()

    def fetch(self, key: str, compute: Callable[[], T]) -> T:
        """The result stored under ``key``, or ``compute()``'s, stored for the other processes."""
        if not self._available():
            return compute()
        found = self._call(lambda: self._lookup(key), default=_UNREACHABLE)
        if found is _UNREACHABLE:
            return compute()
        if found is not None:
            try:
                return decode_result(found)  # type: ignore[return-value]
            except ValueError:
                pass  # not bytes this release reads: computed afresh and replaced below
        value = compute()
        self._store(key, value)
        return value

    def counters(self) -> dict[str, int]:
        """This prefix's counters since they were last reset (raises redis errors: for tools, not views)."""
        return {name.decode(): int(count) for name, count in self._client.hgetall(self.stats_key).items()}

    def _lookup(self, key: str) -> bytes | None:
        pipe = self._client.pipeline(transaction=False)
        pipe.get(key)
        pipe.hincrby(self.stats_key, "lookups", 1)
        blob, _ = pipe.execute()
        return blob

    def _store(self, key: str, value: object) -> None:
        try:
            blob = encode_result(value)
        except UnencodableResultError as error:
            _LOGGER.info("Not sharing a result of %s: %s", key.rsplit(":", 2)[-2], error)
            blob = None
        pipe = self._client.pipeline(transaction=False)
        pipe.hincrby(self.stats_key, "misses", 1)
        if blob is not None and len(blob) <= self.settings.max_value_bytes:
            pipe.set(key, blob, ex=self.settings.ttl_seconds)
            pipe.hincrby(self.stats_key, "stored", 1)
        self._call(pipe.execute, default=None)

    def _available(self) -> bool:
        with self._state:
            return time.monotonic() >= self._down_until

    def _call(self, action: Callable[[], T], *, default: T) -> T:
        try:
            outcome = action()
        except (redis.RedisError, OSError) as error:
            self._note_failure(error)
            return default
        if self._failed:
            with self._state:
                self._failed = False
            _LOGGER.warning("Shared result cache at %s answers again", redacted(self.settings.url))
        return outcome

    def _note_failure(self, error: Exception) -> None:
        with self._state:
            first = not self._failed
            self._failed = True
            self._down_until = time.monotonic() + self.settings.retry_after_seconds
        if first:
            _LOGGER.warning(
                "Shared result cache at %s is unavailable (%s: %s); each process uses its own cache "
                "and tries again every %.0f s", redacted(self.settings.url), type(error).__name__, error,
                self.settings.retry_after_seconds,
            )


def settings_from_environment() -> SharedCacheSettings | None:
    """The shared cache ``REDIS_URL`` and ``REDIS_KEY_PREFIX`` name, or None when ``REDIS_URL`` is unset."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    return SharedCacheSettings(url=url, prefix=os.environ.get("REDIS_KEY_PREFIX") or DEFAULT_PREFIX)


def shared_cache() -> SharedResultCache | None:
    """This process's client of the configured shared cache (one per URL and prefix), or None."""
    settings = settings_from_environment()
    if settings is None:
        return None
    with _LOCK:
        known = _CACHES.get((settings.url, settings.prefix))
        if known is None:
            known = _CACHES[(settings.url, settings.prefix)] = SharedResultCache(settings)
        return known


def fetch_shared(compute: Callable[[], T], *, query: str, database_url: str, version: str, args: tuple,
                 kwargs: tuple) -> T:
    """``compute()``'s result (``query(*args, **dict(kwargs))`` on the database at data ``version``),
    read from the shared cache when one is configured and holds it, else computed (and stored there)."""
    shared = shared_cache()
    if shared is None:
        return compute()
    try:
        key = result_key(prefix=shared.settings.prefix, query=query, database_url=database_url,
                         version=version, args=args, kwargs=kwargs)
    except TypeError:
        return compute()  # an argument with no stable spelling: this process's cache only
    return shared.fetch(key, compute)
