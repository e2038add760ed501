"""Many people at once: every user opens their links one after another, all users starting together."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.load.links import Link
from benchmarks.load.protocol import ViewResult, open_view


@dataclass(frozen=True)
class LoadRun:
    """Every view of a run and the wall-clock seconds from the start line to the last finish."""

    results: list[ViewResult]
    wall_seconds: float


async def _one_user(base_url: str, links: Sequence[Link], *, timeout_seconds: float,
                    start: asyncio.Event) -> list[ViewResult]:
    await start.wait()
    return [await open_view(base_url, link, timeout_seconds=timeout_seconds) for link in links]


async def drive_users(base_url: str, plan: Sequence[Sequence[Link]], *, timeout_seconds: float) -> LoadRun:
    """Run ``plan`` (one list of links per user) against the app at ``base_url``.

    Each view is a new session, as when a link is opened in a new tab, and is closed once
    its script has finished. A run lasts at most ``timeout_seconds`` × the longest list.
    """
    start = asyncio.Event()
    users = [
        asyncio.create_task(_one_user(base_url, links, timeout_seconds=timeout_seconds, start=start))
        for links in plan
    ]
    await asyncio.sleep(0)  # every user reaches the start line before the gun
    started = time.perf_counter()
    start.set()
    per_user = await asyncio.gather(*users)
    wall_seconds = time.perf_counter() - started
    return LoadRun([result for results in per_user for result in results], wall_seconds)


async def open_one_at_a_time(base_url: str, links: Sequence[Link], *, timeout_seconds: float) -> list[ViewResult]:
    """Open ``links`` one after another (to warm the caches, or to time one person alone)."""
    return [await open_view(base_url, link, timeout_seconds=timeout_seconds) for link in links]
