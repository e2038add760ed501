"""Serve the app for production: WORKERS app processes behind HAProxy (``make serve``).

Run: ``python -m serving [--workers N] [--port 8501] [--address 0.0.0.0] [--first-worker-port P]
[--run-dir .serve]``
with ``DATABASE_URL`` (PostgreSQL in production) and ``REDIS_URL`` (the shared result
cache) in the environment. Ctrl-C (or SIGTERM) stops HAProxy and every worker. See
docs/deployment.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from production import REPO_ROOT
from serving.deployment import Deployment, DeploymentError
from serving.haproxy import HAProxyMissingError, haproxy_binary

CHECK_SECONDS = 0.5


class _StopRequestedError(Exception):
    """Ctrl-C or SIGTERM: stop everything."""


def _stop_requested(*_: object) -> None:
    raise _StopRequestedError


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m serving", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or os.cpu_count() or 1),
                        help="app processes (default: WORKERS, else one per core)")
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port")
    parser.add_argument("--address", default="0.0.0.0", help="HAProxy's interface (127.0.0.1: this machine only)")
    parser.add_argument("--first-worker-port", type=int, default=0,
                        help="workers on this loopback port and the next ones (default: free ports)")
    parser.add_argument("--run-dir", type=Path, default=REPO_ROOT / ".serve",
                        help="HAProxy's configuration and socket, logs, serve.json")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


def _announce(deployment: Deployment) -> None:
    workers = ", ".join(f"{w.name} pid {w.process.pid} port {w.port}" for w in deployment.workers)
    print(f"Serving {deployment.public_url} through HAProxy (pid {deployment.haproxy.pid}) with "
          f"{len(deployment.workers)} workers: {workers}. Logs in {deployment.run_dir}. Ctrl-C stops all.", flush=True)
    if not os.environ.get("REDIS_URL"):
        print("REDIS_URL is not set: each worker caches its own results (docs/deployment.md).", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Start, watch until stopped, stop; the exit status says whether it ended as asked."""
    args = parse_arguments(argv)
    try:
        haproxy_binary()
    except HAProxyMissingError as error:
        print(error, file=sys.stderr)
        return 2
    deployment = Deployment(worker_count=args.workers, address=args.address, port=args.port, run_dir=args.run_dir,
                            first_worker_port=args.first_worker_port)
    signal.signal(signal.SIGINT, _stop_requested)
    signal.signal(signal.SIGTERM, _stop_requested)
    try:
        deployment.start()
        _announce(deployment)
        while True:
            time.sleep(CHECK_SECONDS)
            deployment.check()
    except _StopRequestedError:
        print("Stopping HAProxy and the workers...", flush=True)
        return 0
    except (DeploymentError, ValueError) as error:
        print(f"make serve: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the shutdown short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        deployment.stop()


if __name__ == "__main__":
    sys.exit(main())
