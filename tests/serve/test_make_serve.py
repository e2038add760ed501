"""``make serve``: HAProxy's configuration, and the whole deployment started, healed and stopped by Ctrl-C.

A real HAProxy and real workers on free loopback ports against the small test database;
nothing here is timed beyond generous bounds.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from production import REPO_ROOT
from serving.haproxy import COOKIE_NAME, Backend, haproxy_binary, render_config, server_states
from serving.processes import free_port
from tests.data_access.redis_servers import unique_prefix
from tests.sample_database import build_sample_database
from tests.serve.deployments import deployment, is_running, require_haproxy, stop


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_sample_database(tmp_path_factory.mktemp("serve_db") / "sample.duckdb")


def test_the_haproxy_configuration_has_a_checked_server_per_worker_and_haproxy_accepts_it(tmp_path: Path):
    require_haproxy()
    backends = [Backend("w1", 8611), Backend("w2", 8612), Backend("w3", 8613)]
    config = render_config(backends, address="127.0.0.1", port=8610, stats_socket=tmp_path / "haproxy.sock")

    servers = re.findall(r"^\s*server (\S+) 127\.0\.0\.1:(\d+) check cookie (\S+)$", config, flags=re.MULTILINE)
    assert servers == [("w1", "8611", "w1"), ("w2", "8612", "w2"), ("w3", "8613", "w3")]
    assert f"cookie {COOKIE_NAME} insert" in config
    assert "http-check send meth GET uri /_stcore/health" in config
    assert re.search(r"timeout tunnel \d+h", config)  # websockets outlive the http timeouts
    assert "option redispatch" in config
    path = tmp_path / "haproxy.cfg"
    path.write_text(config, encoding="utf-8")
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def wait_for(condition, *, timeout_seconds: float, what: str) -> None:
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout_seconds} s for {what}")
        time.sleep(0.2)  # polling processes and HAProxy's view of them


def test_make_serve_balances_heals_a_dead_worker_and_stops_on_ctrl_c_leaving_no_process(database_url: str):
    with deployment(database_url, workers=2, redis_prefix=unique_prefix(), use_make=True) as served:
        socket_path = Path(served.state()["haproxy"]["stats_socket"])
        wait_for(lambda: server_states(socket_path) == {"w1": "UP", "w2": "UP"}, timeout_seconds=30,
                 what="both workers in rotation")
        with urllib.request.urlopen(served.url + "/") as response:  # a new browser gets a worker's cookie
            assert re.match(rf"{COOKIE_NAME}=w[12];", response.headers["Set-Cookie"])

        old_pid = served.worker_pids()["w1"]
        subprocess.run(["kill", "-9", str(old_pid)], check=True)
        wait_for(lambda: server_states(socket_path)["w1"].startswith("DOWN"), timeout_seconds=10,
                 what="HAProxy to take the dead worker out of rotation")
        with urllib.request.urlopen(served.url + "/_stcore/health") as response:
            assert response.status == 200  # meanwhile the other worker serves
        wait_for(lambda: served.worker_pids()["w1"] != old_pid and server_states(socket_path)["w1"] == "UP",
                 timeout_seconds=120, what="the worker to be started again and put back in rotation")

        pids = served.started_pids()
        assert all(is_running(pid) for pid in pids)
        stop(served)  # Ctrl-C to make's process group, as a terminal sends it

        assert served.launcher.returncode is not None
        assert [pid for pid in pids if is_running(pid)] == []
        assert not (served.run_dir / "serve.json").exists()
        launcher_log = (served.run_dir / "launcher.log").read_text()
        assert "Stopping HAProxy and the workers" in launcher_log


def test_make_serve_stops_its_workers_and_says_why_when_haproxy_cannot_listen(database_url: str):
    require_haproxy()
    worker_port = free_port()
    with socket.create_server(("127.0.0.1", 0)) as taken:  # HAProxy's port, already in use
        failed = subprocess.run(
            [sys.executable, "-m", "serving", "--workers", "1", "--port", str(taken.getsockname()[1]),
             "--address", "127.0.0.1", "--first-worker-port", str(worker_port),
             "--run-dir", tempfile.mkdtemp(prefix="serve-")],
            capture_output=True, text=True, timeout=240, cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": database_url},
        )
    assert failed.returncode == 1
    assert "HAProxy did not start" in failed.stderr
    with pytest.raises(ConnectionRefusedError):  # the worker it had started is gone
        socket.create_connection(("127.0.0.1", worker_port), timeout=2).close()
