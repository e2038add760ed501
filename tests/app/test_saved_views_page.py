"""Saved views in the app: save, list, open and delete, on DuckDB and PostgreSQL; bad names refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from data_access import saved_views
from data_access.engine import make_engine
from data_access.queries import filter_options
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from tests.sample_database import sample_in_postgres_schema


@pytest.fixture(scope="module")
def postgres_app_database() -> Iterator[str]:
    """The synthetic test dataset loaded into a fresh PostgreSQL schema (dropped afterwards)."""
    with sample_in_postgres_schema(skip_reason="TEST_DATABASE_URL is not set: PostgreSQL tests skipped") as url:
        try:
            yield url
        finally:
            saved_views.close_connections()


@pytest.fixture(params=["duckdb", "postgresql"])
def app_database(request: pytest.FixtureRequest, sample_database_url: str) -> Iterator[str]:
    """The app's database on each backend; saved views are cleared afterwards."""
    url = sample_database_url if request.param == "duckdb" else request.getfixturevalue("postgres_app_database")
    yield url
    for view in saved_views.list_views(url):
        saved_views.delete_view(url, view.name)


@pytest.fixture
def app_on(app_database: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", app_database)
    return AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


@pytest.fixture
def region_code(app_database: str) -> str:
    engine = make_engine(app_database, read_only=True)
    code = filter_options(engine)["regions"]["region_code"].iloc[0]
    engine.dispose()
    return code


def kpis(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def save_as(at: AppTest, name: str) -> AppTest:
    at.sidebar.text_input(key="saved_view_name").set_value(name)
    next(button for button in at.sidebar.button if button.label == "Save this view").click().run()
    assert not at.exception, at.exception
    return at


def view_choices(at: AppTest) -> list[str]:
    boxes = [box for box in at.sidebar.selectbox if box.key == "saved_view_choice"]
    return list(boxes[0].options) if boxes else []


def test_save_list_open_and_delete_a_view(app_on, region_code):
    at = open_page(app_on, "pages/overview.py", region=region_code, present="1")
    saved_figures = kpis(at)
    save_as(at, "Team meeting")
    assert [item.value for item in at.sidebar.success] == ["Saved this view as 'Team meeting'."]
    assert view_choices(at) == ["Team meeting (Overview)"]

    # Move away: presentation off, no region, another page.
    at.sidebar.toggle(key="w_shared_present").set_value(False).run()
    at.sidebar.multiselect(key="w_filter_regions").set_value([]).run()
    assert kpis(at) != saved_figures
    at.switch_page("pages/about_the_data.py")
    at.run()

    at.sidebar.selectbox(key="saved_view_choice").set_value("Team meeting").run()
    at.sidebar.button(key="saved_view_open").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Overview"
    assert kpis(at) == saved_figures
    assert dict(at.query_params) == {"region": region_code, "present": "1"}
    assert len(at.sidebar.multiselect) == 0  # presentation mode came back with the view

    # AppTest keeps the pre-switch page's widget ids after an in-script st.switch_page; re-entering
    # the page through AppTest makes the sidebar's widgets settable again (a browser needs no such step).
    at.switch_page("pages/overview.py")
    at.run()
    at.sidebar.selectbox(key="saved_view_choice").set_value("Team meeting").run()
    at.sidebar.button(key="saved_view_delete").click().run()
    assert [item.value for item in at.sidebar.success] == ["Deleted the saved view 'Team meeting'."]
    assert view_choices(at) == []
    assert "No saved views yet." in [item.value for item in at.sidebar.caption]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "the name is empty"),
        ("Leeds/Bradford", "remove '/'"),
        ("x" * 61, "use at most 60"),
    ],
)
def test_bad_view_names_get_a_clear_error(app_on, name, message):
    at = save_as(open_page(app_on, "pages/overview.py"), name)
    errors = [item.value for item in at.sidebar.error]
    assert len(errors) == 1 and message in errors[0]
    assert view_choices(at) == []


def test_a_second_view_with_the_same_name_is_refused(app_on):
    at = save_as(open_page(app_on, "pages/overview.py"), "Board paper")
    save_as(at, "board PAPER")
    assert [item.value for item in at.sidebar.error] == [
        "A saved view called 'Board paper' already exists: choose another name."
    ]
    assert view_choices(at) == ["Board paper (Overview)"]
