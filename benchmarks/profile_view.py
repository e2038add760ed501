"""Where a cached view's time goes (issue 13): one page opened by new sessions, every cache warm, profiled.

Run: ``python -m benchmarks.profile_view "Waiting times" [--views 10] [--database-url URL] [--html FILE]``.
Each view is a new AppTest session on the page (a link opened in a new tab), after two
views that warm every cache. Prints the script's CPU time per view (median; CPU rather
than wall time, so a busy machine barely moves it), then, from a pyinstrument profile of
as many views again, the page script's own calls and the libraries the time is spent in
(times under the profiler are about twice the real ones; the shares hold). AppTest runs
the script as the server does; the session's set-up and the sending of its elements are
in ``benchmarks.load``'s figures.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from pyinstrument import Profiler
from pyinstrument.frame import Frame
from pyinstrument.renderers import HTMLRenderer
from pyinstrument.session import Session
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest

from benchmarks.load.links import app_pages, find_page
from production import ENTRYPOINT


class _ScriptRuns:
    """Script-thread CPU seconds of every run, and a pyinstrument session of each while ``profiling``."""

    def __init__(self) -> None:
        self.cpu_seconds: list[float] = []
        self.sessions: list[Session] = []
        self.profiling = False
        self._run = ScriptRunner._run_script

    def __enter__(self) -> _ScriptRuns:
        runs, run = self, self._run

        def measured(runner: ScriptRunner, rerun_data: object) -> None:
            profiler = Profiler(interval=0.001) if runs.profiling else None
            if profiler:
                profiler.start()
            started = time.thread_time()
            try:
                run(runner, rerun_data)
            finally:
                runs.cpu_seconds.append(time.thread_time() - started)
                if profiler:
                    runs.sessions.append(profiler.stop())

        ScriptRunner._run_script = measured  # the script runs in AppTest's own thread
        return self

    def __exit__(self, *_: object) -> None:
        ScriptRunner._run_script = self._run


def _open(script: str) -> None:
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=300)
    app.switch_page(script)
    app.run()
    if app.exception:
        raise RuntimeError(app.exception[0].message)


def _frames(frame: Frame) -> Iterator[Frame]:
    yield frame
    for child in frame.children:
        yield from _frames(child)


def _library(frame: Frame) -> str:
    path = frame.file_path or (frame.parent.file_path if frame.parent else "") or ""
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0]
    return "python" if "/lib/python3" in path else "app code"


def print_profile(sessions: list[Session], script: str, views: int) -> None:
    """The page script's own calls and the libraries (self time of leaf frames), per view and as shares."""
    calls: collections.Counter[str] = collections.Counter()
    libraries: collections.Counter[str] = collections.Counter()
    page_seconds = whole_seconds = 0.0
    for session in sessions:
        root = session.root_frame()
        whole_seconds += root.time
        for frame in _frames(root):
            if frame.function == "<module>" and (frame.file_path or "").endswith(script):
                page_seconds += frame.time
                calls.update({child.function: child.time for child in frame.children})
            if not frame.children:
                libraries[_library(frame)] += frame.time
    print(f"  under the profiler: page script {page_seconds / views * 1000:.0f} ms a view; its calls:")
    for name, seconds in calls.most_common(10):
        print(f"    {name:30s} {seconds / views * 1000:7.1f} ms  {seconds / page_seconds:4.0%}")
    print("  by library (whole script run):")
    for name, seconds in libraries.most_common(6):
        print(f"    {name:30s} {seconds / views * 1000:7.1f} ms  {seconds / whole_seconds:4.0%}")


def main() -> None:
    """Warm the caches, time and profile ``--views`` new sessions of the page, print the breakdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help='a page title or URL path ("Waiting times", "waiting-times")')
    parser.add_argument("--views", type=int, default=10)
    parser.add_argument("--database-url", help="default: DATABASE_URL, else the sample DuckDB file")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML profile here")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    script = find_page(app_pages(), args.page).script
    with _ScriptRuns() as runs:
        _open(script)
        _open(script)
        runs.cpu_seconds.clear()
        for _ in range(args.views):
            _open(script)
        cpu_ms = statistics.median(runs.cpu_seconds) * 1000
        print(f"{script}: script CPU per new session, median of {args.views}: {cpu_ms:.0f} ms "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        runs.profiling = True
        for _ in range(args.views):
            _open(script)
    print_profile(runs.sessions, script, args.views)
    if args.html:
        combined = runs.sessions[0]
        for session in runs.sessions[1:]:
            combined = Session.combine(combined, session)
        args.html.write_text(HTMLRenderer().render(combined))


if __name__ == "__main__":
    main()
