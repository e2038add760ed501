"""Waiting times page under AppTest: its heading, six figures equal to the metrics on the same data,
settings that round-trip through the URL, and the sections reacting to their controls."""

from __future__ import annotations

import datetime as dt

from data_access.queries import dataset_info, filter_options
from data_access.waiting_queries import waiting_snapshot
from metrics.waiting.flows import clearance_time_weeks, comparison_date
from metrics.waiting.kpis import HEADLINE_LABELS, waiting_kpis
from metrics.waiting.snapshot import wait_summary
from tests.app.conftest import open_page
from vocabulary.scope import default_filters

PAGE = "pages/waiting_times.py"


def _summary(engine, scope, day: dt.date, target_weeks: int) -> dict[str, float]:
    snapshot = waiting_snapshot(engine, scope, day)
    summary = wait_summary(snapshot["histogram"], target_weeks=target_weeks)
    starts = int(snapshot["recent"]["recent_starts_count"].sum())
    return summary | {"clearance_time_weeks": clearance_time_weeks(summary["waiting_count"], starts)}


def expected(engine, *, snapshot: dt.date | None = None, target_weeks: int = 12,
             category: str = "accredited_programme", **changes) -> dict[str, tuple[str, str | None]]:
    """The headline figures computed straight from the data-access and metric functions."""
    info = dataset_info(engine)
    filters = default_filters(info["data_as_of"]).with_changes(**changes)
    day = snapshot or min(filters.period_end, info["data_as_of"])
    scope = filters.with_changes(categories=(category,))
    before_date = comparison_date(day, info["data_from"])
    before = _summary(engine, scope, before_date, target_weeks) if before_date else None
    kpis = waiting_kpis(_summary(engine, scope, day, target_weeks), before, before_date=before_date,
                        target_weeks=target_weeks)
    return {kpi.label: (kpi.value, kpi.delta) for kpi in kpis}


def shown(app) -> dict[str, tuple[str, str | None]]:
    return {metric.label: (metric.value, metric.delta or None) for metric in app.metric}


def test_page_renders_its_heading_and_the_six_figures_equal_to_the_data(app, database):
    open_page(app, PAGE)
    assert [title.value for title in app.title] == ["Waiting times"]
    assert [metric.label for metric in app.metric] == list(HEADLINE_LABELS)
    assert shown(app) == expected(database)
    assert any("synthetic sample data" in info.value for info in app.info)
    subheaders = [header.value for header in app.subheader]
    for section in ("Shape of the list", "Trend over the period", "Where people are waiting", "Time to start",
                    "At risk of not starting before the sentence ends", "What-if capacity planner",
                    "Completed waits (secondary measure)"):
        assert section in subheaders


def test_a_filter_changes_the_figures_to_the_metrics_on_the_filtered_data(app, database):
    open_page(app, PAGE)
    region = filter_options(database)["regions"]["region_code"].iloc[0]
    national = shown(app)
    app.sidebar.multiselect(key="w_filter_regions").set_value([region]).run()
    assert not app.exception
    assert shown(app) == expected(database, regions=(region,))
    assert shown(app) != national


def test_snapshot_and_target_come_from_the_url_and_go_back_into_it(app, database):
    as_of = dataset_info(database)["data_as_of"]
    snapshot = as_of - dt.timedelta(days=200)
    open_page(app, PAGE, snapshot=snapshot.isoformat(), target="8")
    assert app.date_input(key="w_page_snapshot").value == snapshot
    assert app.number_input(key="w_page_target").value == 8
    assert shown(app) == expected(database, snapshot=snapshot, target_weeks=8)
    assert app.query_params["snapshot"] == snapshot.isoformat() and app.query_params["target"] == "8"
    app.number_input(key="w_page_target").set_value(20).run()
    app.date_input(key="w_page_snapshot").set_value(as_of - dt.timedelta(days=30)).run()
    assert app.query_params["target"] == "20"
    assert app.query_params["snapshot"] == (as_of - dt.timedelta(days=30)).isoformat()
    assert shown(app) == expected(database, snapshot=as_of - dt.timedelta(days=30), target_weeks=20)


def test_defaults_stay_out_of_the_url(app):
    open_page(app, PAGE)
    assert "target" not in app.query_params and "snapshot" not in app.query_params
    assert "wait_category" not in app.query_params


def test_invalid_settings_in_the_link_are_dropped_with_a_notice(app, database):
    open_page(app, PAGE, target="abc", snapshot="1900-01-01", wait_category="flying")
    notices = " ".join(warning.value for warning in app.warning)
    assert "target=abc" in notices and "snapshot=1900-01-01" in notices and "wait_category=flying" in notices
    assert shown(app) == expected(database)


def test_another_category_is_measured_and_kept_in_the_url(app, database):
    open_page(app, PAGE)
    app.selectbox(key="w_page_wait_category").set_value("commissioned_rehabilitative_service").run()
    assert app.query_params["wait_category"] == "commissioned_rehabilitative_service"
    assert shown(app) == expected(database, category="commissioned_rehabilitative_service")


def test_compare_across_a_subgroup_names_unknowns(app):
    open_page(app, PAGE, compare="ethnicity_group")
    assert app.selectbox(key="w_page_compare").value == "ethnicity_group"
    assert any("unknown ethnicity group" in caption.value for caption in app.caption)


def test_the_planner_reacts_to_extra_places(app):
    open_page(app, PAGE)
    verdicts = [text.value for text in app.markdown if text.value.startswith("Recent rates:")]
    app.number_input(key="waiting_plan_places").set_value(2_000).run()
    assert not app.exception
    after = [text.value for text in app.markdown if text.value.startswith("Recent rates:")]
    assert after != verdicts and "+2,000 starts a month" in after[0]
    assert "meets the 12-week target in" in after[0] or "already meets" in after[0]


def _tables_with(app, column: str) -> list:
    return [table.value for table in app.dataframe if column in table.value.columns]


def test_clicking_a_pdu_narrows_the_intervention_table(app, database):
    info = dataset_info(database)
    scope = default_filters(info["data_as_of"]).with_changes(categories=("accredited_programme",))
    waiting = waiting_snapshot(database, scope, info["data_as_of"])["histogram"]
    busiest = waiting.groupby("pdu_code")["waiting_count"].sum().idxmax()
    name = filter_options(database)["pdus"].set_index("pdu_code").loc[busiest, "pdu_name"]
    open_page(app, PAGE)
    national = _tables_with(app, "Intervention")[0]["Waiting list"]
    app.session_state["waiting_by_pdu"] = {"selection": {"points": [{"customdata": [busiest]}], "point_indices": [0],
                                                         "box": [], "lasso": []}}
    app.run()
    assert any(f"Tables narrowed to: {name}" in note.value for note in app.info)
    narrowed = _tables_with(app, "Intervention")[0]["Waiting list"]
    coded = int((narrowed == -1).sum())  # suppressed counts: between 1 and 4 people each
    known = int(narrowed[narrowed >= 0].sum())
    total = int(waiting.loc[waiting["pdu_code"] == busiest, "waiting_count"].sum())
    assert known + coded <= total <= known + 4 * coded
    assert narrowed.sum() < national.sum()


def test_at_risk_table_with_a_suppressed_cell_converts_to_arrow_without_fallback():
    # A count column mixing "<5" with numbers made Streamlit's Arrow conversion fail and retry on every view.
    import pandas as pd
    import pyarrow as pa

    from components.blocks import display_table
    from metrics.waiting.views import at_risk_table

    summary = pd.DataFrame({"pdu_code": ["A", "B"], "region_code": ["R", "R"], "waiting_count": [40, 12],
                            "sentence_known_count": [30, 10], "at_risk_count": [12, 3]})
    table = at_risk_table(summary, {"pdus": {}, "regions": {}})
    assert table["At risk"].tolist() == [10, "<5"]
    shown = display_table(table)
    pa.Table.from_pandas(shown.data)  # raises ArrowTypeError on a mixed column


def test_a_pdu_where_nobody_waits_draws_the_page_without_error(app):
    # N54P07 has no accredited programme referral waiting in the sample: the PDU scatter's empty frame
    # was read as a list of column names and the page raised KeyError 'waiting_count'.
    open_page(app, "pages/waiting_times.py", pdu="N54P07")
    assert {metric.label: metric.value for metric in app.metric}["Waiting list"] == "0"
