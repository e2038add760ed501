"""Sufficiency gaps under AppTest (issue 17): the matrix's rows (10 highest and 10 lowest, show all,
the sidebar region, regions as rows), its comparison with all needs nationally, and sufficiency over time."""

from __future__ import annotations

import json
import os

import pandas as pd
import streamlit
from streamlit.testing.v1 import AppTest

from components.blocks import table_key
from data_access.engine import make_engine
from data_access.queries import data_as_of, dataset_info, filter_options
from data_access.sufficiency_queries import sufficiency_counts
from metrics.stats.trend import trend_quarters
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.matrix import extreme_pdus
from metrics.sufficiency.measures import MEASURES, measure_table
from metrics.sufficiency.over_time import NATIONAL, SCOPE, quarterly_series, series_trend
from tests.app.conftest import open_page
from tests.app.test_sufficiency_gaps_page import planted_app  # noqa: F401  (a fixture)
from vocabulary.scope import default_filters

PAGE = "pages/sufficiency_gaps.py"
JUDGED = MEASURES["sufficient"]


def matrix_spec(app: AppTest) -> dict:
    """The matrix figure as drawn (the chart whose title ends "by PDU/region and need (%)")."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return next(spec for spec in specs if " and need (%)" in spec["layout"]["title"]["text"])


def matrix_rows(app: AppTest) -> set[str]:
    """The row codes of the matrix's clickable cells."""
    clickable = next(trace for trace in matrix_spec(app)["data"] if trace.get("customdata"))
    return {row[0] for row in clickable["customdata"]}


def caption_with(app: AppTest, text: str) -> str:
    return next(caption.value for caption in app.caption if text in caption.value)


def test_a_national_matrix_shows_the_ten_highest_and_ten_lowest_pdus_until_show_all(app, database):
    open_page(app, PAGE)
    counts = sufficiency_counts(database, default_filters(data_as_of(database)), "ethnicity_group")
    assert matrix_rows(app) == set(extreme_pdus(counts, JUDGED))
    assert len(matrix_rows(app)) == 20
    assert "the 10 PDUs with the highest and the 10 with the lowest" in caption_with(app, "Rows:")
    heatmap = matrix_spec(app)["data"][0]
    regions = set(filter_options(database)["regions"]["region_name"])
    assert any(label in {f"<b>{name}</b>" for name in regions} for label in heatmap["y"])  # region header rows
    app.toggle(key="w_page_rug_all").set_value(True).run()
    assert app.query_params["rug_all"] == "1"
    assert matrix_rows(app) == set(counts["pdu_code"])
    assert "xaxis2" in matrix_spec(app)["layout"]  # the need names repeated under the long grid


def test_a_sidebar_region_shows_all_its_pdus_without_the_switch(app, database):
    options = filter_options(database)
    region = options["regions"]["region_code"].iloc[0]
    open_page(app, PAGE, region=region)
    members = set(options["pdus"].loc[options["pdus"]["region_code"] == region, "pdu_code"])
    assert matrix_rows(app) == members
    assert not [toggle for toggle in app.toggle if toggle.key == "w_page_rug_all"]
    assert f"all {len(members)} PDUs selected" in caption_with(app, "Rows:")


def test_cells_can_be_compared_with_all_needs_in_england_and_wales(app, database):
    open_page(app, PAGE)
    assert "same need" in matrix_spec(app)["layout"]["title"]["text"]
    app.radio(key="w_page_rug_compare").set_value("all_needs").run()
    assert app.query_params["rug_compare"] == "all_needs"
    title = matrix_spec(app)["layout"]["title"]["text"]
    assert title.endswith("each cell against all needs in England and Wales")
    counts = sufficiency_counts(database, default_filters(data_as_of(database)), "ethnicity_group")
    national = measure_table(counts, JUDGED, [])["value_pct"].iloc[0]
    app.session_state[table_key("sufficiency_rug_0")] = True  # the table is built only when its panel is open
    app.run()
    table = next(frame.value for frame in app.dataframe if "Probation Delivery Unit" in frame.value.columns
                 and "Benchmark (%)" in frame.value.columns and "Need" in frame.value.columns)
    assert set(table["Benchmark (%)"]) == {round(national, 1)}


def test_regions_can_be_the_rows_and_a_click_opens_a_regions_pdus(app, database, monkeypatch):
    options = filter_options(database)
    region = options["regions"]["region_code"].iloc[0]
    open_page(app, PAGE)
    app.radio(key="w_page_rug_unit").set_value("region").run()
    assert matrix_rows(app) == set(options["regions"]["region_code"])
    assert matrix_spec(app)["layout"]["title"]["text"].startswith("Judged sufficient by region and need")
    real_chart = streamlit.plotly_chart
    clicks = []

    def clicked_chart(figure, *args, **kwargs):
        # One click: in the browser the chart's key changes after a click, dropping the old selection.
        if kwargs.get("key") == "sufficiency_rug_0" and not clicks:
            clicks.append(kwargs["key"])
            real_chart(figure, *args, **kwargs)
            return {"selection": {"points": [{"customdata": [region, "accommodation"]}]}}
        return real_chart(figure, *args, **kwargs)

    monkeypatch.setattr(streamlit, "plotly_chart", clicked_chart)
    app.run()
    assert app.sidebar.multiselect(key="w_filter_regions").value == [region]
    assert app.radio(key="w_page_rug_unit").value == "pdu"
    members = set(options["pdus"].loc[options["pdus"]["region_code"] == region, "pdu_code"])
    assert matrix_rows(app) == members


def _trends(database, **changes) -> dict[str, dict[str, str]]:
    """Each measure's recent trend for scope and nation, worked out from the query run per quarter."""
    filters = default_filters(data_as_of(database)).with_changes(**changes)
    quarters = trend_quarters(filters.period_end, dataset_info(database)["data_from"])
    frames = []
    for quarter in quarters.itertuples():
        counts = sufficiency_counts(database, filters.with_changes(period_start=quarter.start,
                                                                   period_end=quarter.end), "gender")
        frames.append(counts.assign(window=quarter.window, area=NATIONAL))
        regions = changes.get("regions", ())
        frames.append(counts[counts["region_code"].isin(regions)].assign(window=quarter.window, area=SCOPE))
    counts = pd.concat(frames)
    return {MEASURES[key].label: {
        area: series_trend(series[series["area"] == area], MEASURES[key])
        for series in [quarterly_series(counts, quarters, MEASURES[key], data_as_of=data_as_of(database))]
        for area in (SCOPE, NATIONAL)} for key in ("sufficient", "referred", "started")}


def test_sufficiency_over_time_shows_each_measures_trend_for_the_scope_and_nationally(app, database):
    options = filter_options(database)
    region = options["regions"]["region_code"].iloc[0]
    name = options["regions"].set_index("region_code").loc[region, "region_name"]
    open_page(app, PAGE, region=region)
    assert "Sufficiency over time" in [header.value for header in app.subheader]
    summary = next(frame.value for frame in app.dataframe if "Measure" in frame.value.columns)
    assert list(summary.columns) == ["Measure", name, "England and Wales"]
    expected = _trends(database, regions=(region,))
    for row in summary.itertuples(index=False):
        assert (row[1], row[2]) == (expected[row.Measure][SCOPE], expected[row.Measure][NATIONAL])
    spec = next(json.loads(chart.proto.spec) for chart in app.get("plotly_chart")
                if "by quarter" in json.loads(chart.proto.spec)["layout"]["title"]["text"])
    assert spec["layout"]["title"]["text"] == "Judged sufficient by quarter (%, 95% CI)"
    assert [trace["name"] for trace in spec["data"][:2]] == [name, "England and Wales"]
    app.radio(key="w_page_trend_measure").set_value("referred").run()
    assert app.query_params["trend_measure"] == "referred"
    assert any("Referred for the need by quarter" in chart.proto.spec for chart in app.get("plotly_chart"))


def test_the_gap_finder_can_list_regions(app):
    open_page(app, PAGE)
    app.radio(key="w_page_gap_unit").set_value("region").run()
    assert app.query_params["gap_unit"] == "region"
    assert any(text.value.startswith("Region × need cells whose") for text in app.markdown)
    # The small test data have no region significantly below: the finder says so.
    assert any("No cell is significantly below" in success.value for success in app.success)


def test_a_planted_gap_puts_its_region_at_the_top_of_the_regions_gap_finder(planted_app):  # noqa: F811
    app, planted_pdu, _ = planted_app
    open_page(app, PAGE, gap_unit="region")
    engine = make_engine(os.environ["DATABASE_URL"], read_only=True)
    pdus = filter_options(engine)["pdus"].set_index("pdu_code")
    counts = sufficiency_counts(engine, default_filters(data_as_of(engine)), "ethnicity_group")
    engine.dispose()
    expected = find_gaps(compared_cells(counts, counts, JUDGED, benchmark="all_persons", regions=True))
    shown = next(frame.value for frame in app.dataframe if "People the gap represents" in frame.value.columns)
    assert "Probation Delivery Unit" not in shown.columns
    top = shown.iloc[0]
    assert (top["Rank"], top["Region"], top["Need"]) == (1, pdus.loc[planted_pdu, "region_name"], "Accommodation")
    assert top["Compared with benchmark"] == "Significantly lower"
    assert len(shown) == len(expected)
    # People are shown rounded to 5: the metric's count for the region, rounded.
    assert int(top["People the gap represents"]) == 5 * round(expected["people_gap_count"].iloc[0] / 5)
