"""Browser journey on the PDU comparisons page: pick a PDU of interest in the funnel plot, then open
the copied link in a fresh browser and see the same PDU profile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

WEST_MIDLANDS = "N52"
PROFILE = re.compile(r"^(.+): profile against every PDU in England and Wales$")


def test_funnel_click_picks_the_pdu_and_the_link_reopens_its_profile(page: Page, app_url: str, browser: Browser):
    # Open the app at its root first: on a freshly started server Streamlit answers the very first
    # deep link with a "Page not found" dialog (the pages are not registered until a script has run).
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    page.goto(f"{app_url}/pdu-comparisons?region={WEST_MIDLANDS}")
    expect(page.get_by_role("heading", name="PDU comparisons", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Choose a PDU of interest above", exact=False).first).to_be_visible(timeout=60_000)

    funnel = page.locator("[class*='st-key-comparison_funnel'] .js-plotly-plot")
    funnel.scroll_into_view_if_needed()
    points = funnel.locator("g.scatterlayer path.point")
    expect(points.first).to_be_visible(timeout=60_000)
    points.last.click(force=True)

    expect(page).to_have_url(re.compile(r"cmp_pdu=N52P\d+"), timeout=60_000)
    title = page.get_by_text(PROFILE)
    expect(title).to_be_visible(timeout=60_000)
    heading = title.text_content()
    link = page.url
    chosen = re.search(r"cmp_pdu=(\w+)", link).group(1)

    fresh = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        again = fresh.new_page()
        again.goto(link)
        expect(again.get_by_text(heading, exact=True)).to_be_visible(timeout=60_000)
        expect(again).to_have_url(re.compile(f"cmp_pdu={chosen}"))
    finally:
        fresh.close()
