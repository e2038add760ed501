"""HAProxy for ``make serve``: its configuration, rendered from the template for the workers, and its process.

The template (``haproxy.cfg.template`` beside this module) holds every setting; this module
fills in where HAProxy listens, its stats socket and one ``server`` line per worker. The
worker's name is also its affinity cookie's value, so a browser's cookie tells which
worker holds its session (``show stat`` on the stats socket tells that worker's state).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

TEMPLATE_PATH = Path(__file__).with_name("haproxy.cfg.template")
#: The affinity cookie HAProxy sets: its value names the worker that holds the browser's session.
COOKIE_NAME = "IL_WORKER"


class HAProxyMissingError(RuntimeError):
    """HAProxy is not installed (Debian: ``apt-get install haproxy``)."""


@dataclass(frozen=True)
class Backend:
    """One worker as HAProxy sees it: its name (and cookie value) and its loopback port."""

    name: str
    port: int


def render_config(backends: list[Backend], *, address: str, port: int, stats_socket: Path) -> str:
    """The HAProxy configuration for ``backends`` behind ``address``:``port``."""
    servers = "\n".join(
        f"    server {backend.name} 127.0.0.1:{backend.port} check cookie {backend.name}" for backend in backends
    )
    return Template(TEMPLATE_PATH.read_text(encoding="utf-8")).substitute(
        address=address, port=port, stats_socket=stats_socket, cookie_name=COOKIE_NAME, servers=servers
    )


def haproxy_binary() -> str:
    """The installed ``haproxy``.

    Raises:
        HAProxyMissingError: it is not on the PATH (nor in /usr/sbin, where Debian puts it).
    """
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise HAProxyMissingError("HAProxy is not installed: `apt-get install haproxy` (see README, Production)")
    return found


def check_config(config_path: Path) -> None:
    """Have HAProxy check ``config_path``.

    Raises:
        ValueError: HAProxy refuses it; the message holds HAProxy's words.
    """
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(config_path)], capture_output=True, text=True)
    if checked.returncode != 0:
        raise ValueError(f"HAProxy refused {config_path}: {checked.stdout}{checked.stderr}")


def start_haproxy(config_path: Path, *, log: Path) -> subprocess.Popen[bytes]:
    """Run HAProxy in the foreground (``-db``: no daemon, so it is a child we can stop) with ``config_path``."""
    with log.open("ab") as log_file:
        return subprocess.Popen([haproxy_binary(), "-db", "-f", str(config_path)], stdout=log_file,
                                stderr=subprocess.STDOUT, start_new_session=True)


def server_states(stats_socket: Path) -> dict[str, str]:
    """Each worker's state as HAProxy sees it ("UP", "DOWN", "UP 1/2", ...), by name, from ``show stat``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(2)
        connection.connect(str(stats_socket))
        connection.sendall(b"show stat\n")
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    lines = b"".join(chunks).decode("utf-8").splitlines()
    header = lines[0].lstrip("# ").split(",")
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
    return {row["svname"]: row["status"] for row in rows if row["pxname"] == "workers"
            and row["svname"] not in ("BACKEND", "FRONTEND")}
