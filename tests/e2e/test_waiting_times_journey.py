"""Waiting times in a real browser: a shared link with a PDU and a target opens the page with both
applied, and changing the target moves the target line and the link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from sample_data.geography import pdu_table

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 60_000


def test_a_link_with_a_pdu_and_a_target_opens_the_page_with_both_applied(page: Page, app_url: str) -> None:
    pdu = pdu_table().iloc[0]
    # A fresh server answers its very first deep link with "Page not found" (st.navigation learns the
    # pages on its first run): open the app once first.
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=TIMEOUT_MS)

    page.goto(f"{app_url}/waiting-times?pdu={pdu.pdu_code}&target=8")
    expect(page.get_by_role("heading", name="Waiting times", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(pdu.pdu_name).first).to_be_visible(timeout=TIMEOUT_MS)  # the scope line
    pdu_filter = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Probation Delivery Unit")
    expect(pdu_filter.get_by_role("button", name=f"Remove {pdu.pdu_name}")).to_have_count(1)
    target = page.locator('[data-testid="stNumberInput"]').filter(has_text="Target (weeks)").locator("input")
    expect(target).to_have_value("8", timeout=TIMEOUT_MS)
    bands = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Shape of the list")
    expect(bands.get_by_text("Target: 8 weeks")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(6)

    target.fill("26")
    target.press("Enter")
    expect(page).to_have_url(re.compile(r"target=26"), timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(f"pdu={pdu.pdu_code}"))
    expect(bands.get_by_text("Target: 26 weeks")).to_be_visible(timeout=TIMEOUT_MS)
