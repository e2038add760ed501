"""Sufficiency gaps page under AppTest: heading, the five figures against the data, URL state,
the matrix click, and a planted gap found at the top of the gap finder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from data_access.load import load_frames
from data_access.queries import data_as_of, filter_options
from data_access.sufficiency_queries import sufficiency_counts
from metrics.sufficiency.headline import least_met_sentence, sufficiency_kpis
from sample_data.generate import generate_frames
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from tests.sample_database import TEST_PEOPLE_COUNT, TEST_SEED
from vocabulary.scope import default_filters, default_period

PAGE = "pages/sufficiency_gaps.py"
LABELS = ["Needs identified", "Judged sufficient", "Referred for the need", "Started for the need"]


def expected_values(engine, **changes) -> dict[str, str]:
    """The five figures computed by the metric functions, with the area restricted in SQL."""
    filters = default_filters(data_as_of(engine)).with_changes(**changes)
    return {kpi.label: kpi.value for kpi in sufficiency_kpis(sufficiency_counts(engine, filters, "ethnicity_group"))}


def engine_filters(engine, **changes):
    return default_filters(data_as_of(engine)).with_changes(**changes)


def shown_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def gap_table(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "People the gap represents" in frame.value.columns)


def test_heading_four_figures_and_the_least_met_need_equal_the_data(app, database):
    open_page(app, PAGE)
    assert [title.value for title in app.title] == ["Sufficiency gaps"]
    assert [metric.label for metric in app.metric] == LABELS
    assert shown_values(app) == expected_values(database)
    least_met = least_met_sentence(sufficiency_counts(database, engine_filters(database), "ethnicity_group"))
    assert f"Least-met need against all needs: {least_met}" in [text.value for text in app.markdown]
    assert "percentage points lower" in least_met  # the sample data have a need below all needs
    assert [header.value for header in app.subheader] == ["By need", "Sufficiency over time", "By subgroup",
                                                          "PDU × need matrix", "Gap finder"]
    # The default period ends on the data date, so its latest need records are still within their follow-up.
    follow_up = next(caption.value for caption in app.caption if "within 182 days (26 weeks)" in caption.value)
    cutoff = data_as_of(database) - dt.timedelta(days=182)
    assert f"identified after {cutoff:%-d %B %Y}" in follow_up


def test_after_a_region_filter_the_figures_equal_the_metric_functions(app, database):
    open_page(app, PAGE)
    national = shown_values(app)
    region = filter_options(database)["regions"]["region_code"].iloc[1]
    app.sidebar.multiselect(key="w_filter_regions").set_value([region]).run()
    assert not app.exception
    assert shown_values(app) == expected_values(database, regions=(region,))
    assert shown_values(app) != national


def test_page_settings_round_trip_through_the_url(app):
    open_page(app, PAGE, measure="started", benchmark="region", subgroup="gender", gap_split="1")
    assert app.selectbox(key="w_page_measure").value == "started"
    assert app.selectbox(key="w_page_benchmark").value == "region"
    assert app.selectbox(key="w_page_subgroup").value == "gender"
    assert app.toggle(key="w_page_gap_split").value is True
    assert any("Gender" in frame.value.columns for frame in app.dataframe)  # need × gender table
    app.selectbox(key="w_page_measure").set_value("referred").run()
    assert app.query_params["measure"] == "referred"
    assert app.query_params["subgroup"] == "gender"
    app.selectbox(key="w_page_benchmark").set_value("all_persons").run()
    assert "benchmark" not in app.query_params  # the default is left out of the link


def test_an_invalid_page_setting_is_dropped_with_a_notice(app):
    open_page(app, PAGE, measure="happiness")
    assert app.selectbox(key="w_page_measure").value == "sufficient"
    assert any("happiness" in warning.value for warning in app.warning)


def test_clicking_a_matrix_cell_sets_the_pdu_and_need_filters(app, database, monkeypatch):
    counts = sufficiency_counts(database, default_filters(data_as_of(database)), "gender")
    housing = counts[counts["need_code"] == "accommodation"].groupby("pdu_code")["need_count"].sum()
    pdu = housing.idxmax()  # a PDU whose cell is in the matrix
    real_chart = streamlit.plotly_chart

    def clicked_chart(figure, *args, **kwargs):
        if str(kwargs.get("key", "")).startswith("sufficiency_rug"):
            real_chart(figure, *args, **kwargs)
            return {"selection": {"points": [{"customdata": [pdu, "accommodation"]}]}}
        return real_chart(figure, *args, **kwargs)

    monkeypatch.setattr(streamlit, "plotly_chart", clicked_chart)
    open_page(app, PAGE)
    assert app.sidebar.multiselect(key="w_filter_pdus").value == [pdu]
    assert app.sidebar.multiselect(key="w_filter_needs").value == ["accommodation"]
    assert app.query_params["pdu"] == pdu and app.query_params["need"] == "accommodation"
    assert shown_values(app) == expected_values(database, pdus=(pdu,), needs=("accommodation",))


def test_filters_that_match_no_need_record_say_so(app, database):
    filters = default_filters(data_as_of(database)).with_changes(needs=("finance",))
    day = next(
        filters.period_end - dt.timedelta(days=back) for back in range(60)
        if sufficiency_counts(database, filters.with_changes(
            period_start=filters.period_end - dt.timedelta(days=back),
            period_end=filters.period_end - dt.timedelta(days=back)), "gender").empty
    )
    open_page(app, PAGE, **{"from": day.isoformat(), "to": day.isoformat(), "need": "finance"})
    assert shown_values(app)["Needs identified"] == "0"
    assert any("No need records match" in info.value for info in app.info)
    assert not app.subheader  # no empty charts


# --- a planted gap --------------------------------------------------------------------------

PLANTED_PEOPLE = 250


def _planted_frames() -> tuple[dict[str, pd.DataFrame], str]:
    """The test dataset with one PDU given 250 extra people whose accommodation need was all
    judged insufficient in the default period: the gap finder's first row must be that cell."""
    frames = generate_frames(people_count=TEST_PEOPLE_COUNT, seed=TEST_SEED)
    referrals, needs, people = frames["referrals"], frames["needs"], frames["people"]
    as_of = max(referrals[column].max() for column in ("referral_date", "start_date", "end_date")).date()
    start, end = default_period(as_of)
    in_period = needs["identified_date"].dt.date.between(start, end)
    housing = needs[(needs["need_code"] == "accommodation") & in_period]
    chosen = housing["person_id"].drop_duplicates().iloc[:PLANTED_PEOPLE]
    planted_pdu = people["pdu_code"].value_counts().index[-1]  # a small PDU: the gap is all ours
    people.loc[people["person_id"].isin(chosen), "pdu_code"] = planted_pdu
    referrals.loc[referrals["person_id"].isin(chosen), "pdu_code"] = planted_pdu
    needs.loc[needs.index.isin(housing.index) & needs["person_id"].isin(chosen), "sufficiency"] = "insufficient"
    return frames, planted_pdu


@pytest.fixture
def planted_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, str, str]:
    frames, planted_pdu = _planted_frames()
    url = f"duckdb:///{tmp_path / 'planted.duckdb'}"
    load_frames(frames, url, replace=True, source="planted gap", synthetic=True)
    monkeypatch.setenv("DATABASE_URL", url)
    name = frames["pdus"].set_index("pdu_code").loc[planted_pdu, "pdu_name"]
    return AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS), planted_pdu, name


def test_a_planted_gap_appears_at_the_top_of_the_gap_finder(planted_app):
    app, _, pdu_name = planted_app
    open_page(app, PAGE)
    top = gap_table(app).iloc[0]
    assert (top["Rank"], top["Probation Delivery Unit"], top["Need"]) == (1, pdu_name, "Accommodation")
    assert top["Judged sufficient (%)"] == 0.0
    assert top["Compared with benchmark"] == "Significantly lower"
    # None of the judged records is sufficient, so the gap is the benchmark share of all of them.
    expected_gap = top["Benchmark (%)"] / 100 * int(top["Judged"])
    # People counts are shown rounded to the nearest 5 (disclosure control).
    assert int(top["People the gap represents"]) == 5 * round(expected_gap / 5)
    assert int(top["Judged"]) >= 50
