"""Data quality page under AppTest: its figures equal the measures worked out on the same data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import streamlit as st

from components import cache
from data_access.engine import make_engine
from data_access.quality_queries import quality_counts_by_pdu
from data_access.queries import data_as_of, filter_options
from metrics.quality.measures import MEASURES, months_in_period, with_derived_counts
from metrics.quality.rates import scope_summary
from metrics.quality.tables import summary_display
from tests.app.conftest import open_page
from vocabulary.scope import default_filters

PAGE = "pages/data_quality.py"


def _expected_summary(engine, **changes) -> pd.DataFrame:
    filters = default_filters(data_as_of(engine)).with_changes(**changes)
    counts = with_derived_counts(quality_counts_by_pdu(engine, filters)["by_pdu"],
                                 months=months_in_period(filters.period_start, filters.period_end))
    keep = counts["region_code"].isin(filters.regions) if filters.regions else counts["pdu_code"].notna()
    return summary_display(scope_summary(counts, counts.loc[keep, "pdu_code"]))


def _shown_summary(app) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "Measure" in frame.value.columns)


def test_page_shows_every_measure_equal_to_the_data(app, database):
    open_page(app, PAGE)
    assert [title.value for title in app.title] == ["Data quality"]
    shown = _shown_summary(app)
    assert list(shown["Measure"]) == [measure.name for measure in MEASURES]
    expected = _expected_summary(database)
    assert list(shown["Share selected (%)"].round(1)) == list(expected["Share selected (%)"].round(1))
    assert [str(value) for value in shown["With the problem"]] == [str(v) for v in expected["With the problem"]]
    assert any("Impact on the figures" in header.value for header in app.subheader)


def test_region_filter_narrows_the_scope_but_keeps_england_and_wales(app, database):
    open_page(app, PAGE)
    national = _shown_summary(app)
    region = filter_options(database)["regions"]["region_code"].iloc[0]
    app.sidebar.multiselect(key="w_filter_regions").set_value([region]).run()
    regional = _shown_summary(app)
    assert list(regional["England and Wales (%)"]) == list(national["England and Wales (%)"])
    assert list(regional["Checked"]) != list(national["Checked"])
    assert list(regional["Checked"]) == list(_expected_summary(database, regions=(region,))["Checked"])


def test_measure_choice_is_kept_in_the_url_and_opens_from_a_link(app):
    open_page(app, PAGE, quality="duplicates")
    assert app.selectbox(key="w_page_quality").value == "duplicates"
    assert any("Likely duplicate referrals" in str(chart.proto.spec) for chart in app.get("plotly_chart"))
    app.selectbox(key="w_page_quality").set_value("stale").run()
    assert app.query_params["quality"] == "stale"


def test_each_page_opens_data_quality_with_its_measure_and_the_same_filters(app):
    open_page(app, "pages/waiting_times.py", region="N53")
    app.button(key="quality_link").click().run()
    assert [title.value for title in app.title] == ["Data quality"]
    assert app.selectbox(key="w_page_quality").value == "stale"
    assert app.query_params["region"] == "N53" and app.query_params["quality"] == "stale"
    assert any("N53" in str(value) or "East Midlands" in str(value) for value in
               [markdown.value for markdown in app.markdown])


def test_a_new_period_reads_the_counts_whatever_the_date_from_the_cache(
        sample_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts no period changes (every record whatever its date) run once for two periods and two
    areas, and the page's counts still equal those worked out afresh for each view."""
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    name = "data_access.quality_queries.dated_counts_by_pdu"
    original, ran = cache._QUERIES[name], []

    def counted(engine: object, *args: object, **kwargs: object) -> object:
        ran.append(args)
        return original(engine, *args, **kwargs)

    monkeypatch.setitem(cache._QUERIES, name, counted)
    engine = make_engine(sample_database_url, read_only=True)
    st.cache_data.clear()
    try:
        first = default_filters(data_as_of(engine))
        views = (first, first.with_changes(period_end=first.period_end - dt.timedelta(days=1)),
                 first.with_changes(period_start=first.period_start - dt.timedelta(days=92), regions=("N07",)))
        for filters in views:
            shown = cache.load_quality_counts(filters)
            worked = quality_counts_by_pdu(engine, filters)
            pd.testing.assert_frame_equal(shown["by_pdu"], worked["by_pdu"])
            assert shown["reference_date"] == worked["reference_date"]
    finally:
        st.cache_data.clear()
        engine.dispose()
    assert len(ran) == 1
