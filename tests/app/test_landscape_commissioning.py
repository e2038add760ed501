"""The Landscape page's commissioning view under AppTest, against the figures worked by hand in
tests/commissioning_example.py: the ranked bars lead, the needs with no local provision are named, the
shortfall in places is a sorted bar chart, and providers are compared only with providers of the same kind."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.blocks import table_key
from data_access.load import load_frames
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from tests.commissioning_example import MONTHS, PERIOD, commissioning_frames
from tests.disclosure.plotly_grid import decode

LANDSCAPE = "pages/landscape.py"


@pytest.fixture(scope="module")
def commissioning_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('commissioning') / 'commissioning.duckdb'}"
    load_frames(commissioning_frames(), url, replace=True, source="commissioning example", synthetic=True)
    return url


@pytest.fixture
def small_app(commissioning_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DATABASE_URL", commissioning_url)
    yield AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


def charts(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def chart_titled(app: AppTest, start: str) -> dict:
    return next(spec for spec in charts(app) if spec["layout"]["title"]["text"].startswith(start))


def shown_table(app: AppTest, column: str) -> pd.DataFrame:
    table = next(frame.value for frame in app.dataframe if column in getattr(frame.value, "columns", [])
                 or column in getattr(getattr(frame.value, "data", None), "columns", []))
    return table.data if not isinstance(table, pd.DataFrame) else table


def test_the_ranked_bars_lead_the_page_before_the_treemap(small_app):
    app = open_page(small_app, LANDSCAPE, **PERIOD)
    specs = charts(app)
    assert specs[0]["layout"]["title"]["text"] == "Interventions ranked within their category by referrals in the period"
    assert specs[1]["data"][0]["type"] == "treemap"
    bars = [(trace["y"], decode(trace["x"]), trace["text"]) for trace in specs[0]["data"]]
    # CRS first (90 referrals), its larger intervention on top; then accredited programmes (30).
    assert bars == [(["Accommodation (X)", "Accommodation (Y)"], [60.0, 30.0], ["60", "30"]),
                    (["Thinking Skills"], [30.0], ["30"])]
    headings = [note["text"] for note in specs[0]["layout"]["annotations"]]
    assert headings == ["<b>Commissioned Rehabilitative Services</b><br>90 referrals, 2 interventions",
                        "<b>Accredited programmes</b><br>30 referrals, 1 intervention"]
    subheaders = [header.value for header in app.subheader]
    assert subheaders.index("The landscape at a glance") < subheaders.index("The same landscape as a treemap")


def test_places_rank_the_bars_when_chosen(small_app):
    app = open_page(small_app, LANDSCAPE, tiles="places", **PERIOD)
    bars = charts(app)[0]["data"]
    assert [(trace["y"], decode(trace["x"])) for trace in bars] == [
        (["Accommodation (X)", "Accommodation (Y)"], [10.0, 5.0]), (["Thinking Skills"], [8.0])]


def test_needs_with_no_local_provision_are_named_with_their_pdus(small_app):
    app = open_page(small_app, LANDSCAPE, **PERIOD)
    assert {metric.label: metric.value for metric in app.metric}["Needs with no local provision"] == "17"
    [named] = [expander for expander in app.expander if expander.label.startswith("Which needs have no local")]
    assert "(17 need and PDU pairs)" in named.label
    lines = [item.value for item in named.markdown]
    assert "**Thinking and behaviour** — 1 PDU: Alpha (North)" in lines
    assert "**Finance** — 2 PDUs: Alpha (North); Beta (North)" in lines
    assert not any(line.startswith("**Accommodation**") for line in lines)
    assert len(lines) == 9  # every need but accommodation lacks provision somewhere


def test_the_shortfall_is_a_sorted_bar_chart_with_the_hand_worked_values(small_app):
    app = open_page(small_app, LANDSCAPE, **PERIOD)
    spec = chart_titled(app, "Shortfall in places")
    [bars] = spec["data"]
    assert bars["orientation"] == "h"
    assert bars["y"] == ["Accommodation — Alpha", "Thinking and behaviour — Alpha", "Accommodation — Beta"]
    assert decode(bars["x"]) == pytest.approx([60 / MONTHS - 10, 20 / MONTHS, 30 / MONTHS - 5])
    assert decode(bars["x"]) == pytest.approx([10.29, 6.76, 5.15], abs=0.005)
    assert bars["text"] == ["+10.3", "+6.8", "+5.1"]
    assert any(item.value.startswith("**3** need and PDU pairs have more referrals per month than places")
               for item in app.markdown)

    app.session_state[table_key("landscape_shortfall")] = True
    app.run()
    table = shown_table(app, "Shortfall in places per month")
    thinking_beta = table[(table["Need"] == "Thinking and behaviour") & (table["PDU"] == "Beta")].iloc[0]
    assert thinking_beta["Shortfall in places per month"] == pytest.approx(-4.6)  # 3.38 − 8: spare places
    assert table["Shortfall in places per month"].iloc[:3].tolist() == [10.3, 6.8, 5.1]


def test_providers_are_compared_with_providers_of_the_same_kind(small_app):
    app = open_page(small_app, LANDSCAPE, **PERIOD)
    picker = app.selectbox(key="w_page_providers")
    assert picker.value == "commissioned_rehabilitative_service|Accommodation|all"
    table = shown_table(app, "Where it operates (regions)").set_index("Provider")
    assert list(table.index) == ["X Housing", "Y Homes"]  # not the Probation Service's programme
    assert table.loc["X Housing", "Completion rate (%)"] == 80.0
    assert table.loc["Y Homes", "Completion rate (%)"] == 20.0
    assert (table.loc["X Housing", "Completion rate compared with the group"],
            table.loc["Y Homes", "Completion rate compared with the group"]) == ("Better", "Worse")
    assert table.loc["X Housing", "Median wait (weeks)"] == 12.1 and pd.isna(table.loc["Y Homes", "Median wait (weeks)"])
    assert (table.loc["X Housing", "Referrals"], table.loc["X Housing", "Waiting now"]) == (60, 35)
    assert table.loc["X Housing", "Where it operates (regions)"] == "North"
    figure = chart_titled(app, "Provider outcomes")
    assert "dotted line (50.0%):<br>all providers of the same kind" in figure["layout"]["xaxis"]["title"]["text"]

    picker.set_value("accredited_programme|Thinking and behaviour|all").run()
    assert list(shown_table(app, "Where it operates (regions)")["Provider"]) == ["Probation Service"]
    assert any("Only one provider offers this kind" in info.value for info in app.info)
    assert app.query_params["providers"] == "accredited_programme|Thinking and behaviour|all"


def test_the_commissioning_settings_round_trip_through_the_url(small_app):
    app = open_page(small_app, LANDSCAPE, bars="1", shortfalls="1", **PERIOD)
    assert app.toggle(key="w_page_bars").value is True
    assert app.toggle(key="w_page_shortfalls").value is True
    app.toggle(key="w_page_bars").set_value(False).run()
    assert "bars" not in app.query_params


def test_a_kind_of_provider_not_offered_in_the_scope_falls_back_to_the_first(small_app):
    app = open_page(small_app, LANDSCAPE, providers="other_local|Finance|all", **PERIOD)
    assert app.selectbox(key="w_page_providers").value == "commissioned_rehabilitative_service|Accommodation|all"
    assert "providers" not in app.query_params


def test_a_scope_with_no_referrals_says_so_instead_of_failing(small_app):
    app = open_page(small_app, LANDSCAPE, category="structured_intervention", **PERIOD)
    assert any(info.value == "No referrals selected in the period." for info in app.info)
    assert any(info.value.startswith("No need has more referrals than places") for info in app.info)
