"""Load benchmark (issue 13): many people opening links at once, over Streamlit's websocket.

Run: ``python -m benchmarks.load --users 20 --views 4`` (random page × region links,
seeded), ``--same "Waiting times"`` (everyone opens one link), ``--chromium`` (also
time each page in Chromium). Without ``--url`` it serves the app in its production
configuration (``production.py``) on a free loopback port and stops it at the end.
The data: the 1,000,000-referral benchmark dataset on ``--backend`` (built if absent,
which takes minutes) or any ``--database-url``. Caches are warmed first (each distinct
link opened once) unless ``--cold``. Prints figures; it is not a timed test.

Through the balancer: start ``make serve`` (DATABASE_URL, REDIS_URL in its environment),
then ``--url http://127.0.0.1:8501 --database-url SAME --warm-passes WORKERS``; the run
also reports the shared result cache's hit ratio (docs/deployment.md, "Measuring").
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from benchmarks.calibration import calibration_line, calibration_ms
from benchmarks.load import report
from benchmarks.load.browser import time_in_chromium
from benchmarks.load.data import dataset_url, describe_dataset
from benchmarks.load.links import (
    Link,
    app_pages,
    distinct_links,
    parse_link,
    random_links,
    region_link,
    same_links,
)
from benchmarks.load.server import RunningServer, production_server, resident_memory_mb
from benchmarks.load.sessions import drive_users, open_one_at_a_time
from benchmarks.load.shared_cache import cache_settings, read_counts

MAX_USERS = 100
MAX_VIEWS = 20


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}-{high}")
        return value
    return parse


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=_bounded(0, MAX_USERS), default=20, help="people at once (0: Chromium only)")
    parser.add_argument("--views", type=_bounded(1, MAX_VIEWS), default=1, help="links each person opens in turn")
    parser.add_argument("--same", metavar="PAGE", help='everyone opens this page ("Waiting times", "waiting-times?region=N53")')
    parser.add_argument("--seed", type=int, default=13, help="seed of the random links")
    parser.add_argument("--backend", choices=("duckdb", "postgresql"), default="duckdb")
    parser.add_argument("--database-url", help="use this database instead of the benchmark dataset")
    parser.add_argument("--url", help="an app already running (loopback), e.g. make serve's "
                        "http://127.0.0.1:8501; no server is started, no RSS")
    parser.add_argument("--redis-url", help="the app's shared result cache, for its hit ratio (default: REDIS_URL)")
    parser.add_argument("--redis-prefix", help="its key prefix (default: REDIS_KEY_PREFIX, else interventions)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a view counts as timed out")
    parser.add_argument("--cold", action="store_true", help="skip warming the caches")
    parser.add_argument("--warm-passes", type=_bounded(1, 16), default=1,
                        help="open each distinct link this many times in a row to warm (with make serve: the "
                             "worker count, as HAProxy hands consecutive new sessions to workers in turn)")
    parser.add_argument("--chromium", action="store_true", help="also time every page in Chromium")
    parser.add_argument("--chromium-repeats", type=_bounded(1, 10), default=3)
    return parser.parse_args(argv)


@contextmanager
def _app(args: argparse.Namespace, database_url: str) -> Iterator[RunningServer | None]:
    if args.url:
        if not args.url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
            sys.exit("--url must be a loopback address: this benchmark never loads another machine")
        yield None
        return
    with production_server(database_url) as server:
        yield server


def _plan(args: argparse.Namespace, region_codes: list[str]) -> tuple[list[list[Link]], str]:
    pages = app_pages()
    if args.same:
        link = parse_link(pages, args.same)
        return same_links(link, users=args.users, views=args.views), f"everyone opens {link.path}"
    plan = random_links(pages, region_codes, users=args.users, views=args.views, seed=args.seed)
    return plan, f"random page × region links, seed {args.seed}"


def main(argv: list[str] | None = None) -> None:
    """Serve the app, warm it, drive the users, print the figures, stop the app."""
    args = parse_arguments(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped on SIGTERM too
    database_url = args.database_url or dataset_url(args.backend)
    region_codes, referral_count = describe_dataset(database_url)
    plan, kind = _plan(args, region_codes)
    chromium_links = [region_link(page, None) for page in app_pages()] if args.chromium else []
    report.print_heading(args.users, args.views, kind, database_url, referral_count)
    print(calibration_line(calibration_ms()))
    shared_cache = cache_settings(args.redis_url, args.redis_prefix)
    with _app(args, database_url) as server:
        base_url = server.base_url if server else args.url.rstrip("/")
        report.print_server(server, base_url)
        report.print_load_average("before the run")
        counts = read_counts(shared_cache)
        if not args.cold:
            warm_links = [link for link in distinct_links([*plan, chromium_links]) for _ in range(args.warm_passes)]
            report.print_warm_up(asyncio.run(open_one_at_a_time(base_url, warm_links, timeout_seconds=args.timeout)))
            counts, warmed = read_counts(shared_cache), counts
            report.print_shared_cache("warm-up", warmed, counts)
        if args.users:
            run = asyncio.run(drive_users(base_url, plan, timeout_seconds=args.timeout))
            report.print_run(run)
            report.print_shared_cache("the run", counts, read_counts(shared_cache))
        report.print_load_average("after the run")
        report.print_memory(resident_memory_mb(server.pid) if server else None)
        if args.chromium:
            timings = time_in_chromium(base_url, chromium_links, repeats=args.chromium_repeats,
                                       timeout_seconds=args.timeout)
            report.print_chromium(timings)


if __name__ == "__main__":
    main()
