"""Presentation mode fits a meeting-room screen: on every page, at 1280×720 and 1920×1080, the slide's
headline sentence and every headline figure lie inside the viewport; at 1920×1080 the main chart does
too, and at 1280×720 it starts on the same screen.

Each size opens the app once, then every page's deep link with ``present=1``, and measures the
bounding boxes Chromium lays out. Screenshots are kept in the test's temporary folder for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import REPO_ROOT

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 90_000
SIZES = ((1280, 720), (1920, 1080))
#: Every page in navigation order: (title, URL path), read from dashboard.py as the app registers them.
PAGES = [(title, path or "") for title, path in re.findall(
    r'st\.Page\("pages/[a-z_]+\.py", title="([^"]+)"(?:, icon="[^"]*")?(?:, url_path="([^"]*)")?',
    (REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))]
#: Headline figures each page shows (Key findings shows one finding and its chart; Data quality and About the data none).
FIGURES = {"Overview": 6, "Key findings": 0, "Landscape": 5, "Waiting times": 6, "Sufficiency gaps": 4,
           "PDU comparisons": 4, "Data quality": 0, "About the data": 0}
#: Pages without a slide (no sentence, no main chart on the first screen): Data quality is a table to read.
WITHOUT_SLIDE = {"Data quality", "About the data"}


def test_every_page_is_registered_with_its_figures():
    assert [title for title, _ in PAGES] == list(FIGURES)


def inside(box: dict[str, float] | None, width: int, height: int) -> bool:
    """Whether a bounding box lies wholly within the viewport (a pixel of rounding allowed)."""
    return box is not None and box["x"] >= -1 and box["y"] >= -1 and \
        box["x"] + box["width"] <= width + 1 and box["y"] + box["height"] <= height + 1


def settled(page: Page, title: str) -> None:
    """The page's heading, its slide sentence, figures and first chart drawn, and no element still stale."""
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    if title not in WITHOUT_SLIDE:
        expect(page.locator(".st-key-slide_sentence p").first).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stMain"] [data-testid="stMetric"]')).to_have_count(FIGURES[title],
                                                                                          timeout=TIMEOUT_MS)
    expect(page.locator("[data-stale=true]")).to_have_count(0, timeout=TIMEOUT_MS)


def boxes(locator: Locator) -> list[dict[str, float] | None]:
    return [item.bounding_box() for item in locator.all()]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_slide_fits_the_screen(browser: Browser, app_url: str, size: tuple[int, int], tmp_path: Path):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(app_url)  # a fresh server learns its pages on the first run
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    misfits = []
    for title, path in PAGES:
        page.goto(f"{app_url}/{path}?present=1")
        settled(page, title)
        page.screenshot(path=tmp_path / f"{path or 'overview'}-{width}.png")
        figures = boxes(page.locator('[data-testid="stMain"] [data-testid="stMetric"]'))
        misfits += [f"{title}: headline figure {index + 1} at {box}" for index, box in enumerate(figures)
                    if not inside(box, width, height)]
        if title in WITHOUT_SLIDE:
            continue
        sentence = page.locator(".st-key-slide_sentence").first.bounding_box()
        if not inside(sentence, width, height):
            misfits.append(f"{title}: sentence at {sentence}")
        chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
        fits = inside(chart, width, height) if height >= 1080 else chart is not None and chart["y"] < height
        if not fits:
            misfits.append(f"{title}: main chart at {chart}")
    context.close()
    assert misfits == [], f"screenshots in {tmp_path}"
