"""Presentation mode and "Copy link to this view" under AppTest."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from data_access.engine import make_engine
from data_access.queries import data_as_of, filter_options
from tests.app.conftest import open_page
from vocabulary.scope import default_period


@pytest.fixture
def region(sample_database_url: str) -> tuple[str, str]:
    """The first region of the test data: (code, name)."""
    engine = make_engine(sample_database_url, read_only=True)
    regions = filter_options(engine)["regions"]
    engine.dispose()
    return regions["region_code"].iloc[0], regions["region_name"].iloc[0]


@pytest.fixture
def period_words(sample_database_url: str) -> str:
    """The default period as the scope sentence writes it."""
    engine = make_engine(sample_database_url, read_only=True)
    start, end = default_period(data_as_of(engine))
    engine.dispose()
    return f"{start:%-d %b %Y} – {end:%-d %b %Y}"


def keyed_block(node, key: str):
    """The container drawn with ``st.container(key=key)`` under ``node`` (None when absent)."""
    for child in getattr(node, "children", {}).values():
        if key in getattr(getattr(child, "proto", None), "id", ""):
            return child
        found = keyed_block(child, key)
        if found is not None:
            return found
    return None


def page_links(at) -> list[str]:
    return [element.proto.label for element in at.main.get("page_link")]


def chart_font_sizes(at) -> list[int]:
    return [json.loads(chart.proto.spec)["layout"]["font"]["size"] for chart in at.get("plotly_chart")]


def test_present_in_the_link_shows_the_scope_strip_and_hides_the_sidebar_controls(app, region, period_words):
    code, name = region
    at = open_page(app, "pages/overview.py", present="1", region=code)

    strip = keyed_block(at.main, "scope_strip")
    assert strip is not None, "no scope strip"
    # The test data are synthetic: the strip says so on the same line, instead of a notice box.
    assert [item.value for item in strip.markdown] == [
        f"**{name} · {period_words}** · *Synthetic sample data: no real people or services*"]
    assert not at.info
    assert at.title[0].value == "Overview"
    assert len(at.sidebar.multiselect) == 0 and len(at.sidebar.date_input) == 0
    assert at.sidebar.toggle(key="w_shared_present").value is True
    summary = " ".join(item.value for item in at.sidebar.markdown)
    assert "Filters in force" in summary and name in summary
    assert dict(at.query_params) == {"region": code, "present": "1"}


def test_presentation_mode_has_large_chart_text_and_next_page_link(app):
    at = open_page(app, "pages/overview.py", present="1")
    assert chart_font_sizes(at) and all(size >= 20 for size in chart_font_sizes(at))
    links = page_links(at)
    assert len(links) == 1 and links[0].startswith("Next: ")  # the first page has no previous page


def test_last_page_has_only_a_previous_link_and_the_mode_persists_across_pages(app):
    at = open_page(app, "pages/overview.py", present="1")
    at.switch_page("pages/about_the_data.py")
    at.run()
    assert at.title[0].value == "About the data"
    assert keyed_block(at.main, "scope_strip") is not None
    links = page_links(at)
    assert len(links) == 1 and links[0].startswith("Previous: ")
    assert at.query_params.get("present") == "1"


def test_switching_presentation_off_brings_the_controls_back(app, region):
    code, name = region
    at = open_page(app, "pages/overview.py", present="1", region=code)
    at.sidebar.toggle(key="w_shared_present").set_value(False).run()

    assert keyed_block(at.main, "scope_strip") is None
    assert page_links(at) == []
    assert at.sidebar.multiselect(key="w_filter_regions").value == [code]
    assert at.markdown[0].value == f"**{name}" + at.markdown[0].value.split(name, 1)[1]
    assert "present" not in at.query_params
    assert chart_font_sizes(at) and all(size == 16 for size in chart_font_sizes(at))


def test_an_unreadable_present_value_is_ignored_with_a_notice(app):
    app.query_params["present"] = "perhaps"
    app.run()  # the notice shows once, on the run that reads the link
    assert not app.exception
    assert keyed_block(app.main, "scope_strip") is None
    assert any("present=perhaps" in warning.value for warning in app.warning)


def link_parts(at) -> tuple[str, dict[str, list[str]]]:
    """The copied link's path and query parameters."""
    path, _, query = at.sidebar.code[0].value.partition("?")
    return path, parse_qs(query)


def test_copy_link_shows_the_page_address_with_every_filter_and_setting(app, region):
    code, _ = region
    at = open_page(app, "pages/overview.py", present="1", region=code)
    assert link_parts(at) == ("/", {"region": [code], "present": ["1"]})
    at.switch_page("pages/about_the_data.py")
    at.run()
    assert link_parts(at) == ("/about", {"region": [code], "present": ["1"]})


def test_copy_link_includes_settings_a_page_reads_after_the_sidebar(app, region):
    code, _ = region
    at = open_page(app, "pages/sufficiency_gaps.py", region=code, measure="started", benchmark="england_wales")
    path, params = link_parts(at)
    assert path == "/sufficiency-gaps"
    assert params == {"region": [code], "measure": ["started"], "benchmark": ["england_wales"]}


@pytest.mark.parametrize(("script", "control"), [
    ("pages/waiting_times.py", "w_page_wait_category"),
    ("pages/sufficiency_gaps.py", "w_page_measure"),
    ("pages/pdu_comparisons.py", "w_page_cmp_indicator"),
])
def test_a_slide_moves_the_page_controls_to_the_sidebar_and_drops_the_lead_and_help(app, script, control):
    at = open_page(app, script, present="1")
    assert [item.key for item in at.sidebar.selectbox if item.key == control] == [control]
    assert [item.key for item in at.main.selectbox if item.key == control] == []
    assert "Page settings" in " ".join(item.value for item in at.sidebar.markdown)
    assert at.metric and not [metric.label for metric in at.metric if metric.help]
    assert not [item for item in at.main.markdown if "NHS referral-to-treatment statistics" in item.value
                or "For each need identified in the period" in item.value]
    assert keyed_block(at.main, "slide_sentence") is not None


def test_out_of_presentation_the_controls_stay_on_the_page(app):
    at = open_page(app, "pages/waiting_times.py")
    assert [item.key for item in at.main.selectbox if item.key == "w_page_wait_category"] == ["w_page_wait_category"]
    assert keyed_block(at.main, "slide_sentence") is None
