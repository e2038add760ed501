"""Browser journeys on the Landscape page: click a category in the treemap and see the catalogue narrow; open a chart's data table."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CATALOGUE_COUNT = re.compile(r"^([\d,]+) of ([\d,]+) interventions")


def catalogue_total(page: Page) -> int:
    """Interventions the catalogue lists (its caption reads "N of M interventions. ...")."""
    caption = page.get_by_text(CATALOGUE_COUNT)
    expect(caption).to_be_visible(timeout=60_000)
    return int(CATALOGUE_COUNT.match(caption.inner_text()).group(2).replace(",", ""))


def test_clicking_a_category_in_the_treemap_narrows_the_catalogue(page: Page, app_url: str):
    page.goto(app_url)  # a fresh server's first deep link shows Streamlit's "Page not found" notice once
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    page.goto(f"{app_url}/interventions-landscape")
    expect(page.get_by_role("heading", name="Landscape", exact=True)).to_be_visible(timeout=60_000)
    everything = catalogue_total(page)

    treemap = page.get_by_test_id("stPlotlyChart").nth(1)  # after the ranked bars that lead the page
    tile = treemap.locator("g.slice text").filter(has_text="Structured interventions").first
    expect(tile).to_be_visible(timeout=60_000)
    tile.click(force=True)

    expect(page).to_have_url(re.compile(r"category=structured_intervention"), timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_test_id("stMultiSelect").filter(has_text="Intervention category")
           .get_by_text("Structured interventions")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(CATALOGUE_COUNT)).not_to_have_text(re.compile(rf" of {everything:,} "), timeout=30_000)
    narrowed = catalogue_total(page)
    assert 0 < narrowed < everything

    page.get_by_label("Search the catalogue").fill("emotions")
    page.keyboard.press("Enter")
    expect(page.get_by_text(CATALOGUE_COUNT)).to_have_text(re.compile(rf"^1 of {narrowed} "), timeout=30_000)


def test_a_charts_data_table_opens_with_its_csv_download(page: Page, app_url: str):
    page.goto(f"{app_url}/interventions-landscape")
    expect(page.get_by_role("heading", name="Shortfall in places by need and PDU", exact=True)).to_be_visible(
        timeout=60_000)
    panels = page.get_by_test_id("stExpander").filter(has_text="Show the data as a table")
    expect(panels).to_have_count(7, timeout=30_000)
    shortfall_panel = panels.nth(5)  # ranked bars, treemap, availability, map, demand, shortfall, trend
    expect(shortfall_panel.get_by_test_id("stDataFrame")).to_have_count(0)  # built only when opened

    shortfall_panel.get_by_text("Show the data as a table").click()
    expect(shortfall_panel.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    expect(shortfall_panel.get_by_role("button", name="Download CSV")).to_be_visible(timeout=30_000)
