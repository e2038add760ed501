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

Sign-in (issue 19): when the secrets file has an ``[auth]`` section, the launcher checks
it before serving and refuses to start with a message naming what is missing, rather
than serve a half-open app. ``--secrets-file`` names the secrets file (default:
Streamlit's, ``~/.streamlit/secrets.toml`` then ``.streamlit/secrets.toml``).

Run: ``python -m production [--port 8501] [--address 0.0.0.0] [--secrets-file PATH]`` (or
``make serve``), with ``DATABASE_URL`` naming the production database.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path
from typing import Final

from components import route_guard
from components.auth_settings import settings_problems

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
    # Hardening (docs/deployment.md). Streamlit turns both on by default and whenever [auth] is
    # configured; set here so that no config.toml can turn them off. "enableCORS" true means
    # Streamlit's CORS *protection* is on: no other origin may call the server.
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
}


def streamlit_arguments(*, port: int, address: str | None = None, secrets_file: str | None = None) -> list[str]:
    """Streamlit's command line (after ``streamlit``) that serves the app for production."""
    arguments = ["run", str(ENTRYPOINT), "--server.port", str(port)]
    if address is not None:
        arguments += ["--server.address", address]
    if secrets_file is not None:
        arguments += ["--secrets.files", str(Path(secrets_file).resolve())]
    for option, value in PRODUCTION_OPTIONS.items():
        arguments += [f"--{option}", value]
    return arguments


def serve_command(
    *, port: int, address: str | None = None, python: str = sys.executable, secrets_file: str | None = None,
) -> list[str]:
    """The command that serves the app in its production configuration (this module's ``main``).

    Args:
        port: TCP port to listen on.
        address: interface to bind (``127.0.0.1`` for loopback only); Streamlit's default when None.
        python: the interpreter whose Streamlit runs the app.
        secrets_file: the secrets file to read instead of Streamlit's defaults.

    Returns:
        The argument list, to run with the repository root as working directory (Streamlit
        reads ``.streamlit/config.toml`` from there).
    """
    command = [python, "-m", "production", "--port", str(port)]
    if address is not None:
        command += ["--address", address]
    if secrets_file is not None:
        command += ["--secrets-file", str(secrets_file)]
    return command


def read_secrets(secrets_file: str | None = None) -> dict[str, object]:
    """The secrets Streamlit will read, merged as it merges them (later files win).

    Raises:
        tomllib.TOMLDecodeError: a secrets file is not valid TOML.
    """
    files = ([Path(secrets_file)] if secrets_file else
             [Path.home() / ".streamlit" / "secrets.toml", REPO_ROOT / ".streamlit" / "secrets.toml"])
    merged: dict[str, object] = {}
    for path in files:
        if path.is_file():
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return merged


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
    parser.add_argument("--secrets-file", default=None, help="secrets file with [auth] (default: Streamlit's)")
    args = parser.parse_args(argv)
    try:
        secrets = read_secrets(args.secrets_file)
    except tomllib.TOMLDecodeError as error:
        sys.exit(f"The secrets file is not valid TOML, so the app will not start: {error}")
    problems = settings_problems(secrets)
    if problems:
        sys.exit("Sign-in is configured but its settings are incomplete, so the app will not start:\n"
                 + "\n".join(f"- {problem}" for problem in problems))
    if "auth" in secrets:
        route_guard.install()  # downloads and other files need a signed-in cookie too
    os.chdir(REPO_ROOT)
    start_in_navigation_mode()
    from streamlit.web import cli

    sys.argv = ["streamlit", *streamlit_arguments(port=args.port, address=args.address,
                                                  secrets_file=args.secrets_file)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
