"""Checks of the ``[auth]`` and ``[access]`` sections of ``.streamlit/secrets.toml`` (issue 19).

Pure functions over the parsed sections, so that the production launcher can refuse
to start with a broken configuration before Streamlit runs, and the app can show the
same words instead of a half-open app. No secret value is ever repeated in a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from vocabulary.access import UnknownUserPolicy

#: Keys the default provider needs (Streamlit's st.login() with no provider name).
REQUIRED_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
#: Shortest cookie secret accepted, in characters (a 32-byte random value in hex is 64).
MIN_COOKIE_SECRET_CHARS = 32


def _absolute(url: object) -> bool:
    parts = urlsplit(str(url))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def auth_problems(auth: Mapping[str, object]) -> list[str]:
    """What is wrong with an ``[auth]`` section, in words (empty when it will work)."""
    problems = [f"[auth] has no {key}." for key in REQUIRED_KEYS if not str(auth.get(key) or "").strip()]
    redirect = auth.get("redirect_uri")
    if redirect and (not _absolute(redirect) or not urlsplit(str(redirect)).path.endswith("/oauth2callback")):
        problems.append("[auth] redirect_uri must be the app's absolute address ending in /oauth2callback, "
                        "e.g. https://interventions.example.gov.uk/oauth2callback.")
    metadata = auth.get("server_metadata_url")
    if metadata and not _absolute(metadata):
        problems.append("[auth] server_metadata_url must be an absolute address of the provider's "
                        ".well-known/openid-configuration document.")
    secret = str(auth.get("cookie_secret") or "")
    if secret and len(secret) < MIN_COOKIE_SECRET_CHARS:
        problems.append(f"[auth] cookie_secret is shorter than {MIN_COOKIE_SECRET_CHARS} characters: "
                        "use a long random value (python -c 'import secrets; print(secrets.token_hex(32))').")
    return problems


def access_problems(access: Mapping[str, object]) -> list[str]:
    """What is wrong with an ``[access]`` section."""
    policy = access.get("unknown_users", UnknownUserPolicy.VIEWER.value)
    allowed = [choice.value for choice in UnknownUserPolicy]
    if policy not in allowed:
        return [f"[access] unknown_users must be one of {', '.join(allowed)}, not '{policy}'."]
    return []


def settings_problems(secrets: Mapping[str, object]) -> list[str]:
    """Problems with the sign-in settings in a parsed secrets file (none when ``[auth]`` is absent)."""
    auth = secrets.get("auth")
    if auth is None:
        return []
    if not isinstance(auth, Mapping):
        return ["[auth] must be a section (a table), not a single value."]
    access = secrets.get("access") or {}
    return auth_problems(auth) + (access_problems(access) if isinstance(access, Mapping) else
                                  ["[access] must be a section (a table)."])
