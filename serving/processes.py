"""Child processes of ``make serve``: started in process groups of their own, ended with their parent,
stopped politely and then for sure.

Each child leads its own process group, so stopping it stops anything it started, and the
launcher decides the order of shutdown (HAProxy first, then the workers) rather than the
terminal's Ctrl-C reaching everything at once. On Linux each child also asks the kernel to
send it SIGTERM if the launcher dies without stopping it (``PR_SET_PDEATHSIG``), so even a
``kill -9`` of the launcher leaves no orphan serving the old code.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

LOOPBACK = "127.0.0.1"
STOP_SECONDS = 20
_PR_SET_PDEATHSIG = 1


def free_port() -> int:
    """A TCP port free on the loopback interface just now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _end_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the launcher's shutdown still stops them
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start_child(command: list[str], *, log: Path, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    """Start ``command`` in a process group of its own, writing to ``log``, ended with this process."""
    with log.open("ab") as log_file:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=_end_with_parent)


def stop_group(process: subprocess.Popen[bytes], *, timeout_seconds: float = STOP_SECONDS) -> None:
    """SIGTERM ``process``'s group; SIGKILL it if still there after ``timeout_seconds``."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=timeout_seconds)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(timeout=timeout_seconds)
    _signal_group(process, signal.SIGKILL)  # anything the child left behind in its group


def _signal_group(process: subprocess.Popen[bytes], number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is already empty
        os.killpg(process.pid, number)


def is_healthy(base_url: str) -> bool:
    """Whether Streamlit at ``base_url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], *, timeout_seconds: float) -> bool:
    """Poll ``base_url``'s health check until it passes (True), or the process exits or time runs out (False)."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline and process.poll() is None:
        if is_healthy(base_url):
            return True
        time.sleep(0.25)  # polling a starting server
    return False
