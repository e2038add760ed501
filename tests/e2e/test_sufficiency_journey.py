"""Sufficiency gaps in a real browser: click a cell of the PDU × need matrix and the shared
PDU and need filters change (sidebar, link and the matrix itself)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CHART_TIMEOUT_MS = 60_000


def test_clicking_a_matrix_cell_sets_the_pdu_and_need_filters(page: Page, app_url: str) -> None:
    # A fresh server answers its very first deep link with a "Page not found" dialog (st.navigation
    # learns the pages on its first run); open the app once so the dialog cannot swallow the click.
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=CHART_TIMEOUT_MS)
    page.goto(f"{app_url}/sufficiency-gaps")
    expect(page.get_by_role("heading", name="Sufficiency gaps")).to_be_visible(timeout=CHART_TIMEOUT_MS)
    rug = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="by PDU and need")
    expect(rug).to_be_visible(timeout=CHART_TIMEOUT_MS)
    pdu_filter = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Probation Delivery Unit"
    )
    chosen_pdus = pdu_filter.get_by_role("button", name=re.compile(r"^Remove "))
    expect(chosen_pdus).to_have_count(0)

    # The first cell is the first PDU's accommodation cell (needs in contract order).
    first_cell = rug.locator("g.scatterlayer path.point").first
    first_cell.scroll_into_view_if_needed()
    box = first_cell.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    expect(page).to_have_url(re.compile(r"need=accommodation"), timeout=CHART_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"pdu=[^&]+"))
    expect(chosen_pdus).to_have_count(1)
    need_filter = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Need")
    expect(need_filter.get_by_role("button", name="Remove Accommodation")).to_have_count(1)
    # The matrix now holds that one PDU and need: a single cell.
    expect(rug.locator("g.scatterlayer path.point")).to_have_count(1, timeout=CHART_TIMEOUT_MS)
