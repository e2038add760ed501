"""Where each finding can be seen: a link to its page with the scope's filters and the page settings
that show it, opening a new view (a shareable URL, like "Copy link to this view")."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlencode, urlsplit

from components import cache
from components.filters import link_params
from metrics.findings.model import Finding
from vocabulary.scope import Filters, default_period

#: A finding's page (``Finding.page``) -> the page's URL path (dashboard.py's PAGES).
PAGE_PATHS: Final[dict[str, str]] = {
    "sufficiency": "/sufficiency-gaps",
    "waiting": "/waiting-times",
    "comparison": "/pdu-comparisons",
    "landscape": "/interventions-landscape",
}
#: A finding's page -> its title in the navigation.
PAGE_TITLES: Final[dict[str, str]] = {
    "sufficiency": "Sufficiency gaps",
    "waiting": "Waiting times",
    "comparison": "PDU comparisons",
    "landscape": "Landscape",
}


def finding_params(finding: Finding, filters: Filters) -> dict[str, str]:
    """The link's query: the scope's filters narrowed as the finding says, then its page settings."""
    narrowed = filters.with_changes(**dict(finding.narrow))
    params = link_params(narrowed, default_period(cache.load_dataset_info()["data_as_of"]))
    return {**params, **dict(finding.settings)}


def app_root(url: str | None) -> str:
    """The app's address from a page's full URL ("http://host:8501/waiting-times?x=1" -> "http://host:8501");
    "." (relative to the page shown) when there is no URL, as under AppTest."""
    if not url:
        return "."
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}"


def finding_link(finding: Finding, filters: Filters, *, presenting: bool = False, root: str = ".") -> str:
    """The URL of the view that shows ``finding``: relative to the page shown unless ``root`` is given."""
    params = finding_params(finding, filters)
    if presenting:
        params["present"] = "1"
    query = urlencode(params, safe=",")
    return f"{root}{PAGE_PATHS[finding.page]}" + (f"?{query}" if query else "")
