"""The app served in its production configuration on a free loopback port, for as long as a run needs.

The server gets its own process group, is asked to stop (SIGTERM) when the run ends, and
is killed if it has not stopped within a bound, so no run leaves a server behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from production import REPO_ROOT, serve_command

LOOPBACK = "127.0.0.1"
STOP_SECONDS = 20


class ServerStartError(RuntimeError):
    """The app did not answer its health check in time, or exited while starting."""


@dataclass(frozen=True)
class RunningServer:
    """A server this run started: where it listens and its process id."""

    base_url: str
    pid: int
    log_path: Path


def free_port() -> int:
    """A TCP port free on the loopback interface just now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _is_healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], *, timeout_seconds: float) -> None:
    """Poll ``/_stcore/health`` until the app answers.

    Raises:
        ServerStartError: the process exited, or ``timeout_seconds`` passed.
    """
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerStartError(f"the app exited with status {process.returncode} while starting")
        if _is_healthy(base_url):
            return
        time.sleep(0.25)  # polling a starting server
    raise ServerStartError(f"the app did not answer {base_url}/_stcore/health within {timeout_seconds:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it outlives ``STOP_SECONDS``."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@contextmanager
def production_server(database_url: str, *, startup_seconds: float = 180) -> Iterator[RunningServer]:
    """Serve the app against ``database_url`` on loopback; yield it; stop it however the block ends."""
    port = free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="load-server-"))
    log_path = log_dir / "streamlit.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            serve_command(port=port, address=LOOPBACK),
            cwd=REPO_ROOT,
            env={**os.environ, "DATABASE_URL": database_url},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended as one
        )
    base_url = f"http://{LOOPBACK}:{port}"
    try:
        try:
            wait_until_healthy(base_url, process, timeout_seconds=startup_seconds)
        except ServerStartError as error:
            tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-15:])
            raise ServerStartError(f"{error}; the end of its log ({log_path}):\n{tail}") from None
        yield RunningServer(base_url, process.pid, log_path)
    finally:
        _stop(process)


def resident_memory_mb(pid: int) -> tuple[float, float] | None:
    """(resident set size now, its peak) of process ``pid`` in megabytes, from /proc; None elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    kilobytes = {
        line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))
    }
    if "VmRSS" not in kilobytes:
        return None
    return kilobytes["VmRSS"] / 1024, kilobytes.get("VmHWM", kilobytes["VmRSS"]) / 1024
