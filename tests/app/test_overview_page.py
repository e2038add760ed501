"""Overview page and the shared filters under AppTest, against the synthetic test database."""

from __future__ import annotations

from data_access.queries import data_as_of, filter_options, overview_counts
from metrics.overview import overview_kpis
from tests.app.conftest import open_page
from vocabulary.scope import default_filters

OVERVIEW = "pages/overview.py"
LABELS = [
    "People",
    "Referrals",
    "Starts",
    "Completions",
    "Accredited programme waiting list",
    "Needs judged sufficient",
]


def expected_values(engine, **changes) -> dict[str, str]:
    filters = default_filters(data_as_of(engine)).with_changes(**changes)
    return {kpi.label: kpi.value for kpi in overview_kpis(overview_counts(engine, filters))}


def shown_values(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_overview_renders_its_heading_and_six_figures_equal_to_the_data(app, database):
    open_page(app, OVERVIEW)
    assert [title.value for title in app.title] == ["Overview"]
    assert [metric.label for metric in app.metric] == LABELS
    assert shown_values(app) == expected_values(database)
    assert any("synthetic sample data" in info.value for info in app.info)


def test_region_filter_changes_the_figures_and_the_url(app, database):
    open_page(app, OVERVIEW)
    region = filter_options(database)["regions"]["region_code"].iloc[0]
    national = shown_values(app)
    app.sidebar.multiselect(key="w_filter_regions").set_value([region]).run()
    assert shown_values(app) == expected_values(database, regions=(region,))
    assert shown_values(app) != national
    assert app.query_params["region"] == region


def test_url_parameters_restore_filters(app, database):
    pdus = filter_options(database)["pdus"]
    region, pdu = pdus["region_code"].iloc[0], pdus["pdu_code"].iloc[0]
    open_page(app, OVERVIEW, region=region, pdu=pdu, need="accommodation", gender="female")
    assert app.sidebar.multiselect(key="w_filter_pdus").value == [pdu]
    assert app.sidebar.multiselect(key="w_filter_needs").value == ["accommodation"]
    assert shown_values(app) == expected_values(
        database, regions=(region,), pdus=(pdu,), needs=("accommodation",), genders=("female",)
    )


def test_invalid_url_values_are_dropped_with_a_notice(app, database):
    # A link opens the default page (Overview): the notice shows on that first run.
    for key, value in {"region": "NOWHERE", "need": "accommodation,flying", "to": "not-a-date"}.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    notices = " ".join(warning.value for warning in app.warning)
    assert "NOWHERE" in notices and "flying" in notices and "not-a-date" in notices
    assert app.sidebar.multiselect(key="w_filter_needs").value == ["accommodation"]
    assert shown_values(app) == expected_values(database, needs=("accommodation",))


def test_filters_persist_across_pages_and_reset_clears_them(app, database):
    open_page(app, OVERVIEW)
    app.sidebar.multiselect(key="w_filter_needs").set_value(["finance"]).run()
    app.switch_page("pages/about_the_data.py").run()
    assert app.sidebar.multiselect(key="w_filter_needs").value == ["finance"]
    app.switch_page(OVERVIEW).run()
    assert shown_values(app) == expected_values(database, needs=("finance",))
    reset = next(button for button in app.sidebar.button if button.label == "Reset filters")
    reset.click().run()
    assert app.sidebar.multiselect(key="w_filter_needs").value == []
    assert shown_values(app) == expected_values(database)


def test_about_page_opens_with_what_readers_need_and_ends_with_the_technical_appendix_and_the_upload(app):
    open_page(app, "pages/about_the_data.py")
    assert [title.value for title in app.title] == ["About the data"]
    assert [heading.value for heading in app.subheader] == [
        "Where the data come from", "Coverage and data date", "Quality caveats", "How the figures are protected",
        "Contact", "Definitions", "Technical appendix", "Load new data"]
    tables = [frame.value for frame in app.dataframe]
    assert any("referrals" in table["Table"].tolist() for table in tables if "Table" in table)
    headings = [expander.label for expander in app.main.expander]
    assert "Accredited programme waiting list" in headings
    # The loader's command line and exit codes are only in the appendix, the page's last expander.
    appendix = app.main.expander[-1]
    assert appendix.label.startswith("The data contract")
    contract = " ".join(block.value for block in appendix.markdown)
    assert "--replace" in contract and "exit" in contract.lower()
    before = " ".join(block.value for block in app.main.markdown if block not in appendix.markdown)
    assert "--replace" not in before and "duckdb:///" not in before


def test_dates_in_a_link_outside_the_data_are_moved_inside_with_a_notice(app, database):
    info_from = data_as_of(database)
    app.query_params["from"] = "1990-01-01"
    app.query_params["to"] = "2099-12-31"
    app.run()
    assert not app.exception
    assert "1990-01-01" in " ".join(warning.value for warning in app.warning)
    assert app.sidebar.date_input(key="w_filter_period_end").value == info_from


def test_a_dataset_shorter_than_the_default_period_still_opens(tmp_path, monkeypatch):
    # The tiny hand-made dataset covers January to June 2024: the default period
    # (July 2023 to June 2024) starts before the data, and the date picker must allow it.
    from streamlit.testing.v1 import AppTest

    from data_access.load import load_dataset
    from tests.app.conftest import REPO_ROOT
    from tests.dataset_builder import write_csv_dataset

    url = f"duckdb:///{tmp_path / 'short.duckdb'}"
    load_dataset(write_csv_dataset(tmp_path / "dataset"), url, replace=True)
    monkeypatch.setenv("DATABASE_URL", url)
    short = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=60)
    short.run()
    assert not short.exception, short.exception
    assert short.sidebar.date_input(key="w_filter_period_start").value.isoformat() == "2023-07-01"
    assert [metric.value for metric in short.metric][1] == "5"  # Referrals: all five hand-made ones
