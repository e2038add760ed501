"""How the app is served in production, kept in one place for the launcher and the load benchmark.

``make run`` is for working on the app: Streamlit's file watcher notices an edited
module and offers to rerun. Production turns that off: each new session starts its
own watcher over every module the app imports, which made a cached Overview view
about 0.4 s slower (issue 13). The options here are command-line flags rather than lines in
``.streamlit/config.toml``, so that developers keep the watcher and production loses it.

Run: ``python -m production [--port 8501] [--address 0.0.0.0]`` (or ``make serve``), with
``DATABASE_URL`` naming the production database.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Final

REPO_ROOT = Path(__file__).resolve().parent
ENTRYPOINT = REPO_ROOT / "dashboard.py"

#: Streamlit options for serving many people; the theme and the rest stay in .streamlit/config.toml.
PRODUCTION_OPTIONS: Final[dict[str, str]] = {
    "server.headless": "true",  # never try to open a browser on the server
    "server.fileWatcherType": "none",  # no per-session watching of every imported module
    "server.runOnSave": "false",  # code changes arrive by deployment, not by saving a file
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "type",  # tracebacks go to the server log, not to every viewer
}


def streamlit_command(*, port: int, address: str | None = None, python: str = sys.executable) -> list[str]:
    """The command that serves the app in its production configuration.

    Args:
        port: TCP port to listen on.
        address: interface to bind (``127.0.0.1`` for loopback only); Streamlit's default when None.
        python: the interpreter whose Streamlit runs the app.

    Returns:
        The argument list, to run with the repository root as working directory (Streamlit
        reads ``.streamlit/config.toml`` from there).
    """
    command = [python, "-m", "streamlit", "run", str(ENTRYPOINT), "--server.port", str(port)]
    if address is not None:
        command += ["--server.address", address]
    for option, value in PRODUCTION_OPTIONS.items():
        command += [f"--{option}", value]
    return command


def main(argv: list[str] | None = None) -> None:
    """Replace this process with Streamlit serving the app for production."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default=None, help="interface to bind (default: Streamlit's, every interface)")
    args = parser.parse_args(argv)
    command = streamlit_command(port=args.port, address=args.address)
    os.chdir(REPO_ROOT)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
