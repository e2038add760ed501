"""The links the load benchmark opens: the app's pages (read from dashboard.py) × regions.

Pages are read from ``dashboard.py``'s ``st.Page(...)`` calls without running it, so a
page added there is benchmarked without touching this file.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from production import ENTRYPOINT


@dataclass(frozen=True)
class AppPage:
    """One page of the app: its navigation title, URL path ("" for the default page) and script."""

    title: str
    url_path: str
    script: str = field(default="", compare=False)  # "pages/overview.py", as st.Page names it


@dataclass(frozen=True)
class Link:
    """A shareable link: a page and its query string (without the "?")."""

    page: AppPage
    query_string: str = ""

    @property
    def path(self) -> str:
        """The link's path and query, as typed after the host: "/waiting-times?region=N53"."""
        path = f"/{self.page.url_path}"
        return f"{path}?{self.query_string}" if self.query_string else path


def _keyword(call: ast.Call, name: str) -> object:
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    return None


def _page_from_call(call: ast.Call) -> AppPage:
    script = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else ""
    title = _keyword(call, "title") or Path(str(script)).stem
    if _keyword(call, "default") is True:
        return AppPage(str(title), "", str(script))
    # Without url_path Streamlit uses the file's name, as ours would be in folder mode.
    return AppPage(str(title), str(_keyword(call, "url_path") or Path(str(script)).stem), str(script))


def app_pages(entrypoint: Path = ENTRYPOINT) -> list[AppPage]:
    """Every page registered with ``st.Page`` in ``entrypoint``, in navigation order."""
    tree = ast.parse(entrypoint.read_text(encoding="utf-8"))
    calls = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"
    ]
    calls.sort(key=lambda call: (call.lineno, call.col_offset))
    return [_page_from_call(call) for call in calls]


def find_page(pages: list[AppPage], name: str) -> AppPage:
    """The page whose title or URL path is ``name`` (any case; a leading "/" is allowed).

    Raises:
        ValueError: no page has that title or path; the message lists the choices.
    """
    wanted = name.strip().lstrip("/").casefold()
    for page in pages:
        if wanted in (page.title.casefold(), page.url_path.casefold()):
            return page
    choices = ", ".join(f"{page.title!r} (/{page.url_path})" for page in pages)
    raise ValueError(f"No page called {name!r}; choose one of {choices}")


def parse_link(pages: list[AppPage], text: str) -> Link:
    """A link from ``"PAGE"`` or ``"PAGE?query"``, PAGE being a title or URL path."""
    name, _, query_string = text.partition("?")
    return Link(find_page(pages, name), query_string)


def region_link(page: AppPage, region_code: str | None) -> Link:
    """``page`` for one region, or national when ``region_code`` is None."""
    return Link(page, urlencode({"region": region_code}) if region_code else "")


def random_links(
    pages: list[AppPage], region_codes: list[str], *, users: int, views: int, seed: int
) -> list[list[Link]]:
    """For each user, ``views`` links drawn at random (page × national-or-one-region).

    The same seed gives the same links, so runs before and after a change compare.
    """
    chooser = random.Random(seed)
    regions: list[str | None] = [None, *region_codes]
    return [
        [region_link(chooser.choice(pages), chooser.choice(regions)) for _ in range(views)]
        for _ in range(users)
    ]


def same_links(link: Link, *, users: int, views: int) -> list[list[Link]]:
    """Every user opens ``link``, ``views`` times."""
    return [[link] * views for _ in range(users)]


def distinct_links(plan: list[list[Link]]) -> list[Link]:
    """Each link of a plan once, in order of first use but deep links first, so that the
    first view of a fresh server shows whether a deep link meets "Page not found"."""
    seen = list(dict.fromkeys(link for links in plan for link in links))
    return sorted(seen, key=lambda link: link.page.url_path == "")
