"""Browser journey: upload a small dataset on About the data, then see the Overview change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from data_access.load import load_dataset
from tests.dataset_builder import write_csv_dataset
from tests.e2e.conftest import serve
from tests.quality_example import write_planted_dataset

pytestmark = pytest.mark.e2e

OVERVIEW_FIGURES = 6


@pytest.fixture
def own_app(tmp_path: Path) -> Iterator[str]:
    """The app against a database of its own holding the tiny hand-worked dataset (an upload replaces it)."""
    url = f"duckdb:///{tmp_path / 'journey.duckdb'}"
    load_dataset(write_csv_dataset(tmp_path / "first"), url, replace=True)
    with serve(url) as base:
        yield base


def _figures(page: Page) -> list[str]:
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(OVERVIEW_FIGURES, timeout=60_000)
    return values.all_inner_texts()


def test_upload_a_dataset_and_see_the_overview_change(page: Page, own_app: str, tmp_path: Path):
    page.goto(own_app)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    before = _figures(page)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="About the data").click()
    expect(page.get_by_role("heading", name="About the data", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Up to 200 MB in all")).to_be_visible()
    upload = write_planted_dataset(tmp_path / "second", clean=True)
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(sorted(upload.iterdir()))
    start = page.get_by_role("button", name="Check and load")
    expect(start).to_be_enabled(timeout=30_000)  # the files have arrived
    start.click()
    expect(page.get_by_text("Every page now shows the new data")).to_be_visible(timeout=60_000)
    history = page.get_by_test_id("stDataFrame").last
    expect(history).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stMetricValue").nth(1)).not_to_have_text(before[1], timeout=30_000)
    after = _figures(page)
    assert after != before
    # The tiny first dataset has 5 referrals in its default period, the uploaded one 9 (shown rounded: 10).
    assert (before[1], after[1]) == ("5", "10")
