"""Redis for the shared-cache tests: the machine's server (a database number of our own, keys under a
prefix of our own), a server of our own we can stop, a closed port, and a server that never answers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis

#: The machine's Redis, database 5: the tests' own, never flushed (each test has its own key prefix).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def free_port() -> int:
    """A loopback TCP port nobody listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_redis(url: str = TEST_REDIS_URL) -> redis.Redis:
    """A client of ``url``; skips (a failure in CI) when no Redis answers there."""
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {url} ({error}): .ci/run starts one")
    return client


def unique_prefix() -> str:
    """A key prefix no other test (nor another engineer's run) uses."""
    return f"test-{uuid.uuid4().hex[:10]}"


def delete_prefix(client: redis.Redis, prefix: str) -> None:
    """Delete every key under ``prefix``."""
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)


@contextmanager
def own_redis_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Redis server of our own on a free port (no persistence); yields its URL and process; stopped after."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, start_new_session=True)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for_redis(url)
        yield url, process
    finally:
        process.kill()
        process.wait(timeout=10)


def wait_for_redis(url: str, *, timeout_seconds: float = 10) -> None:
    """Wait until a Redis at ``url`` answers PING."""
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    deadline = time.monotonic() + timeout_seconds
    while True:
        try:
            client.ping()
            return
        except redis.RedisError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)  # polling a starting server


@contextmanager
def silent_server() -> Iterator[tuple[str, list[int]]]:
    """A TCP server that accepts connections and never answers (a Redis hung or far away).

    Yields its URL and a list that grows by one for every connection accepted.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    accepted: list[int] = []
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(connection)  # kept open, never read from or written to
            accepted.append(1)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0", accepted
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()
