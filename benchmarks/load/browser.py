"""The Chromium figure: seconds from opening a link to every chart on the page drawn.

Each visit is a new browser context (a new person: no session, no cached assets), in
Debian's Chromium launched as the browser journeys launch it (tests/e2e/conftest.py).
"Drawn" means Streamlit reports the script no longer running, the page's heading is
there, no element is still a loading skeleton, and every Plotly chart holds its SVG.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.load.links import Link
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1280, "height": 720}
EVERY_CHART_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stHeading"]')) return false;
  // Element types load lazily; a skeleton stands in until the code for one has arrived.
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return Array.from(charts).every((chart) => chart.querySelector('.main-svg') !== null);
}"""


@dataclass(frozen=True)
class BrowserTiming:
    """One link's visits: seconds to every chart drawn, the charts counted, any failure."""

    link: Link
    seconds: list[float]
    chart_count: int
    failure: str | None = None

    @property
    def median_seconds(self) -> float | None:
        """The median visit, or None when no visit finished."""
        return statistics.median(self.seconds) if self.seconds else None


def _visit(browser: Browser, url: str, *, timeout_seconds: float) -> tuple[float, int]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(EVERY_CHART_DRAWN, timeout=timeout_seconds * 1000)
        seconds = time.perf_counter() - started
        return seconds, page.locator('[data-testid="stPlotlyChart"]').count()
    finally:
        context.close()


def _time_link(browser: Browser, base_url: str, link: Link, *, repeats: int, timeout_seconds: float) -> BrowserTiming:
    seconds: list[float] = []
    chart_count = 0
    for _ in range(repeats):
        try:
            visit_seconds, chart_count = _visit(browser, base_url + link.path, timeout_seconds=timeout_seconds)
        except PlaywrightTimeoutError:
            return BrowserTiming(link, seconds, chart_count, f"not every chart drawn within {timeout_seconds:.0f} s")
        seconds.append(visit_seconds)
    return BrowserTiming(link, seconds, chart_count)


def time_in_chromium(
    base_url: str, links: Sequence[Link], *, repeats: int, timeout_seconds: float
) -> list[BrowserTiming]:
    """Open each link ``repeats`` times, one visit at a time, and time every chart drawn."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return [
                _time_link(browser, base_url, link, repeats=repeats, timeout_seconds=timeout_seconds)
                for link in links
            ]
        finally:
            browser.close()


def chromium_table(timings: Sequence[BrowserTiming]) -> list[str]:
    """Text lines: per page, the median and slowest visit and the charts drawn."""
    lines = [f"{'':<18}{'link':<28}{'visits':>7}{'median':>10}{'max':>10}{'charts':>8}"]
    for timing in timings:
        median = "—" if timing.median_seconds is None else f"{timing.median_seconds:.2f} s"
        slowest = f"{max(timing.seconds):.2f} s" if timing.seconds else "—"
        lines.append(f"{timing.link.page.title:<18}{timing.link.path:<28}{len(timing.seconds):>7}"
                     f"{median:>10}{slowest:>10}{timing.chart_count:>8}")
        if timing.failure:
            lines.append(f"{'':<18}{timing.failure}")
    return lines
