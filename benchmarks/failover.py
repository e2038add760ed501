"""Failover benchmark (issue 15): how long a view takes to come back after its worker is killed.

Each round starts a two-worker deployment behind HAProxy (``python -m serving``, as production
starts it) on the synthetic sample, opens a Waiting times deep link in headless Chromium, opens a
second tab on the other worker, SIGKILLs the first tab's worker and times how long the first tab
takes to show a finished run from the surviving worker with the same headline figures.
It prints each round, the median and the worst, against the promise of 5 s, with the load average.
Needs HAProxy, Redis (database 6) and Chromium, as the browser journeys do.

Run: ``python -m benchmarks.failover [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sample_data.geography import pdu_table
from tests.data_access.redis_servers import delete_prefix, require_redis, unique_prefix
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.failover_tabs import open_tab
from tests.sample_database import build_sample_database
from tests.serve.deployments import SERVE_REDIS_URL, deployment

TARGET_SECONDS = 5.0


def one_round(database_url: str, browser) -> tuple[float, bool]:
    """(seconds until the view was back, whether its headline figures were unchanged) for one kill."""
    client = require_redis(SERVE_REDIS_URL)
    prefix = unique_prefix()
    pdu = pdu_table().iloc[0]
    try:
        with deployment(database_url, workers=2, redis_prefix=prefix) as served:
            first = open_tab(browser, f"{served.url}/waiting-times?pdu={pdu.pdu_code}&target=8")
            before, doomed = first.figures(), first.worker()
            second = open_tab(browser, f"{served.url}/sufficiency-gaps", avoid_worker=doomed)
            sockets_before = len(first.opened)
            os.kill(served.worker_pids()[doomed], signal.SIGKILL)
            killed_at = time.monotonic()
            seconds = first.wait_until_back(doomed=doomed, sockets_before=sockets_before,
                                            metric_count=len(before), killed_at=killed_at)
            same = first.figures() == before
            first.context.close()
            second.context.close()
            return seconds, same
    finally:
        delete_prefix(client, prefix)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="deployments started and killed (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = build_sample_database(Path(folder) / "sample.duckdb")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            results = []
            for number in range(1, args.rounds + 1):
                seconds, same = one_round(url, browser)
                results.append(seconds)
                print(f"round {number}: view back {seconds:.2f} s after its worker was killed; "
                      f"figures {'unchanged' if same else 'CHANGED'}; load {os.getloadavg()[0]:.1f}", flush=True)
            browser.close()
    worst = max(results)
    print(f"failover: median {statistics.median(results):.2f} s, worst {worst:.2f} s over {len(results)} rounds "
          f"(target ≤ {TARGET_SECONDS:.0f} s: {'met' if worst <= TARGET_SECONDS else 'MISSED'})")


if __name__ == "__main__":
    main()
