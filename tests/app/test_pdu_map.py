"""The PDU hex map on PDU comparisons, Sufficiency gaps and Landscape under AppTest.

The sample's 108 PDUs carry the reference list's names, so every PDU in scope is
one filled shape on the map; with a region filter only that region's PDUs are, and
the view is zoomed to it. A click on the map uses each page's own cross-filter.
"""

from __future__ import annotations

import json
import re

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from charts.hexmap.figure import PDU_SHAPE
from data_access.queries import filter_options
from tests.app.conftest import open_page
from tests.app.test_pdu_comparisons_page import PDUS, outlier_url, page_app  # noqa: F401 (fixtures)

PAGES = ["pages/pdu_comparisons.py", "pages/sufficiency_gaps.py", "pages/landscape.py"]
MAP_KEY = "pdu_map_"


def map_spec(app: AppTest) -> dict:
    """The map chart's Plotly spec (the one chart whose traces include PDU shapes)."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    maps = [spec for spec in specs if any(_is_shape(trace) for trace in spec["data"])]
    assert len(maps) == 1, f"{len(maps)} maps drawn"
    return maps[0]


def map_spec_or_none(app: AppTest) -> dict | None:
    """The map chart's spec, or None when no PDU is on it (no shape to find it by)."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return next((spec for spec in specs if any(trace.get("name") == "Region boundaries" for trace in spec["data"])),
                None)


def _is_shape(trace: dict) -> bool:
    meta = trace.get("meta")
    return isinstance(meta, dict) and meta.get("kind") == PDU_SHAPE


def shape_codes(spec: dict) -> list[str]:
    """The data PDU code of each PDU shape drawn."""
    return [code for trace in spec["data"] if _is_shape(trace) for code in trace["meta"]["pdu_codes"]]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_draws_one_shape_per_pdu_in_scope(app, database, page):
    pdus = filter_options(database)["pdus"]
    open_page(app, page)
    codes = shape_codes(map_spec(app))
    assert sorted(codes) == sorted(pdus["pdu_code"])
    assert any("Every PDU in this view is on the map" in text.value for text in app.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_a_region_filter_draws_its_pdus_and_zooms_to_them(app, database, page):
    pdus = filter_options(database)["pdus"]
    london = pdus[pdus["region_name"] == "London"]
    national = map_spec(open_page(app, page))["layout"]["xaxis"]["range"]
    app.sidebar.multiselect(key="w_filter_regions").set_value(list(london["region_code"].unique())).run()
    spec = map_spec(app)
    assert sorted(shape_codes(spec)) == sorted(london["pdu_code"])
    zoomed = spec["layout"]["xaxis"]["range"]
    assert zoomed[1] - zoomed[0] < (national[1] - national[0]) / 2


def _click_map_on(monkeypatch: pytest.MonkeyPatch, pdu_code: str) -> None:
    real_chart = streamlit.plotly_chart

    def clicked_chart(figure, *args, **kwargs):
        shown = real_chart(figure, *args, **kwargs)
        if str(kwargs.get("key", "")).startswith(MAP_KEY):
            return {"selection": {"points": [{"customdata": pdu_code}]}}
        return shown

    monkeypatch.setattr(streamlit, "plotly_chart", clicked_chart)


def test_a_click_on_the_comparison_map_makes_the_pdu_the_pdu_of_interest(app, database, monkeypatch):
    pdu = filter_options(database)["pdus"]["pdu_code"].iloc[3]
    _click_map_on(monkeypatch, pdu)
    open_page(app, "pages/pdu_comparisons.py")
    assert app.session_state["page_cmp_pdu"] == pdu
    assert app.query_params["cmp_pdu"] == pdu


@pytest.mark.parametrize("page", ["pages/sufficiency_gaps.py", "pages/landscape.py"])
def test_a_click_on_the_map_sets_the_pdu_filter(app, database, monkeypatch, page):
    pdu = filter_options(database)["pdus"]["pdu_code"].iloc[5]
    _click_map_on(monkeypatch, pdu)
    open_page(app, page)
    assert app.sidebar.multiselect(key="w_filter_pdus").value == [pdu]
    assert app.query_params["pdu"] == pdu


def test_the_meeting_pack_holds_the_comparison_map_with_every_pdu(app, database):
    pdus = filter_options(database)["pdus"]
    open_page(app, "pages/overview.py")
    app.sidebar.button(key="pack_build").click().run()
    assert not app.exception, app.exception
    pack = app.session_state["_meeting_pack"][1]
    comparison = next(part for part in pack.split('<section class="page"')[1:] if "<h2>PDU comparisons</h2>" in part)
    listed = [code for codes in re.findall(r'"pdu_codes":\s*\[([^\]]*)\]', comparison)
              for code in re.findall(r'"(\w+)"', codes)]
    assert sorted(listed) == sorted(pdus["pdu_code"])
    assert "Click to make it the PDU of interest" not in comparison  # no click hint in print


def test_made_up_pdu_names_are_listed_beside_the_map_not_dropped(page_app):  # noqa: F811 (the fixture)
    """The PDU comparisons tests' own dataset has made-up PDU names: none is drawn, every one is listed."""
    open_page(page_app, "pages/pdu_comparisons.py")
    assert "pdu_codes" not in json.dumps(map_spec_or_none(page_app))
    note = next(text.value for text in page_app.markdown if "not on the map" in text.value)
    assert note.startswith(f"**{len(PDUS)} PDUs not on the map**")
    assert all(f"- {name} ({code})" in note for code, name in PDUS.items())
