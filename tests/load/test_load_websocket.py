"""The load benchmark's protocol code against a real server: two people open a deep link together.

Starts the app in its production configuration on the small test database, as the
benchmark does, and drives it over Streamlit's websocket. Proves the protocol code
works, and that no deep link meets "Page not found", not even the first a fresh
server answers; it times nothing.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from benchmarks.load.links import app_pages, find_page, region_link, same_links
from benchmarks.load.protocol import open_view
from benchmarks.load.server import production_server, resident_memory_mb
from benchmarks.load.sessions import drive_users
from tests.sample_database import build_sample_database

T = TypeVar("T")


def _run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on a fresh event loop in its own thread: the browser tests' Playwright keeps
    an event loop running in this thread when they run first, and asyncio.run refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_sample_database(tmp_path_factory.mktemp("load_db") / "sample.duckdb")


@pytest.fixture(scope="module")
def server(database_url: str):
    with production_server(database_url, startup_seconds=120) as running:
        yield running


def test_two_sessions_open_a_deep_link_and_see_its_script_finish_without_exceptions(server):
    link = region_link(find_page(app_pages(), "Waiting times"), "N53")
    run = _run_apart(drive_users(server.base_url, same_links(link, users=2, views=1), timeout_seconds=120))

    assert len(run.results) == 2
    for result in run.results:
        assert result.failure is None and not result.timed_out
        assert result.reading.finished
        assert result.reading.exception_messages == []
        assert result.reading.shown_page == "waiting-times"
        assert result.reading.element_count > 10
        assert not result.reading.page_not_found
        assert not result.failed
    assert resident_memory_mb(server.pid) is not None


def test_the_first_view_of_a_fresh_server_is_a_deep_link_and_finds_its_page(database_url: str):
    # A team opens a link right after a deploy: no session has run st.navigation yet.
    link = region_link(find_page(app_pages(), "PDU comparisons"), None)
    with production_server(database_url, startup_seconds=120) as fresh:
        first = _run_apart(open_view(fresh.base_url, link, timeout_seconds=120))

    assert not first.reading.page_not_found
    assert first.reading.shown_page == "pdu-comparisons"
    assert not first.failed

