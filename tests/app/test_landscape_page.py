"""Landscape page under AppTest: heading, the five figures against the data, the fallback, URL and treemap click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine
from data_access.landscape_queries import (
    landscape_reference,
    monthly_referrals_by_category,
    need_profiles,
    provision_places,
    referral_activity,
)
from data_access.load import load_frames
from data_access.queries import data_as_of
from data_access.waiting_queries import waiting_snapshot
from metrics.landscape.availability import availability_filters
from metrics.landscape.model import build_landscape
from metrics.landscape.waits import snapshot_date
from sample_data.generate import generate_frames
from tests.app.conftest import APP_TIMEOUT_SECONDS, open_page
from vocabulary.scope import default_filters

LANDSCAPE = "pages/landscape.py"
DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"
LABELS = [
    "Interventions available",
    "PDUs covered",
    "Places per month",
    "Referrals per month",
    "Needs with no local provision",
]


def expected_landscape(url: str, **changes):
    """The page's model computed straight from the data-access functions, without Streamlit."""
    engine = make_engine(url, read_only=True)
    try:
        as_of = data_as_of(engine)
        filters = default_filters(as_of).with_changes(**changes)
        snapshot = snapshot_date(filters.period_end, as_of)
        return build_landscape(
            filters,
            reference=landscape_reference(engine, filters),
            provision=provision_places(engine, filters),
            activity=referral_activity(engine, filters),
            referred=referral_activity(engine, availability_filters(filters)),
            histogram=waiting_snapshot(engine, filters, snapshot)["histogram"],
            profiles=need_profiles(engine, filters),
            monthly=monthly_referrals_by_category(engine, filters),
            snapshot=snapshot,
        )
    finally:
        engine.dispose()


def catalogue_frame(app: AppTest):
    """The catalogue as shown (the one table with a "Needs addressed" column)."""
    return next(table.value for table in app.dataframe if "Needs addressed" in table.value.columns)


def shown_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_landscape_renders_its_heading_and_five_figures_equal_to_the_data(app, sample_database_url):
    open_page(app, LANDSCAPE)
    assert [title.value for title in app.title] == ["Landscape"]
    assert [metric.label for metric in app.metric] == LABELS
    expected = {kpi.label: kpi.value for kpi in expected_landscape(sample_database_url).kpis()}
    assert shown_values(app) == expected
    assert expected["Places per month"] != "Not loaded"
    headings = [header.value for header in app.subheader]
    assert headings == ["The landscape at a glance", "The same landscape as a treemap", "Catalogue of interventions",
                        "Where can this need be met here?", "Provision against demand",
                        "Shortfall in places by need and PDU", "Providers compared with others of the same kind",
                        "Referrals per month by category"]
    assert not any("No provision is loaded" in warning.value for warning in app.warning)


def test_filters_change_the_figures(app, sample_database_url):
    open_page(app, LANDSCAPE, category="commissioned_rehabilitative_service", gender="male")
    expected = expected_landscape(sample_database_url, categories=("commissioned_rehabilitative_service",),
                                  genders=("male",))
    assert shown_values(app) == {kpi.label: kpi.value for kpi in expected.kpis()}
    # Women's Services are CRS but for women only: not available to a male-only scope.
    assert not expected.interventions.loc[
        expected.interventions["intervention_code"].isin(expected.available["intervention_code"]), "target_group"
    ].eq("women").any()


def test_page_settings_round_trip_through_the_url(app):
    open_page(app, LANDSCAPE, tiles="places", compare="category", margin="25", find="women")
    assert app.radio(key="w_page_tiles").value == "places"
    assert app.radio(key="w_page_compare").value == "category"
    assert app.slider(key="w_page_margin").value == 25
    assert app.text_input(key="w_page_find").value == "women"
    assert (app.query_params["tiles"], app.query_params["compare"], app.query_params["margin"]) == (
        "places", "category", "25")
    app.radio(key="w_page_compare").set_value("intervention").run()
    assert app.query_params["compare"] == "intervention"
    app.radio(key="w_page_tiles").set_value("referrals").run()
    assert "tiles" not in app.query_params  # back at the default: left out of the link


def test_clicking_a_category_tile_filters_the_page(app, sample_database_url):
    open_page(app, LANDSCAPE)
    all_rows = len(catalogue_frame(app))
    # What Streamlit returns for a click on a treemap tile (read dict-style by the page).
    app.session_state["landscape_treemap_0"] = {
        "selection": {"points": [{"id": "category:structured_intervention", "label": "Structured interventions"}],
                      "point_indices": [0], "box": [], "lasso": []}}
    app.run()
    assert not app.exception
    assert app.session_state["filter_categories"] == ["structured_intervention"]
    assert app.query_params["category"] == "structured_intervention"
    catalogue = catalogue_frame(app)
    assert 0 < len(catalogue) < all_rows
    assert set(catalogue["Category"]) == {"Structured interventions"}
    expected = expected_landscape(sample_database_url, categories=("structured_intervention",))
    assert shown_values(app) == {kpi.label: kpi.value for kpi in expected.kpis()}


def test_clicking_an_intervention_tile_sets_the_intervention_filter(app):
    open_page(app, LANDSCAPE)
    app.session_state["landscape_treemap_0"] = {
        "selection": {"points": [{"id": "intervention:AP-BC"}], "point_indices": [], "box": [], "lasso": []}}
    app.run()
    assert app.session_state["filter_interventions"] == ["AP-BC"]
    assert catalogue_frame(app)["Intervention"].tolist() == ["Building Choices"]


@pytest.fixture(scope="module")
def no_provision_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small synthetic database loaded without provision.csv."""
    url = f"duckdb:///{tmp_path_factory.mktemp('no_provision') / 'sample.duckdb'}"
    frames = generate_frames(people_count=1_500, seed=5)
    del frames["provision"]
    load_frames(frames, url, replace=True, source="no provision", synthetic=True)
    return url


@pytest.fixture
def app_without_provision(no_provision_url, monkeypatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DATABASE_URL", no_provision_url)
    yield AppTest.from_file(str(DASHBOARD), default_timeout=APP_TIMEOUT_SECONDS)


def test_without_provision_availability_falls_back_to_referrals_and_says_so(app_without_provision, no_provision_url):
    app = open_page(app_without_provision, LANDSCAPE)
    assert any("No provision is loaded for this period" in warning.value
               and "received referrals in the period" in warning.value for warning in app.warning)
    expected = expected_landscape(no_provision_url)
    assert not expected.uses_provision
    assert shown_values(app) == {kpi.label: kpi.value for kpi in expected.kpis()}
    assert shown_values(app)["Places per month"] == "Not loaded"
    assert int(shown_values(app)["Interventions available"]) > 0
