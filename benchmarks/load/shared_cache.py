"""The shared result cache seen from a load run: its counters before and after, and the hit ratio between.

The app's processes count their Redis lookups and misses under the key prefix
(``data_access.result_cache``); a lookup happens only when a process's own cache lacks a
result. The ratio over a run is (lookups − misses) / lookups of that run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import redis

from data_access.result_cache import DEFAULT_PREFIX, SharedCacheSettings, SharedResultCache


@dataclass(frozen=True)
class CacheCounts:
    """Lookups in Redis by the app's processes, and how many found nothing."""

    lookups: int
    misses: int

    @property
    def hits(self) -> int:
        """Lookups that found a result another process (or an earlier view) had stored."""
        return self.lookups - self.misses

    def since(self, earlier: CacheCounts) -> CacheCounts:
        """The counts between ``earlier`` and these."""
        return CacheCounts(self.lookups - earlier.lookups, self.misses - earlier.misses)

    @property
    def hit_ratio(self) -> float | None:
        """Hits per lookup, or None without lookups."""
        return self.hits / self.lookups if self.lookups else None


def cache_settings(url: str | None, prefix: str | None) -> SharedCacheSettings | None:
    """Where the app's shared cache is: the arguments, else ``REDIS_URL`` and ``REDIS_KEY_PREFIX``."""
    url = url or os.environ.get("REDIS_URL")
    if not url:
        return None
    return SharedCacheSettings(url=url, prefix=prefix or os.environ.get("REDIS_KEY_PREFIX") or DEFAULT_PREFIX,
                               timeout_seconds=5)


def read_counts(settings: SharedCacheSettings | None) -> CacheCounts | None:
    """The counters now, or None when there is no shared cache or it does not answer."""
    if settings is None:
        return None
    try:
        counters = SharedResultCache(settings).counters()
    except redis.RedisError:
        return None
    return CacheCounts(counters.get("lookups", 0), counters.get("misses", 0))
