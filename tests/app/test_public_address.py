"""The copied link and the meeting pack's links use the public address setting when it is set."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from components.site import CONTACT_SETTING, PUBLIC_URL_SETTING
from tests.app.conftest import open_page

PUBLIC = "https://interventions.example.gov.uk/dashboard"


def copied_link(at) -> str:
    return at.sidebar.code[0].value


def test_the_copied_link_starts_with_the_public_address_and_keeps_the_view(app, monkeypatch):
    monkeypatch.setenv(PUBLIC_URL_SETTING, PUBLIC + "/")  # a trailing slash is not doubled
    at = open_page(app, "pages/sufficiency_gaps.py", measure="started")
    address, _, query = copied_link(at).partition("?")
    assert address == f"{PUBLIC}/sufficiency-gaps"
    assert parse_qs(query) == {"measure": ["started"]}
    at.switch_page("pages/overview.py")
    at.run()
    assert copied_link(at).startswith(f"{PUBLIC}/")
    assert "127.0.0.1" not in copied_link(at)


def test_without_the_setting_the_link_is_the_browsers_address(app, monkeypatch):
    monkeypatch.delenv(PUBLIC_URL_SETTING, raising=False)
    at = open_page(app, "pages/waiting_times.py")
    # AppTest has no browser address and no Host header: the link stays relative to the server.
    assert copied_link(at).startswith("/waiting-times")


def test_a_malformed_setting_is_reported_and_no_wrong_link_is_offered(app, monkeypatch):
    monkeypatch.setenv(PUBLIC_URL_SETTING, "interventions.example.gov.uk")  # no scheme
    at = open_page(app, "pages/overview.py")
    assert len(at.sidebar.code) == 0
    assert any(PUBLIC_URL_SETTING in error.value for error in at.sidebar.error)


def test_the_meeting_packs_finding_links_use_the_public_address(app, monkeypatch):
    monkeypatch.setenv(PUBLIC_URL_SETTING, PUBLIC)
    at = open_page(app, "pages/overview.py")
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    links = re.findall(r'<ol class="findings">.*?</ol>', at.session_state["_meeting_pack"][1], flags=re.DOTALL)
    hrefs = re.findall(r'href="([^"]+)"', links[0])
    assert hrefs and all(href.startswith(f"{PUBLIC}/") for href in hrefs), hrefs


@pytest.mark.parametrize(("value", "shown"), [("Performance team, perf@example.gov.uk", True), ("", False)])
def test_about_the_data_names_the_contact_setting(app, monkeypatch, value, shown):
    monkeypatch.setenv(CONTACT_SETTING, value)
    at = open_page(app, "pages/about_the_data.py")
    text = " ".join(block.value for block in at.markdown)
    assert ("Performance team, perf@example.gov.uk" in text) is shown
    if not shown:
        assert CONTACT_SETTING in text  # says which setting names the contact
