"""A deployment of our own for tests: the app's workers behind HAProxy on free loopback ports.

Started as production starts it (``make serve`` or ``python -m serving``), in a session of
its own, against the test database and a Redis database and key prefix of the test's own;
stopped however the test ends, with every process it started checked gone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from production import REPO_ROOT
from serving.haproxy import HAProxyMissingError, haproxy_binary
from serving.processes import free_port, is_healthy

STARTUP_SECONDS = 180
#: The machine's Redis, database 6: the serving tests' own.
SERVE_REDIS_URL = os.environ.get("TEST_SERVE_REDIS_URL", "redis://127.0.0.1:6379/6")


def require_haproxy() -> None:
    """Fail in CI (``.ci/run`` installs HAProxy), skip elsewhere, when HAProxy is missing."""
    try:
        haproxy_binary()
    except HAProxyMissingError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error}: .ci/run must install it")
        pytest.skip(str(error))


@dataclass(frozen=True)
class RunningDeployment:
    """A deployment a test started: its launcher (``make`` or ``python -m serving``) and run folder."""

    url: str
    launcher: subprocess.Popen[bytes]
    run_dir: Path

    def state(self) -> dict:
        """``serve.json``: HAProxy's and each worker's pid, port and name."""
        return json.loads((self.run_dir / "serve.json").read_text(encoding="utf-8"))

    def worker_pids(self) -> dict[str, int]:
        """Each worker's pid, by name."""
        return {worker["name"]: worker["pid"] for worker in self.state()["workers"]}

    def started_pids(self) -> list[int]:
        """HAProxy's and the workers' pids."""
        return [self.state()["haproxy"]["pid"], *self.worker_pids().values()]

    def log_tail(self, lines: int = 30) -> str:
        """The end of the launcher's and every child's log, for a failure message."""
        parts = []
        for log in sorted(self.run_dir.glob("*.log")):
            parts.append(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(parts)


def is_running(pid: int) -> bool:
    """Whether process ``pid`` exists (and is not a zombie)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    return "\nState:\tZ" not in status


@contextmanager
def deployment(database_url: str, *, workers: int, redis_prefix: str, use_make: bool = False
               ) -> Iterator[RunningDeployment]:
    """Serve ``database_url`` with ``workers`` workers behind HAProxy; yield it once it answers; stop it after."""
    require_haproxy()
    port = free_port()
    run_dir = Path(tempfile.mkdtemp(prefix="serve-"))  # short: a unix socket path has at most 107 characters
    environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": SERVE_REDIS_URL,
                   "REDIS_KEY_PREFIX": redis_prefix}
    arguments = [f"WORKERS={workers}", f"SERVE_PORT={port}", "SERVE_ADDRESS=127.0.0.1", f"SERVE_RUN_DIR={run_dir}"]
    command = (["make", "--no-print-directory", "serve", *arguments] if use_make else
               [sys.executable, "-m", "serving", "--workers", str(workers), "--port", str(port),
                "--address", "127.0.0.1", "--run-dir", str(run_dir)])
    with (run_dir / "launcher.log").open("wb") as log:
        launcher = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # its own group, as a terminal's foreground job
    running = RunningDeployment(f"http://127.0.0.1:{port}", launcher, run_dir)
    try:
        _wait_until_serving(running)
        yield running
    finally:
        stop(running)


def _wait_until_serving(running: RunningDeployment) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and running.launcher.poll() is None:
        if (running.run_dir / "serve.json").exists() and is_healthy(running.url):
            return
        time.sleep(0.5)  # polling starting servers
    pytest.fail(f"the deployment did not start within {STARTUP_SECONDS} s:\n{running.log_tail()}")


def stop(running: RunningDeployment, *, timeout_seconds: float = 60) -> None:
    """Ctrl-C the launcher's group (as a terminal does) and wait; kill whatever is left after that."""
    pids = running.started_pids() if (running.run_dir / "serve.json").exists() else []
    if running.launcher.poll() is None:
        os.killpg(running.launcher.pid, signal.SIGINT)
        try:
            running.launcher.wait(timeout=timeout_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(running.launcher.pid, signal.SIGKILL)
            running.launcher.wait(timeout=10)
    for pid in pids:
        if is_running(pid):
            os.killpg(pid, signal.SIGKILL)  # each child leads its own group
