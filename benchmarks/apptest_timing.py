"""Time a page's server-side run with Streamlit's AppTest, on a cold and a warm cache."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access.engine import REPO_ROOT

ENTRYPOINT = str(REPO_ROOT / "dashboard.py")


def open_app(database_url: str, page: str, **query: str) -> AppTest:
    """The app on ``page`` against ``database_url``, run once (caches cleared afterwards)."""
    os.environ["DATABASE_URL"] = database_url
    app = AppTest.from_file(ENTRYPOINT, default_timeout=300)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    if app.exception:
        raise RuntimeError(f"{page} failed: {app.exception[0].message}")
    st.cache_data.clear()
    return app


def time_run(app: AppTest, change: Callable[[AppTest], object] | None = None) -> float:
    """Seconds for one rerun (after applying ``change``, e.g. setting a widget's value)."""
    started = time.perf_counter()
    if change is None:
        app.run()
    else:
        change(app)
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    return seconds


def cold_and_warm(
    app: AppTest, change: Callable[[AppTest], object] | None = None, *, clear: bool = True
) -> tuple[float, float]:
    """(cache-miss seconds, cache-hit seconds) for a rerun after ``change``.

    With ``clear`` every cached result is dropped first (the first view after new
    data); without it only results for the new arguments miss (a filter
    combination not seen before, with shared look-ups such as filter choices warm).
    """
    if clear:
        st.cache_data.clear()
    cold = time_run(app, change)
    warm = time_run(app)
    return cold, warm
