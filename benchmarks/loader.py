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
child's CPU time and peak resident memory (``wait4``'s rusage), the 1-minute load average
before and after, and the targets (60 s DuckDB, 120 s PostgreSQL, 3 GB).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

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
    return with_search_path(base, schema)


def timed_load(folder: Path, url: str) -> dict[str, float]:
    """Run the command-line loader in a child process; its phases, wall and CPU seconds, peak RSS."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
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
    print(f"Loading {folder} into {args.backend} ({bench_people():,} people)", flush=True)
    report(f"{args.backend}, first load into an empty database", args.backend, timed_load(folder, url))
    if args.reload:
        report(f"{args.backend}, the same dataset again (--replace)", args.backend, timed_load(folder, url))


if __name__ == "__main__":
    main()
