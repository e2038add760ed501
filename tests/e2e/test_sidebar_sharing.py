"""Sharing on the first screen: at 1280 × 720 the copied link (on the public address), saved views and
the meeting pack are in view without scrolling, above the filters, on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.site import PUBLIC_URL_SETTING
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 90_000
PUBLIC = "https://interventions.example.gov.uk"
#: Every page's path, from dashboard.py's page list (the default page is "/").
PAGE_PATHS = ["/" if "default=True" in line else "/" + re.search(r'url_path="([^"]+)"', line).group(1)
              for line in (Path(__file__).resolve().parents[2] / "dashboard.py").read_text().splitlines()
              if "st.Page(" in line]


@pytest.fixture(scope="module")
def public_app_url(e2e_database_url: str) -> Iterator[str]:
    """The app served with a public address configured (the browser still reaches it on 127.0.0.1)."""
    with serve(e2e_database_url, **{PUBLIC_URL_SETTING: PUBLIC}) as base:
        yield base


def box(page: Page, selector: str) -> dict[str, float]:
    element = page.locator(f'[data-testid="stSidebar"] {selector}').first
    expect(element).to_be_visible(timeout=TIMEOUT_MS)
    return element.bounding_box()


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_link_saved_views_and_pack_are_on_the_first_screen_above_the_filters(page: Page, public_app_url: str,
                                                                              path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{public_app_url}{path}")
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-test-script-state="notRunning"]')).to_be_attached(timeout=TIMEOUT_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    link = box(page, '[data-testid="stCode"]')
    saved = box(page, '[data-testid="stExpander"]:has-text("Saved views")')
    pack = box(page, '[data-testid="stExpander"]:has-text("Meeting pack")')
    filters = box(page, 'h3:has-text("Filters")')
    assert sidebar.evaluate("element => element.querySelector('[data-testid=\"stSidebarContent\"]').scrollTop") == 0
    for name, shown in (("link", link), ("saved views", saved), ("meeting pack", pack)):
        assert shown["y"] >= 0 and shown["y"] + shown["height"] <= 720, (name, shown)
        assert shown["y"] < filters["y"], (name, shown, filters)
    text = sidebar.locator('[data-testid="stCode"]').first.inner_text().strip()
    assert text.startswith(f"{PUBLIC}{'' if path == '/' else path}"), text
    assert "127.0.0.1" not in text
