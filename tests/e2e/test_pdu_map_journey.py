"""Browser journey with the PDU hex map: it draws on each page at both screen sizes, a region zooms it,
and a click on a hex makes that PDU the PDU of interest.

Screenshots go to ``$MAP_SCREENSHOTS`` (default ``screenshots/pdu_map``) for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

SIZES = [(1920, 1080), (1280, 720)]
PAGES = [("pdu-comparisons", "PDU comparisons"), ("sufficiency-gaps", "Sufficiency gaps"), ("interventions-landscape", "Landscape")]
SHOTS = Path(os.environ.get("MAP_SCREENSHOTS", "screenshots/pdu_map"))
MAP = "[class*='st-key-pdu_map_'] .js-plotly-plot"
LONDON = "N07"
HEX_POINTS = 319


def _open(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_map_draws_every_pdu_on_each_page(browser: Browser, app_url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        _open(page, app_url, "Overview")  # a fresh server answers a first deep link with "Page not found"
        SHOTS.mkdir(parents=True, exist_ok=True)
        for path, heading in PAGES:
            _open(page, f"{app_url}/{path}", heading)
            chart = page.locator(MAP)
            chart.scroll_into_view_if_needed(timeout=60_000)
            expect(chart.locator("g.scatterlayer path.js-fill").first).to_be_attached(timeout=60_000)
            # Every PDU drawn: a hover and click point on each of the 318 districts' hexes (Manchester's twice).
            expect(chart.locator("g.scatterlayer path.point")).to_have_count(HEX_POINTS, timeout=60_000)
            expect(page.get_by_text("Every PDU in this view is on the map.")).to_be_visible()
            page.wait_for_timeout(500)  # let the chart finish its first paint before the screenshot
            page.screenshot(path=SHOTS / f"{path}_{width}x{height}.png")
    finally:
        context.close()


def test_a_region_zooms_the_map_and_a_click_picks_the_pdu_of_interest(page: Page, app_url: str):
    _open(page, app_url, "Overview")
    _open(page, f"{app_url}/pdu-comparisons?region={LONDON}", "PDU comparisons")
    chart = page.locator(MAP)
    chart.scroll_into_view_if_needed(timeout=60_000)
    expect(chart.locator("g.scatterlayer path.point").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "pdu-comparisons_london_1280x720.png")
    chart.locator("g.scatterlayer path.point").nth(5).click(force=True)
    expect(page).to_have_url(re.compile(rf"cmp_pdu={LONDON}P\d+"), timeout=60_000)
    expect(page.get_by_text(re.compile(r": profile against every PDU in England and Wales$"))).to_be_visible(
        timeout=60_000)
    page.locator(MAP).scroll_into_view_if_needed(timeout=60_000)  # the redrawn map, the chosen PDU outlined
    page.wait_for_timeout(1000)
    page.screenshot(path=SHOTS / "pdu-comparisons_london_clicked_1280x720.png")
