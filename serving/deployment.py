"""Several app processes behind HAProxy, started, watched and stopped together (``make serve``).

Workers are ``python -m production`` processes on free loopback ports, all with the
environment's ``DATABASE_URL`` and ``REDIS_URL`` and one cookie secret (Streamlit signs
its cookies with it; every worker must accept every other's). HAProxy starts once every
worker answers its health check. A worker that dies is started again on its port (HAProxy
has taken it out of rotation meanwhile and puts it back once it passes two checks);
HAProxy dying ends the deployment. The run folder holds the rendered HAProxy
configuration, its stats socket, the logs and ``serve.json`` (who is running where).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from production import REPO_ROOT, serve_command
from serving.haproxy import Backend, check_config, render_config, start_haproxy
from serving.processes import LOOPBACK, free_port, start_child, stop_group, wait_until_healthy

STARTUP_SECONDS = 180
#: A worker that keeps dying is started again at most this often.
RESTART_SECONDS = 5.0


@dataclass
class Worker:
    """One app process: its name (HAProxy's server name and cookie value), port and process."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    started_at: float = field(default_factory=time.monotonic)

    @property
    def base_url(self) -> str:
        """Where the worker answers, on loopback."""
        return f"http://{LOOPBACK}:{self.port}"


class DeploymentError(RuntimeError):
    """A worker or HAProxy failed to start, or HAProxy stopped."""


class Deployment:
    """``worker_count`` workers and HAProxy on ``address``:``port``, with their files in ``run_dir``.

    Workers listen on ``first_worker_port`` and the ports after it, or on free ports when it is 0.
    """

    def __init__(self, *, worker_count: int, address: str, port: int, run_dir: Path,
                 first_worker_port: int = 0) -> None:
        # Absolute: HAProxy reads a relative socket path as host:port.
        self.address, self.port, self.run_dir = address, port, run_dir.resolve()
        self.worker_count, self.first_worker_port = worker_count, first_worker_port
        self.workers: list[Worker] = []
        self.haproxy: subprocess.Popen[bytes] | None = None
        self.stats_socket = self.run_dir / "haproxy.sock"
        self.config_path = self.run_dir / "haproxy.cfg"
        self.state_path = self.run_dir / "serve.json"
        self._environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET":
                             os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)}

    def start(self) -> None:
        """Start the workers, wait for their health checks, then HAProxy (DeploymentError if any fails)."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.workers = [self._start_worker(f"w{number + 1}", self._worker_port(number))
                        for number in range(self.worker_count)]
        for worker in self.workers:
            if not wait_until_healthy(worker.base_url, worker.process, timeout_seconds=STARTUP_SECONDS):
                raise DeploymentError(f"worker {worker.name} did not start: see {self._log(worker.name)}")
        backends = [Backend(worker.name, worker.port) for worker in self.workers]
        self.config_path.write_text(render_config(backends, address=self.address, port=self.port,
                                                  stats_socket=self.stats_socket), encoding="utf-8")
        check_config(self.config_path)
        self.haproxy = start_haproxy(self.config_path, log=self.run_dir / "haproxy.log")
        if not wait_until_healthy(self.public_url, self.haproxy, timeout_seconds=30):
            raise DeploymentError(f"HAProxy did not start: see {self.run_dir / 'haproxy.log'}")
        self._write_state()

    @property
    def public_url(self) -> str:
        """Where HAProxy answers, as seen from this machine."""
        host = LOOPBACK if self.address in ("0.0.0.0", "*", "::") else self.address
        return f"http://{host}:{self.port}"

    def check(self) -> None:
        """Start again any worker that has died; DeploymentError if HAProxy has."""
        if self.haproxy is not None and self.haproxy.poll() is not None:
            raise DeploymentError(f"HAProxy stopped (status {self.haproxy.returncode}): see {self.run_dir}/haproxy.log")
        for index, worker in enumerate(self.workers):
            if worker.process.poll() is None or time.monotonic() - worker.started_at < RESTART_SECONDS:
                continue
            print(f"worker {worker.name} (pid {worker.process.pid}) exited with status {worker.process.returncode}; "
                  "starting it again", file=sys.stderr, flush=True)
            stop_group(worker.process)
            self.workers[index] = self._start_worker(worker.name, worker.port)
            self._write_state()

    def stop(self) -> None:
        """Stop HAProxy (no new requests), then every worker; leave no process behind."""
        if self.haproxy is not None:
            stop_group(self.haproxy)
        for worker in self.workers:
            stop_group(worker.process)
        self.state_path.unlink(missing_ok=True)

    def _start_worker(self, name: str, port: int) -> Worker:
        process = start_child(serve_command(port=port, address=LOOPBACK), log=self._log(name),
                              env=self._environment, cwd=REPO_ROOT)
        return Worker(name, port, process)

    def _worker_port(self, number: int) -> int:
        return self.first_worker_port + number if self.first_worker_port else free_port()

    def _log(self, name: str) -> Path:
        return self.run_dir / f"{name}.log"

    def _write_state(self) -> None:
        state = {
            "url": self.public_url,
            "launcher_pid": os.getpid(),
            "haproxy": {"pid": self.haproxy.pid if self.haproxy else None, "config": str(self.config_path),
                        "stats_socket": str(self.stats_socket)},
            "workers": [{"name": w.name, "port": w.port, "pid": w.process.pid} for w in self.workers],
        }
        self.state_path.write_text(json.dumps(state, indent=2), encoding="utf-8")
