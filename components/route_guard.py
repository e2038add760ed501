"""Sign-in on Streamlit's file routes, for production (issue 19).

With sign-in on, the app's pages show only the sign-in screen to a visitor who has
not signed in. Files a session has produced (CSV and meeting pack downloads, images)
are served on separate routes, ``/media/...``, whose addresses are long random ids;
this guard also refuses them, and uploads, to any request without a valid sign-in
cookie, so an address that leaks (a log, a browser history) opens nothing.

It reads Streamlit's signed ``_streamlit_user`` cookie with Streamlit's own reader.
Streamlit 1.67 offers no public hook to add middleware to ``streamlit run``'s server,
so ``install`` wraps the function that builds Streamlit's middleware list; production.py
calls it before starting the server. Should that function go in a later release,
``install`` raises at start rather than serving files unguarded.
"""

from __future__ import annotations

import json
from typing import Any

GUARDED_PREFIXES = ("/media/", "/_stcore/upload_file")


class SignInRequiredForFiles:
    """ASGI middleware: 403 for guarded routes unless the request carries a signed-in user's cookie."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and _guarded(scope.get("path", "")) and not _signed_in(scope):
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("Sign in to open this file.", status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _guarded(path: str) -> bool:
    return any(prefix in path for prefix in GUARDED_PREFIXES)  # "in": a base URL path may come first


def _signed_in(scope: dict) -> bool:
    from starlette.requests import Request
    from streamlit.web.server.starlette.starlette_auth_routes import _get_cookie_value_from_request
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    value = _get_cookie_value_from_request(Request(scope), USER_COOKIE_NAME)
    if not value:
        return False
    try:
        return bool(json.loads(value).get("is_logged_in"))
    except (ValueError, AttributeError):
        return False


def install() -> None:
    """Put the guard first in the middleware of every Streamlit server this process starts."""
    from starlette.middleware import Middleware
    from streamlit.web.server.starlette import starlette_app

    original = starlette_app.create_streamlit_middleware

    def with_guard() -> list[Middleware]:
        return [Middleware(SignInRequiredForFiles), *original()]

    starlette_app.create_streamlit_middleware = with_guard
