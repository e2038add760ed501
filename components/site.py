"""This installation's settings that users see: the public address links are built on, and the contact.

Both come from the environment (documented in docs/deployment.md), so one checkout serves
staging and production. Behind HAProxy or a proxy, the browser's own address may be the
proxy's inside address (``http://127.0.0.1:8501``); a link copied from there opens nothing
for the colleague it is sent to, so a configured public address always wins.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

#: The address users reach the dashboard at, e.g. ``https://interventions.example.gov.uk``.
PUBLIC_URL_SETTING = "DASHBOARD_PUBLIC_URL"
#: Who to ask about the data, shown on About the data, e.g. ``Performance team, perf@example.gov.uk``.
CONTACT_SETTING = "DASHBOARD_CONTACT"


class PublicUrlError(ValueError):
    """The public address setting is not an absolute http(s) address."""


def public_url() -> str | None:
    """The configured public address without a trailing "/", or None when unset.

    Raises:
        PublicUrlError: the setting is not an http or https address with a host.
    """
    raw = (os.environ.get(PUBLIC_URL_SETTING) or "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PublicUrlError(f"{PUBLIC_URL_SETTING}={raw!r} is not an address such as https://dashboard.example.org")
    return raw.rstrip("/")


def contact() -> str | None:
    """Who to contact about the data (markdown), or None when this installation has not said."""
    return (os.environ.get(CONTACT_SETTING) or "").strip() or None
