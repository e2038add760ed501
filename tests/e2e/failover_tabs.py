"""Browser tabs on a served deployment, watched through a worker's death (issue 15).

Shared by the failover journey (``tests/e2e/test_failover_journey.py``), which checks that the view
comes back whole, and the failover benchmark (``python -m benchmarks.failover``), which measures how
long that takes. The time is a benchmark figure, not a test assertion: CI machines are shared.
"""

from __future__ import annotations

import time

from playwright.sync_api import Browser, BrowserContext, WebSocket, expect

from serving.haproxy import COOKIE_NAME

#: Generous bounds for a shared, noisy machine; the promise of 5 s is measured by the benchmark.
TIMEOUT_MS = 90_000
METRICS = '[data-testid="stMainBlockContainer"] [data-testid="stMetric"]'
FINISHED = '[data-test-script-state="notRunning"]'
#: Each headline figure as [label, value], read from one element at a time (null where either is missing).
FIGURE_PAIRS_JS = """metrics => metrics.map(metric => {
    const label = metric.querySelector('[data-testid="stMetricLabel"]');
    const value = metric.querySelector('[data-testid="stMetricValue"]');
    return label && value ? [label.innerText.trim(), value.innerText.trim()] : null;
})"""
#: A fresh run of a page sends over a hundred messages; a reconnection that ran nothing, a handful.
RUN_MESSAGES = 20


class Watched:
    """A browser tab and its websockets: which ones closed, and when frames last arrived."""

    def __init__(self, context: BrowserContext) -> None:
        self.context, self.page = context, context.new_page()
        self.closed: list[str] = []
        self.opened: list[WebSocket] = []
        self.frames_received: list[int] = []  # per websocket, in order of opening
        self.events: list[tuple[float, str]] = []  # (monotonic time, what happened), for a failure message
        self.page.on("websocket", self._opened)

    def _opened(self, socket: WebSocket) -> None:
        index = len(self.opened)
        self.opened.append(socket)
        self.frames_received.append(0)
        self.events.append((time.monotonic(), f"connection {index} opened"))
        socket.on("close", lambda closed: self._closed(index, closed.url))
        socket.on("framereceived", lambda _frame: self._count(index))

    def _closed(self, index: int, url: str) -> None:
        self.closed.append(url)
        self.events.append((time.monotonic(), f"connection {index} closed"))

    def _count(self, index: int) -> None:
        if self.frames_received[index] == 0:
            self.events.append((time.monotonic(), f"connection {index}: first message"))
        self.frames_received[index] += 1

    def timeline(self, since: float) -> str:
        """What happened to the tab's connections after ``since``, in seconds from it."""
        return "; ".join(f"{moment - since:+.2f} s {what}" for moment, what in self.events if moment >= since)

    def worker(self) -> str:
        """The worker HAProxy's affinity cookie names."""
        return next(cookie["value"] for cookie in self.context.cookies() if cookie["name"] == COOKIE_NAME)

    def figures(self) -> dict[str, str]:
        """The headline figures once the script has finished: label -> value."""
        expect(self.page.locator(FINISHED)).to_be_attached(timeout=TIMEOUT_MS)
        metrics = self.page.locator(METRICS)
        expect(metrics.first).to_be_visible(timeout=TIMEOUT_MS)
        previous = None
        for _ in range(100):  # read each figure's label and value together until two readings agree
            pairs = metrics.evaluate_all(FIGURE_PAIRS_JS)
            if pairs and None not in pairs and pairs == previous:
                return dict(pairs)
            previous = pairs
            self.page.wait_for_timeout(200)  # still being drawn; no event marks the end
        raise AssertionError(f"the headline figures never settled: {previous}")

    def wait_until_back(self, *, doomed: str, sockets_before: int, metric_count: int, killed_at: float,
                        timeout_seconds: float = TIMEOUT_MS / 1000) -> float:
        """Seconds from ``killed_at`` until the tab shows a finished run from another worker.

        Back means: HAProxy's cookie names a live worker, a new connection has carried a run's
        messages, the script is not running, and the page shows as many headline figures as before
        (while a run is in progress the old, stale elements and the new ones can both be on screen).
        """
        deadline = killed_at + timeout_seconds
        while True:
            if (self.worker() != doomed and len(self.opened) > sockets_before and self.frames_received[-1] >= RUN_MESSAGES
                    and self.page.locator(FINISHED).count() == 1
                    and self.page.locator(METRICS).count() == metric_count):
                return time.monotonic() - killed_at
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the view did not come back from another worker within {timeout_seconds:.0f} s: cookie "
                    f"{self.worker()}, {len(self.opened) - sockets_before} new connections, messages "
                    f"{self.frames_received}, {self.page.locator(METRICS).count()} headline figures "
                    f"(before: {metric_count}); {self.timeline(killed_at)}")
            self.page.wait_for_timeout(50)  # the browser's reconnection has no event of its own


def open_tab(browser: Browser, url: str, *, avoid_worker: str | None = None) -> Watched:
    """A new browser (context) on ``url``; with ``avoid_worker``, retried until HAProxy puts it on another."""
    for _ in range(6):
        tab = Watched(browser.new_context(viewport={"width": 1280, "height": 720}))
        tab.page.goto(url)
        tab.figures()
        if avoid_worker is None or tab.worker() != avoid_worker:
            return tab
        tab.context.close()
    raise AssertionError(
        f"HAProxy put six new sessions on {avoid_worker}: least-connections balancing is not working")
