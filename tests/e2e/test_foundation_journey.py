"""Browser journey through the shared filters: set one, change page, share the link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e


#: The Overview's headline figures, in two rows of three.
OVERVIEW_FIGURES = 6


def metric_values(page: Page) -> list[str]:
    """The Overview's headline figures, once all have arrived (the second row can follow the first)."""
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(OVERVIEW_FIGURES, timeout=60_000)
    return values.all_inner_texts()


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar multiselect labelled ``label``.

    A rerun that redraws the sidebar closes an open dropdown, so open it again
    until the option shows (an expect-style wait, not a sleep).
    """
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label)
    choice = page.locator("[role=option]").filter(has_text=re.compile(f"^{re.escape(option)}$"))
    for _ in range(5):
        box.scroll_into_view_if_needed()  # the filters start under the fold, below the sharing tools
        box.locator("input").click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            choice.click(timeout=5_000)
            break
        except (AssertionError, PlaywrightTimeoutError):
            continue
    page.keyboard.press("Escape")


def test_filter_survives_a_page_switch_and_a_shared_link(page: Page, app_url: str, browser: Browser):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    national = metric_values(page)

    choose(page, "Need", "Accommodation")
    expect(page).to_have_url(re.compile(r"need=accommodation"), timeout=30_000)
    expect(page.get_by_test_id("stMetricValue").first).not_to_have_text(national[0], timeout=30_000)
    expect(page.get_by_test_id("stMetricValue")).to_have_count(len(national))
    filtered = metric_values(page)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="About the data").click()
    expect(page.get_by_role("heading", name="About the data", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stSidebar").get_by_text("Accommodation", exact=True)).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(r"need=accommodation"), timeout=30_000)
    expect(page.get_by_test_id("stMetricValue")).to_have_text(filtered, timeout=60_000)

    shared_link = page.url
    fresh = browser.new_context(viewport={"width": 1920, "height": 1080})
    other = fresh.new_page()
    other.goto(shared_link)
    expect(other.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    expect(other.get_by_test_id("stMetricValue")).to_have_text(filtered, timeout=60_000)
    fresh.close()


def test_a_shared_link_is_the_first_visit_to_a_freshly_started_server(page: Page, e2e_database_url: str):
    # Streamlit would start in its folder-based page mode until st.navigation has run once;
    # production starts in navigation mode, so the first visitor arriving by a deep link gets
    # the app's own page, laid out by dashboard.py, and no "Page not found" notice.
    with serve(e2e_database_url) as fresh:
        page.goto(f"{fresh}/interventions-landscape?need=accommodation")
        expect(page.get_by_role("heading", name="Landscape", exact=True)).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation.get_by_role("link", name="Overview", exact=True)).to_be_visible()
        expect(navigation.get_by_role("link", name="dashboard")).to_have_count(0)  # the folder mode's main page
        expect(page.get_by_test_id("stSidebar").get_by_text("Accommodation", exact=True)).to_be_visible()
