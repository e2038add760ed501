"""The shared result cache against real servers: keys, storing and reading, TTL, size cap, counters,
and Redis refused, hung, or stopped and started again (real sockets, no mocks)."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import time
from collections.abc import Iterator

import pandas as pd
import pytest
import redis

from data_access.result_cache import (
    TTL_SECONDS,
    SharedCacheSettings,
    SharedResultCache,
    fetch_shared,
    redacted,
)
from data_access.result_keys import canonical, result_key
from production import REPO_ROOT
from tests.data_access.redis_servers import (
    TEST_REDIS_URL,
    delete_prefix,
    free_port,
    own_redis_server,
    require_redis,
    silent_server,
    unique_prefix,
    wait_for_redis,
)
from vocabulary.scope import Filters

FILTERS = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31), pdus=("N03P01",))
WAITS = pd.DataFrame({"pdu_code": ["N03P01", "N03P02"], "wait_days": [10, 250], "month": [dt.date(2025, 1, 1)] * 2})
LOGGER = "data_access.result_cache"


def key_for(prefix: str, *, version: str = "load:7", filters: Filters = FILTERS) -> str:
    return result_key(prefix=prefix, query="data_access.waiting_queries.waiting_snapshot",
                      database_url="postgresql+psycopg://app:secret@db/prod", version=version,
                      args=(filters, dt.date(2025, 12, 31)), kwargs=())


class Counting:
    """A query stand-in that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def prefix() -> Iterator[str]:
    client = require_redis()
    name = unique_prefix()
    yield name
    delete_prefix(client, name)


def cache_at(url: str, prefix: str, **changes: object) -> SharedResultCache:
    return SharedResultCache(SharedCacheSettings(url=url, prefix=prefix, **changes))


# Keys -------------------------------------------------------------------------------------------

def test_a_key_names_the_query_and_data_version_and_hides_the_database_url():
    key = key_for("interventions")
    assert key.startswith("interventions:")
    assert ":load:7:data_access.waiting_queries.waiting_snapshot:" in key
    assert "secret" not in key and "prod" not in key


def test_keys_differ_with_arguments_data_version_and_prefix_and_repeat_otherwise():
    assert key_for("p") == key_for("p")
    assert len({key_for("p"), key_for("p", version="load:8"), key_for("q"),
                key_for("p", filters=FILTERS.with_changes(pdus=("N03P02",)))}) == 4


def test_a_key_is_the_same_in_another_process():
    # hash() is salted per process: a key built from it would never be found by another worker.
    script = ("import datetime as dt; from tests.data_access.test_result_cache import key_for; "
              "print(key_for('p'))")
    other = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert other.stdout.strip() == key_for("p")


def test_arguments_without_a_stable_spelling_are_refused_and_then_not_shared(prefix: str):
    with pytest.raises(TypeError):
        canonical(object())
    query = Counting(1)
    assert fetch_shared(query, query="q", database_url="u", version="v", args=(object(),), kwargs=()) == 1


# Storing and reading ----------------------------------------------------------------------------

def test_a_result_computed_once_is_read_by_another_client_without_computing(prefix: str):
    first, second = cache_at(TEST_REDIS_URL, prefix), cache_at(TEST_REDIS_URL, prefix)
    query = Counting({"histogram": WAITS, "waiting_before_count": 3})
    key = key_for(prefix)

    computed = first.fetch(key, query)
    read = second.fetch(key, query)

    assert query.calls == 1
    pd.testing.assert_frame_equal(read["histogram"], computed["histogram"])
    assert read["waiting_before_count"] == 3
    assert second.counters() == {"lookups": 2, "misses": 1, "stored": 1}


def test_every_result_expires_after_the_ttl(prefix: str):
    key = key_for(prefix)
    cache_at(TEST_REDIS_URL, prefix).fetch(key, Counting(WAITS))
    assert 0 < require_redis().ttl(key) <= TTL_SECONDS


def test_a_result_over_the_size_cap_is_not_stored(prefix: str):
    key = key_for(prefix)
    cache_at(TEST_REDIS_URL, prefix, max_value_bytes=100).fetch(key, Counting(WAITS))
    assert require_redis().exists(key) == 0


def test_bytes_this_release_cannot_read_are_recomputed_and_replaced(prefix: str):
    key = key_for(prefix)
    require_redis().set(key, b"\x80\x04pickled-by-someone-else")
    query = Counting(WAITS)
    pd.testing.assert_frame_equal(cache_at(TEST_REDIS_URL, prefix).fetch(key, query), WAITS)
    assert query.calls == 1
    assert require_redis().get(key).startswith(b"ILRC")


def test_the_cache_is_off_without_redis_url(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    query = Counting(5)
    assert fetch_shared(query, query="q", database_url="u", version="v", args=(), kwargs=()) == 5
    assert fetch_shared(query, query="q", database_url="u", version="v", args=(), kwargs=()) == 5
    assert query.calls == 2  # nothing shared: st.cache_data in front of it is the only cache


def test_passwords_are_kept_out_of_logs():
    assert redacted("redis://:s3cret@cache:6379/0") == "redis://:***@cache:6379/0"
    assert redacted("redis://cache:6379/0") == "redis://cache:6379/0"


# Redis unavailable ------------------------------------------------------------------------------

def test_redis_refusing_connections_costs_nothing_but_one_log_line(caplog: pytest.LogCaptureFixture):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    cache = cache_at(closed, unique_prefix())
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        results = [cache.fetch(key_for("p"), Counting(n)) for n in range(3)]
    assert results == [0, 1, 2]
    warnings = [record for record in caplog.records if record.name == LOGGER]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()


def test_a_redis_that_never_answers_is_given_up_on_quickly_and_then_left_alone(caplog: pytest.LogCaptureFixture):
    with silent_server() as (url, accepted), caplog.at_level(logging.WARNING, logger=LOGGER):
        cache = cache_at(url, unique_prefix(), timeout_seconds=0.25)
        started = time.monotonic()
        assert cache.fetch(key_for("p"), Counting("first")) == "first"
        first_seconds = time.monotonic() - started
        connections = len(accepted)
        assert [cache.fetch(key_for("p"), Counting(n)) for n in range(5)] == list(range(5))

    assert first_seconds < 2.0  # redis-py's own defaults would wait 5 s, and retry
    assert connections == 1 and len(accepted) == 1  # the later views did not touch the hung server
    assert len([record for record in caplog.records if record.name == LOGGER]) == 1


def test_a_redis_that_stops_and_starts_again_is_used_again(caplog: pytest.LogCaptureFixture):
    with own_redis_server() as (url, process):
        prefix = unique_prefix()
        cache = cache_at(url, prefix, retry_after_seconds=0.2)
        cache.fetch(key_for(prefix), Counting(1))
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        process.kill()
        process.wait(timeout=10)
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            assert cache.fetch(key_for(prefix, version="v2"), Counting(2)) == 2  # down: computed
            restarted = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                          "--appendonly", "no"], stdout=subprocess.DEVNULL, start_new_session=True)
            try:
                wait_for_redis(url)
                time.sleep(0.3)  # past retry_after_seconds
                assert cache.fetch(key_for(prefix, version="v3"), Counting(3)) == 3
                query = Counting(4)
                assert cache.fetch(key_for(prefix, version="v3"), query) == 3 and query.calls == 0
            finally:
                restarted.kill()
                restarted.wait(timeout=10)
    messages = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    assert len(messages) == 2 and "unavailable" in messages[0] and "answers again" in messages[1]


def test_the_test_redis_is_a_real_server():
    assert require_redis().ping() is True
    with pytest.raises(redis.RedisError):
        redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5).ping()
