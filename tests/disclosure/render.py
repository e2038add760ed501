"""Render pages and the meeting pack for one scope through AppTest, and collect what they show.

A scope is what the link to a view carries: the sidebar filters and page
settings as query parameters. Every "Show the data as a table" panel is opened
(each is a keyed expander; its key is set in session state), so that the data
tables and their CSV downloads are drawn too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import user_key_from_element_id

from tests.disclosure.collect_app import capture_downloads, download_bytes, page_view
from tests.disclosure.collect_pack import pack_views
from tests.disclosure.view import View

REPO_ROOT: Final = Path(__file__).resolve().parents[2]
APP_TIMEOUT_SECONDS: Final = 120
#: Page title -> script, in navigation order (read from dashboard.py, as the app registers them).
PAGES: Final[dict[str, str]] = {
    title: script for script, title in
    re.findall(r'st\.Page\("(pages/[a-z_]+\.py)", title="([^"]+)"', (REPO_ROOT / "dashboard.py").read_text("utf-8"))
}
#: Keys of the data-table panels met so far: each new session opens them all before its first run.
_PANEL_KEYS: set[str] = set()


@dataclass(frozen=True)
class Scope:
    """One view of the data to attack: its test id, its link's query, the pages to render, and the pack."""

    id: str
    query: dict[str, str] = field(default_factory=dict)
    pages: tuple[str, ...] = tuple(PAGES)
    pack: bool = False


def _open_panels(at: AppTest) -> bool:
    """Open every data-table panel on the page; True when one was closed (the page must run again)."""
    keys = {user_key_from_element_id(expander.proto.id) for expander in at.expander if expander.proto.id}
    new = {key for key in keys if key and key not in _PANEL_KEYS}
    _PANEL_KEYS.update(new)
    for key in new:
        at.session_state[key] = True
    return bool(new)


def _run(at: AppTest) -> None:
    at.run()
    if _open_panels(at):
        at.run()


def render(scope: Scope, *, title_of: Callable[[str], str]) -> list[View]:
    """Every view of ``scope``: each page in ``scope.pages``, then each section of the meeting pack."""
    views: list[View] = []
    with capture_downloads() as files:
        at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)
        for name, value in scope.query.items():
            at.query_params[name] = value
        for key in _PANEL_KEYS:
            at.session_state[key] = True
        _run(at)  # the default page, the Overview
        for title in scope.pages:
            if title != next(iter(PAGES)):
                at.switch_page(PAGES[title])
                _run(at)
            views.append(page_view(at, f"{scope.id} · {title}", files=files, title_of=title_of))
        if scope.pack:
            at.sidebar.button(key="pack_build").click().run()
            buttons = [b for b in at.get("download_button") if b.proto.label == "Download meeting pack"]
            page = download_bytes(buttons[0], files) if buttons else None
            if page is None:
                views.append(View(f"{scope.id} · meeting pack", notes=["the meeting pack could not be downloaded"]))
            else:
                views += pack_views(page.decode("utf-8"), scope=scope.id, title_of=title_of)
    return views


def area_names(names: list[str]) -> Callable[[str], str]:
    """A title function that writes every PDU and region name as "<area>", so titles match across scopes."""
    ordered = sorted({name for name in names if name}, key=len, reverse=True)
    # "Wales" is a region; "England and Wales" is the benchmark, the same in every scope.
    pattern = re.compile("(?<!England and )(" + "|".join(re.escape(name) for name in ordered) + ")") if ordered else None
    return (lambda text: pattern.sub("<area>", text)) if pattern else (lambda text: text)
