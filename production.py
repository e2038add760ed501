"""How the app is served in production, kept in one place for the launcher and the load benchmark.

``make run`` is for working on the app: Streamlit's file watcher notices an edited
module and offers to rerun. Production turns that off: each new session starts its
own watcher over every module the app imports, which made a cached Overview view
about 0.4 s slower (issue 13). It also skips Streamlit's full garbage collection after
every run, which cost each view about 0.1 s of server time. The options here are
command-line flags rather than lines in ``.streamlit/config.toml``, so that developers
keep the watcher and production loses it.

Production also runs Streamlit in this process rather than handing over to
``streamlit run``, so that the server starts in ``st.navigation`` mode (see
``start_in_navigation_mode``): the first deep link after a deploy opens its page
without Streamlit's "Page not found" notice.

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
    # Streamlit runs a full garbage collection after every script run: about 0.1 s of the
    # interpreter lock per view with this app's ~200,000 long-lived objects, which every other
    # session waits for. Python's own collector still runs as objects accumulate.
    "runner.postScriptGC": "false",
}


def streamlit_arguments(*, port: int, address: str | None = None) -> list[str]:
    """Streamlit's command line (after ``streamlit``) that serves the app for production."""
    arguments = ["run", str(ENTRYPOINT), "--server.port", str(port)]
    if address is not None:
        arguments += ["--server.address", address]
    for option, value in PRODUCTION_OPTIONS.items():
        arguments += [f"--{option}", value]
    return arguments


def serve_command(*, port: int, address: str | None = None, python: str = sys.executable) -> list[str]:
    """The command that serves the app in its production configuration (this module's ``main``).

    Args:
        port: TCP port to listen on.
        address: interface to bind (``127.0.0.1`` for loopback only); Streamlit's default when None.
        python: the interpreter whose Streamlit runs the app.

    Returns:
        The argument list, to run with the repository root as working directory (Streamlit
        reads ``.streamlit/config.toml`` from there).
    """
    command = [python, "-m", "production", "--port", str(port)]
    if address is not None:
        command += ["--address", address]
    return command


def start_in_navigation_mode() -> None:
    """Make the server treat ``dashboard.py``'s ``st.navigation`` as the page list from its first view.

    Seeing a ``pages/`` folder beside the entry point, Streamlit serves each run in its
    older folder-based mode until some run has called ``st.navigation``. On a fresh
    server the first view of a deep link (``/waiting-times``) therefore looks the page up
    among the folder's files, does not find it, sends "Page not found", and only then
    runs ``dashboard.py``, whose ``st.navigation`` finds it. Streamlit records the mode in
    a class attribute that it sets on the first session only if still unset, and that
    ``st.navigation`` clears; clearing it before the first session gives every view,
    the first included, what later views get. There is no public option for this
    (Streamlit 1.67); should the attribute go, this does nothing and the notice returns,
    which ``tests/load/test_load_websocket.py`` would catch.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def main(argv: list[str] | None = None) -> None:
    """Serve the app for production in this process (Streamlit's own command line, in navigation mode)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default=None, help="interface to bind (default: Streamlit's, every interface)")
    args = parser.parse_args(argv)
    os.chdir(REPO_ROOT)
    start_in_navigation_mode()
    from streamlit.web import cli

    sys.argv = ["streamlit", *streamlit_arguments(port=args.port, address=args.address)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
