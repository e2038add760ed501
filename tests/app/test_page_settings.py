"""Page settings that share a name across pages (e.g. ``compare``) must not break each other."""

from __future__ import annotations

from tests.app.conftest import open_page


def test_a_setting_another_page_left_behind_falls_back_to_this_pages_default(app):
    at = open_page(app, "pages/landscape.py")
    assert at.session_state["page_compare"] == "pdu"  # Landscape's "compare": PDU, region, ...
    at.switch_page("pages/waiting_times.py")
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["page_compare"] == "intervention_code"  # Waiting times' own default
    assert "compare" not in at.query_params

    at.switch_page("pages/landscape.py")
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["page_compare"] == "pdu"


def test_the_meeting_pack_builds_whatever_settings_other_pages_left(app):
    at = open_page(app, "pages/waiting_times.py")  # leaves compare=intervention_code, unusable on Landscape
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    # Key findings open the pack, then the Overview: Landscape is the third section.
    assert '<section class="page" id="section-3"><h2>Landscape</h2>' in at.session_state["_meeting_pack"][1]
