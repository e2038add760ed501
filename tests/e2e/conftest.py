"""Playwright fixtures: the app served by Streamlit on a free local port, driven in Debian's Chromium.

Browsers cannot be downloaded here, so Playwright launches /usr/bin/chromium
(override with CHROMIUM_PATH). Tests skip when it is absent; in CI a skip fails the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from production import serve_command
from tests.sample_database import build_sample_database

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]

#: How long an assertion waits for the page to reach the state it expects. Playwright's default
#: (5 s) is too short on a shared 2-core machine under load, where a rerun can take that long;
#: a waiting assertion returns as soon as it holds, so a passing journey is no slower for it.
EXPECT_TIMEOUT_MS = 30_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Launch Debian's Chromium headless with the flags this network needs."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, object]:
    """A 1280×720 window, the smaller of the two screen sizes we design for."""
    return {"viewport": {"width": 1280, "height": 720}, "accept_downloads": True}


@contextmanager
def serve(database_url: str, *, port: int | None = None, secrets_file: str | None = None,
          **environment: str) -> Iterator[str]:
    """Serve the app as production does (``production.py``) on ``port`` (default: a free one) against
    ``database_url``, reading ``secrets_file`` if given, with ``environment`` added to its environment;
    yield its base URL."""
    port = port or _free_port()
    server = subprocess.Popen(
        serve_command(port=port, address="127.0.0.1", secrets_file=secrets_file),
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **environment},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_until_healthy(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)  # polling a starting server, not waiting on the page under test
    pytest.fail("Streamlit did not start within 60 s")


@pytest.fixture(scope="session")
def e2e_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The synthetic test database the browser journeys run against."""
    return build_sample_database(tmp_path_factory.mktemp("e2e_db") / "sample.duckdb")


@pytest.fixture(scope="session")
def app_url(e2e_database_url: str) -> Iterator[str]:
    """Base URL of the app running against the synthetic test database (shared by journeys)."""
    with serve(e2e_database_url) as base:
        yield base
