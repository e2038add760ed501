"""What the load benchmark prints: the set-up, the warm-up, the figures, memory and Chromium."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence

from benchmarks.load.browser import BrowserTiming, chromium_table
from benchmarks.load.protocol import ViewResult
from benchmarks.load.server import RunningServer
from benchmarks.load.sessions import LoadRun
from benchmarks.load.shared_cache import CacheCounts
from benchmarks.load.summary import by_page, summarise, summary_table, throughput_per_second
from production import PRODUCTION_OPTIONS

SHOWN_PROBLEMS = 5


def print_heading(users: int, views: int, kind: str, database_url: str, referral_count: int) -> None:
    """The run's shape and its data."""
    print(f"Load benchmark: {users} users × {views} views each ({kind})")
    print(f"Data: {database_url} ({referral_count:,} referrals)")


def print_server(server: RunningServer | None, base_url: str) -> None:
    """Which app is under load."""
    if server is None:
        print(f"App: {base_url} (already running; its configuration and memory are not ours to know)")
        return
    options = ", ".join(f"{name}={value}" for name, value in PRODUCTION_OPTIONS.items())
    print(f"App: {base_url}, pid {server.pid}, production configuration ({options}); log {server.log_path}")


def _problems(results: Sequence[ViewResult]) -> list[str]:
    """The most common distinct problems, most frequent first."""
    problems: Counter[str] = Counter()
    for result in results:
        problems.update(result.reading.exception_messages)
        if result.failure:
            problems[result.failure] += 1
        if result.timed_out:
            problems["timed out"] += 1
        if result.reading.finished and result.reading.shown_page != result.link.page.url_path:
            problems[f"asked for /{result.link.page.url_path}, got /{result.reading.shown_page}"] += 1
    return [f"{count} × {problem[:300]}" for problem, count in problems.most_common(SHOWN_PROBLEMS)]


def print_warm_up(results: Sequence[ViewResult]) -> None:
    """The warm-up (each distinct link once, one at a time), and what the very first view met."""
    if not results:
        return
    first = results[0]
    notice = "shown" if first.reading.page_not_found else "not shown"
    distinct_count = len({result.link for result in results})
    print(f"Warm-up: {len(results)} views of {distinct_count} distinct links, one at a time, in "
          f"{sum(r.seconds for r in results):.1f} s; "
          f"first view of the server {first.link.path}: {first.seconds:.2f} s, \"Page not found\" {notice}; "
          f"later \"Page not found\": {sum(r.reading.page_not_found for r in results[1:])}")
    for line in _problems(results):
        print(f"  warm-up problem: {line}")


def print_run(run: LoadRun) -> None:
    """Latency per view (overall and per page), throughput and the problems met."""
    rows = {"all views": summarise(run.results), **by_page(run.results)}
    print()
    print("\n".join(summary_table(rows)))
    rate = throughput_per_second(len(run.results), run.wall_seconds)
    print(f"Throughput: {rate:.2f} views/s ({len(run.results)} views in {run.wall_seconds:.1f} s)")
    for line in _problems(run.results):
        print(f"  problem: {line}")


def print_memory(memory_mb: tuple[float, float] | None) -> None:
    """The server's resident memory after the run, and its peak."""
    if memory_mb is None:
        print("Server RSS: unknown (not a server this run started)")
    else:
        print(f"Server RSS after the run: {memory_mb[0]:,.0f} MB (peak {memory_mb[1]:,.0f} MB)")


def print_chromium(timings: Sequence[BrowserTiming]) -> None:
    """Chromium: seconds from opening each page's link to every chart drawn."""
    print()
    print("Chromium: opening a link until every chart is drawn (a new browser context each visit)")
    print("\n".join(chromium_table(timings)))


def print_load_average(when: str) -> None:
    """The machine's load average: a busy machine makes every figure indicative only."""
    one, five, fifteen = os.getloadavg()
    print(f"Load average {when}: {one:.2f} (1 min), {five:.2f} (5 min), {fifteen:.2f} (15 min) on "
          f"{os.cpu_count()} cores")


def print_shared_cache(phase: str, before: CacheCounts | None, after: CacheCounts | None) -> None:
    """The shared result cache's lookups, hits and hit ratio during ``phase``."""
    if before is None or after is None:
        print(f"Shared result cache ({phase}): not read (no REDIS_URL or --redis-url, or Redis did not answer)")
        return
    counts = after.since(before)
    ratio = "—" if counts.hit_ratio is None else f"{counts.hit_ratio:.0%}"
    print(f"Shared result cache ({phase}): {counts.lookups} lookups in Redis (made only when a process's own "
          f"cache lacked the result), {counts.hits} hits, {counts.misses} misses: hit ratio {ratio}")
