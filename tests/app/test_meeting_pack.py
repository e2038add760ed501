"""The meeting pack holds every page's headline figures exactly as the page shows them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine
from data_access.queries import filter_options
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page

#: Every page registered in dashboard.py, in navigation order: (script, title).
PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)", title="([^"]+)"',
                   (REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))


def fresh_app() -> AppTest:
    return AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


@pytest.fixture(scope="module")
def pack_and_pages(sample_database_url: str) -> Iterator[tuple[str, dict[str, dict[str, str]], str]]:
    """The pack built from the Overview, every page's headline figures, and the scope sentence.

    Each page is opened in a session of its own, with its default settings, as the pack
    (built before any page was visited) uses them.
    """
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    at = open_page(fresh_app(), "pages/overview.py")
    scope = at.markdown[0].value.strip("*")
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    assert [item.value for item in at.sidebar.error] == []  # every page's section was gathered
    pack = at.session_state["_meeting_pack"][1]
    figures = {}
    for script, title in PAGES:
        page = fresh_app()
        page.run()
        page.switch_page(script)
        page.run()
        # A page that fails fails its own test below, not the others'.
        figures[title] = {"exception": [item.value for item in page.exception]} if page.exception else {
            metric.label: metric.value for metric in page.metric
        }
    yield pack, figures, scope
    monkeypatch.undo()


def sections(pack: str) -> dict[str, str]:
    """Each page's section of the pack, by its heading."""
    parts = pack.split('<section class="page"')[1:]
    return {re.search(r"<h2>(.*?)</h2>", part).group(1): part for part in parts}


def test_cover_states_the_scope_and_data_date(pack_and_pages):
    pack, _, scope = pack_and_pages
    cover = pack.split('<section class="page"')[0]
    assert f'<p class="scope">{html.escape(scope)}</p>' in cover
    assert re.search(r"<dt>Data as of</dt><dd>\d{1,2} \w+ \d{4}</dd>", cover)


def test_key_findings_open_the_pack_then_every_page_in_navigation_order(pack_and_pages):
    pack, _, _ = pack_and_pages
    titles = [title for _, title in PAGES]
    assert list(sections(pack)) == ["Key findings", *(html.escape(title) for title in titles if title != "Key findings")]


@pytest.mark.parametrize("title", [title for _, title in PAGES])
def test_each_pages_headline_figures_are_in_its_section(pack_and_pages, title):
    pack, figures, _ = pack_and_pages
    section = sections(pack)[html.escape(title)]
    assert "exception" not in figures[title], figures[title]
    for label, value in figures[title].items():
        expected = f'<div class="label">{html.escape(label)}</div><div class="value">{html.escape(value)}</div>'
        assert expected in section, (label, value)


def test_a_page_that_cannot_be_gathered_is_named_and_the_rest_of_the_pack_still_builds(app, monkeypatch):
    from components.pack import sections as pack_sections

    def broken(filters):
        raise RuntimeError("query failed")

    monkeypatch.setitem(pack_sections.SECTION_BUILDERS, "/about", broken)
    at = open_page(app, "pages/overview.py")
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    errors = [item.value for item in at.sidebar.error]
    assert "The meeting pack could not gather the About the data page: RuntimeError: query failed" in errors
    about = sections(at.session_state["_meeting_pack"][1])["About the data"]
    assert "could not be gathered (RuntimeError: query failed)" in about
    assert "<h2>Overview</h2>" in at.session_state["_meeting_pack"][1]


def test_the_pack_follows_the_page_settings_in_force(app, sample_database_url):
    engine = make_engine(sample_database_url, read_only=True)
    pdu = filter_options(engine)["pdus"].iloc[0]
    engine.dispose()
    at = open_page(app, "pages/pdu_comparisons.py", cmp_pdu=pdu["pdu_code"], cmp_benchmark="england_wales")
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    assert [item.value for item in at.sidebar.error] == []
    section = sections(at.session_state["_meeting_pack"][1])["PDU comparisons"]
    assert f"PDU of interest: {html.escape(pdu['pdu_name'])}" in section
    assert "Compared with: England and Wales" in section
    # Bars, map and funnel, then the PDU of interest's profile and trend.
    assert section.count('<figure class="chart">') == 5
    assert f"Recent trend for {html.escape(pdu['pdu_name'])}:" in section
