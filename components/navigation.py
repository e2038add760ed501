"""The page order, kept in one place (dashboard.py's PAGES list), and each page's neighbours.

dashboard.py hands its pages and the page being run to ``remember_pages`` on every
run; pages and components then ask for the current page, its neighbours (for the
Previous / Next buttons of presentation mode) or a page by its URL path (to open a
saved view).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner import get_script_run_ctx

_PAGES_KEY = "_navigation_pages"
_CURRENT_KEY = "_navigation_current"


def remember_pages(pages: Sequence[StreamlitPage], current: StreamlitPage) -> None:
    """Record the app's pages in navigation order and the page this run shows."""
    st.session_state[_PAGES_KEY] = list(pages)
    st.session_state[_CURRENT_KEY] = current


def page_path(page: StreamlitPage) -> str:
    """A page's path in the app's URL: "/" for the default page, else "/<url_path>"."""
    return f"/{page.url_path}"


def all_pages() -> list[StreamlitPage]:
    """Every page in navigation order (empty before dashboard.py has run)."""
    return list(st.session_state.get(_PAGES_KEY, []))


def _running_script() -> Path | None:
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    info = ctx.pages_manager.get_pages().get(ctx.pages_manager.current_page_script_hash) or {}
    script = info.get("script_path")
    return Path(script).resolve() if script else None


def current_page() -> StreamlitPage | None:
    """The page being shown.

    Found by the script this run executes, because a test harness may run a page
    script without running dashboard.py first; else the page dashboard.py registered.
    """
    running = _running_script()
    for page in all_pages():
        # StreamlitPage keeps its file as ``_page`` (an absolute Path); no public accessor exists.
        if running is not None and getattr(page, "_page", None) == running:
            return page
    return st.session_state.get(_CURRENT_KEY)


def page_at(path: str) -> StreamlitPage | None:
    """The page whose ``page_path`` is ``path``, or None when no page has it."""
    return next((page for page in all_pages() if page_path(page) == path), None)


def neighbours() -> tuple[StreamlitPage | None, StreamlitPage | None]:
    """The pages before and after the current one in navigation order (None at either end)."""
    pages, current = all_pages(), current_page()
    paths = [page_path(page) for page in pages]
    if current is None or page_path(current) not in paths:
        return None, None
    index = paths.index(page_path(current))
    before = pages[index - 1] if index > 0 else None
    after = pages[index + 1] if index + 1 < len(pages) else None
    return before, after
