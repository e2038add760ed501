"""Loader benchmark (issue 14): time and peak memory of loading the benchmark dataset from its CSV files.

Run: ``python -m benchmarks.loader --scale 5m --backend duckdb`` (or ``--backend postgresql``,
``--people N``, ``--scale 1m``). The dataset is generated once per scale into CSV files
(``--data-dir``, default ``.bench/``, folder ``p<people>``) by a separate process, so
generation never counts. Each load then runs in a fresh child process: the command-line
loader, exactly as a user runs it, into a new database (a DuckDB file beside the CSV
folder; a PostgreSQL schema ``loader_p<people>``, dropped first, on ``BENCH_POSTGRES_URL``,
else ``TEST_DATABASE_URL``, else the local server). With ``--reload`` the same dataset
is then loaded again with ``--replace`` into the loaded database.

Printed per load: each phase's seconds (as the loader reports them), the wall time, the
child's CPU time and peak resident memory (``wait4``'s rusage), on PostgreSQL the CPU time of
the server processes that served it (sampled from /proc, so only with the server on this
machine), the 1-minute load average before and after, and the targets (60 s DuckDB, 120 s
PostgreSQL, 3 GB). CPU times barely change with other work on the machine; wall times do.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks.calibration import calibration_line, calibration_ms
from benchmarks.dataset import (
    BENCH_DIR,
    BENCH_SEED,
    LOCAL_POSTGRES,
    add_scale_arguments,
    apply_scale_arguments,
    bench_people,
)
from data_access.engine import with_search_path

TARGET_SECONDS = {"duckdb": 60.0, "postgresql": 120.0}
TARGET_PEAK_GB = 3.0
#: How the loader's PostgreSQL sessions are named, so the benchmark can find their processes.
APPLICATION = "benchmarks.loader"


def dataset_folder(data_dir: Path) -> Path:
    """The CSV folder of the chosen scale, generated (in a child process) if it is not there."""
    folder = data_dir / f"p{bench_people()}"
    if not (folder / "referrals.csv").exists():
        print(f"Generating {bench_people():,} people into {folder} (once per scale)...", flush=True)
        subprocess.run([sys.executable, "-m", "sample_data.generate", "--out", str(folder),
                        "--people", str(bench_people()), "--seed", str(BENCH_SEED)], check=True)
    return folder


def fresh_database(backend: str, data_dir: Path) -> str:
    """An empty target database for the chosen scale."""
    if backend == "duckdb":
        path = data_dir / f"loader_p{bench_people()}.duckdb"
        for stale in (path, path.with_name(path.name + ".wal")):
            stale.unlink(missing_ok=True)
        return f"duckdb:///{path}"
    base = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_DATABASE_URL") or LOCAL_POSTGRES
    schema = f"loader_p{bench_people()}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return with_search_path(base, schema) + f"&application_name={APPLICATION}"


class ServerClock:
    """Samples the CPU time of the PostgreSQL processes serving the loader (same machine only):
    unlike wall time, it hardly grows when other work shares the cores."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url.split("?")[0])
        self.ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> ServerClock:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.engine.dispose()

    def seconds(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        with self.engine.connect() as connection:
            while not self._stop.wait(0.25):
                pids = connection.execute(text(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = :name OR leader_pid IN "
                    "(SELECT pid FROM pg_stat_activity WHERE application_name = :name)"), {"name": APPLICATION},
                ).scalars().all()
                connection.rollback()
                for pid in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.ticks[pid] = max(self.ticks.get(pid, 0), int(fields[11]) + int(fields[12]))


def timed_load(folder: Path, url: str, backend: str) -> dict[str, float]:
    """Run the command-line loader in a child process; its phases, wall and CPU seconds, peak RSS."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(ServerClock(url)) if backend == "postgresql" else None
        child = subprocess.Popen([sys.executable, "-m", "data_access.load", str(folder), "--database-url", url,
                                  "--replace"], stdout=subprocess.PIPE, text=True)
        output = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"The load failed (exit code {child.returncode}):\n{output}")
    phases = output.split("Time: ", 1)[1].splitlines()[0]
    figures = {phase: float(seconds) for phase, seconds in re.findall(r"(?:^|, )(.+?) (\d+\.\d) s", phases)}
    figures |= {
        "total (wall)": time.perf_counter() - started,
        "CPU (user + system)": usage.ru_utime + usage.ru_stime,
        **({"PostgreSQL server CPU": server.seconds()} if server is not None else {}),
        "peak RSS (GB)": usage.ru_maxrss / 2**20,  # KB on Linux
        "load average before": load_before,
        "load average after": os.getloadavg()[0],
    }
    return figures


def report(title: str, backend: str, figures: dict[str, float]) -> None:
    """Print one load's figures against the targets."""
    print(f"\n{title}")
    for name, value in figures.items():
        unit = "" if name.startswith(("load average", "peak")) else " s"
        print(f"  {name:<32}{value:>9.2f}{unit}")
    seconds, peak = figures["total (wall)"], figures["peak RSS (GB)"]
    print(f"  target: <= {TARGET_SECONDS[backend]:.0f} s ({'met' if seconds <= TARGET_SECONDS[backend] else 'NOT met'}),"
          f" peak <= {TARGET_PEAK_GB:.0f} GB ({'met' if peak <= TARGET_PEAK_GB else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_scale_arguments(parser)
    parser.add_argument("--backend", choices=sorted(TARGET_SECONDS), default="duckdb")
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR, help="where the CSV folders and DuckDB files go")
    parser.add_argument("--reload", action="store_true", help="then load the same dataset again (--replace)")
    args = parser.parse_args()
    apply_scale_arguments(args)
    folder = dataset_folder(args.data_dir)
    url = fresh_database(args.backend, args.data_dir)
    print(calibration_line(calibration_ms()))
    print(f"Loading {folder} into {args.backend} ({bench_people():,} people)", flush=True)
    report(f"{args.backend}, first load into an empty database", args.backend, timed_load(folder, url, args.backend))
    if args.reload:
        report(f"{args.backend}, the same dataset again (--replace)", args.backend,
               timed_load(folder, url, args.backend))


if __name__ == "__main__":
    main()
