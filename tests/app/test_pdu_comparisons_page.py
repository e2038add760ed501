"""PDU comparisons page under AppTest, on a small dataset built here with one clear outlier.

Six PDUs in two regions, 60 people each with one judged accommodation need. Five
PDUs have 30 of 60 judged sufficient (50%); the outlier has 5 of 60 (8.3%), far
below England and Wales's 155 of 360 (43.1%): its 99.8% Wilson interval (about
2.3–25.8%) excludes the benchmark, so it must read "Significantly worse". No
provision file rows, so "Places per 100 people supervised" is not offered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access.comparison_queries import need_counts_by_pdu
from data_access.engine import make_engine
from data_access.load import load_frames
from data_access.queries import data_as_of
from metrics.comparison.tables import COMPARED_COLUMN
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from tests.dataset_builder import valid_rows
from vocabulary.scope import default_filters

PAGE = "pages/pdu_comparisons.py"
OUTLIER = "A1"
PDUS = {"A1": "Outlier Vale", "A2": "Ashby", "A3": "Alston", "B1": "Brandon", "B2": "Buxton", "B3": "Bude"}


def _frames() -> dict[str, pd.DataFrame]:
    rows = valid_rows()
    rows["pdus"] = [{"pdu_code": code, "pdu_name": name, "region_code": f"R{code[0]}",
                     "region_name": f"Region {code[0]}"} for code, name in PDUS.items()]
    rows["caseload"] = [{"pdu_code": code, "month": f"{year}-{month:02d}", "people_supervised": "1000"}
                        for code in PDUS for year, month in [(2023, m) for m in range(7, 13)]
                        + [(2024, m) for m in range(1, 7)]]
    rows["provision"] = []
    rows["people"], rows["needs"], rows["referrals"] = [], [], []
    for code in PDUS:
        sufficient = 5 if code == OUTLIER else 30
        for number in range(60):
            person = f"{code}-{number:02d}"
            rows["people"].append({"person_id": person, "pdu_code": code, "gender": "male",
                                   "ethnicity_group": "white", "age_band": "25-34", "risk_level": "medium",
                                   "sentence_type": "community_order", "sentence_end_date": ""})
            rows["needs"].append({"person_id": person, "need_code": "accommodation", "identified_date": "2024-06-01",
                                  "sufficiency": "sufficient" if number < sufficient else "insufficient"})
            rows["referrals"].append({"referral_id": f"R-{person}", "person_id": person, "pdu_code": code,
                                      "intervention_code": "CRS_ACC", "need_code": "accommodation",
                                      "referral_date": "2024-06-05",
                                      "start_date": "2024-06-20" if number % 2 else "", "end_date": "",
                                      "outcome": "open"})
    # One old referral, so the data start before the default twelve-month period does.
    rows["referrals"].append({"referral_id": "R-old", "person_id": "B3-00", "pdu_code": "B3",
                              "intervention_code": "CRS_ACC", "need_code": "accommodation",
                              "referral_date": "2023-01-10", "start_date": "", "end_date": "2023-02-01",
                              "outcome": "withdrawn"})
    frames = {name: pd.DataFrame(records) for name, records in rows.items()}
    frames["provision"] = pd.DataFrame(columns=["pdu_code", "intervention_code", "month", "places"])
    return frames


@pytest.fixture(scope="module")
def outlier_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('comparison_app') / 'outlier.duckdb'}"
    load_frames(_frames(), url, replace=True, source="comparison app test", synthetic=True)
    return url


@pytest.fixture
def page_app(outlier_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DATABASE_URL", outlier_url)
    yield AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


def comparison_table(app: AppTest) -> pd.DataFrame:
    tables = [frame.value for frame in app.dataframe if COMPARED_COLUMN in frame.value.columns]
    assert tables, "no table with a 'Compared with benchmark' column"
    return tables[0]


def test_heading_table_and_planted_outlier(page_app):
    open_page(page_app, PAGE)
    assert [title.value for title in page_app.title] == ["PDU comparisons"]
    table = comparison_table(page_app).set_index("PDU")
    assert table.loc["Outlier Vale", COMPARED_COLUMN] == "Significantly worse"
    assert set(table.drop(index="Outlier Vale")[COMPARED_COLUMN]) == {"Similar"}
    assert table.loc["Outlier Vale", "Value (%)"] == pytest.approx(500 / 60, abs=0.05)
    assert table.loc["Outlier Vale", "Benchmark: England and Wales (%)"] == pytest.approx(15500 / 360, abs=0.05)


def test_values_equal_the_query_and_metric_functions(page_app, outlier_url):
    open_page(page_app, PAGE)
    engine = make_engine(outlier_url, read_only=True)
    try:
        filters = default_filters(data_as_of(engine))
        counts = need_counts_by_pdu(engine, filters, ((filters.period_start, filters.period_end),))
    finally:
        engine.dispose()
    expected = (counts["sufficient_count"] / counts["judged_count"] * 100).round(1)
    shown = comparison_table(page_app).set_index("PDU")["Value (%)"]
    assert dict(zip(counts["pdu_code"].map(PDUS), expected)) == shown.to_dict()


def test_settings_round_trip_through_the_url(page_app):
    open_page(page_app, PAGE, cmp_indicator="needs_started", cmp_benchmark="region", cmp_pdu="B2")
    assert page_app.selectbox(key="w_page_cmp_indicator").value == "needs_started"
    assert page_app.selectbox(key="w_page_cmp_benchmark").value == "region"
    assert page_app.selectbox(key="w_page_cmp_pdu").value == "B2"
    assert any(sub.value == "4. PDU profile" for sub in page_app.subheader)
    assert any("Buxton: profile" in str(chart.proto.spec) for chart in page_app.get("plotly_chart"))
    page_app.selectbox(key="w_page_cmp_indicator").set_value("judged_sufficient").run()
    assert "cmp_indicator" not in page_app.query_params  # back to the default: left out of the link
    page_app.selectbox(key="w_page_cmp_pdu").set_value("A3").run()
    assert page_app.query_params["cmp_pdu"] == "A3"
    assert page_app.query_params["cmp_benchmark"] == "region"


def test_region_filter_narrows_the_pdus_but_not_the_benchmark(page_app):
    open_page(page_app, PAGE, region="RB")
    table = comparison_table(page_app)
    assert sorted(table["PDU"]) == ["Brandon", "Bude", "Buxton"]
    assert table["Benchmark: England and Wales (%)"].tolist() == [pytest.approx(15500 / 360, abs=0.05)] * 3


def test_bad_link_values_are_dropped_with_a_notice(page_app):
    open_page(page_app, PAGE, cmp_indicator="nonsense", cmp_pdu="ZZ9")
    notices = " ".join(warning.value for warning in page_app.warning)
    assert "cmp_indicator=nonsense" in notices and "ZZ9" in notices
    assert page_app.selectbox(key="w_page_cmp_indicator").value == "judged_sufficient"
    assert page_app.selectbox(key="w_page_cmp_pdu").value == ""


def test_only_indicators_the_data_support_are_offered(page_app):
    open_page(page_app, PAGE)
    offered = page_app.selectbox(key="w_page_cmp_indicator").options
    assert "Places per 100 people supervised" not in offered
    assert "Referrals per 100 people supervised" in offered


def test_a_funnel_click_selects_the_pdu_of_interest(page_app):
    open_page(page_app, PAGE)
    assert page_app.selectbox(key="w_page_cmp_pdu").value == ""
    # What Streamlit returns for a clicked point, read dict-style by the page.
    page_app.session_state["comparison_funnel_0"] = {
        "selection": {"points": [{"customdata": OUTLIER, "x": 60, "y": 500 / 60}], "point_indices": [0],
                      "box": [], "lasso": []}}
    page_app.run()
    assert not page_app.exception, page_app.exception
    assert page_app.selectbox(key="w_page_cmp_pdu").value == OUTLIER
    assert page_app.query_params["cmp_pdu"] == OUTLIER
    assert any("Outlier Vale: profile" in str(chart.proto.spec) for chart in page_app.get("plotly_chart"))


def test_overview_matrix_has_every_pdu_and_indicator(page_app):
    open_page(page_app, PAGE)
    matrices = [frame.value for frame in page_app.dataframe if "Needs sufficient (%)" in frame.value.columns]
    assert len(matrices) == 1
    matrix = matrices[0].set_index("PDU")
    assert sorted(matrix.index) == sorted(PDUS.values())
    assert matrix.loc["Outlier Vale", "Needs sufficient (%)"] == pytest.approx(500 / 60, abs=0.05)
    assert "Places per 100" not in matrix.columns  # no provision loaded


def test_a_people_filter_withdraws_the_rates_per_100_people_supervised_and_says_why(page_app):
    # Issue 11: the caseload cannot be split by gender, so "per 100 people supervised" is not offered under a
    # gender filter (everyone in this dataset is male, so the filter keeps every referral).
    open_page(page_app, PAGE, gender="male")
    offered = page_app.selectbox(key="w_page_cmp_indicator").options
    assert "Referrals per 100 people supervised" not in offered
    assert "Waiting list per 100 people supervised" not in offered
    assert "Judged needs sufficient (%)" in offered
    captions = " ".join(caption.value for caption in page_app.caption)
    assert "people filter" in captions and "Referrals per 100 people supervised" in captions
    assert "cannot be split" in captions
    matrix = next(frame.value for frame in page_app.dataframe if "Needs sufficient (%)" in frame.value.columns)
    assert not any("per 100" in column for column in matrix.columns)


def test_a_link_to_a_rate_under_a_people_filter_falls_back_with_a_notice(page_app):
    open_page(page_app, PAGE, gender="male", cmp_indicator="referrals_per_100")
    assert page_app.selectbox(key="w_page_cmp_indicator").value == "judged_sufficient"
    notices = " ".join(warning.value for warning in page_app.warning)
    assert "Referrals per 100 people supervised" in notices and "people filter" in notices


def test_without_a_people_filter_the_rates_are_offered_and_no_note_is_shown(page_app):
    open_page(page_app, PAGE)
    assert "Waiting list per 100 people supervised" in page_app.selectbox(key="w_page_cmp_indicator").options
    assert not any("cannot be split" in caption.value for caption in page_app.caption)


def test_need_measures_say_which_records_lack_follow_up_and_leave_those_quarters_untested(page_app):
    # Every need record is identified on 1 June 2024 and the data run to 20 June 2024, whose 182 days before
    # is 21 December 2023 (31 + 30 + 31 + 29 + 31 + 30 = 182 days from 21 Dec to 20 Jun). The trend's quarters
    # end on month ends, 31 May 2023 … 31 May 2024 (the part month to 20 Jun is left out): the three ending
    # on or before 21 Dec 2023 have had full follow-up, too few to test.
    open_page(page_app, PAGE, cmp_indicator="needs_started", cmp_pdu="B2")
    captions = " ".join(caption.value for caption in page_app.caption)
    assert "within 182 days (26 weeks)" in captions
    assert "identified after 21 December 2023" in captions
    assert "“3 months to 29 Feb 2024” on have not had the full 182 days" in captions
    trend = " ".join(text.value for text in page_app.markdown if "Recent trend for Buxton" in text.value)
    assert "Not tested: fewer than 5 three-month periods have had the full 182 days" in trend
    assert any("Follow-up not complete" in str(chart.proto.spec) for chart in page_app.get("plotly_chart"))
    # Half of each PDU's 60 need records started 19 days after the need: within the window.
    assert comparison_table(page_app).set_index("PDU").loc["Buxton", "Value (%)"] == pytest.approx(50.0)


def test_regions_as_the_unit_are_compared_with_england_and_wales_by_the_same_rule(page_app):
    # Region A: 5 + 30 + 30 = 65 of 180 (36.1%); Region B: 90 of 180 (50.0%); England and Wales 155 of 360
    # (43.06%). Wilson 95% by hand: A 29.45-43.35%, B 42.77-57.23%: both hold 43.06%, so both are Similar,
    # though Outlier Vale in Region A is Significantly worse as a PDU.
    open_page(page_app, PAGE, cmp_unit="region")
    table = comparison_table(page_app).set_index("Region")
    assert list(table.index) == ["Region B", "Region A"]  # best first
    assert table["Value (%)"].to_dict() == {"Region B": 50.0, "Region A": pytest.approx(100 * 65 / 180, abs=0.05)}
    assert table.loc["Region A", "Lower 95% limit"] == pytest.approx(29.45, abs=0.06)
    assert table.loc["Region A", "Upper 95% limit"] == pytest.approx(43.35, abs=0.06)
    assert set(table[COMPARED_COLUMN]) == {"Similar"}
    assert table["Benchmark: England and Wales (%)"].tolist() == [pytest.approx(15500 / 360, abs=0.05)] * 2
    assert [metric.label for metric in page_app.metric][1] == "Regions compared"
    assert not [box for box in page_app.selectbox if box.key == "w_page_cmp_benchmark"]
    assert any("The profile is drawn for one PDU" in info.value for info in page_app.info)
    matrix = next(frame.value for frame in page_app.dataframe if "Needs sufficient (%)" in frame.value.columns)
    assert sorted(matrix["Region"]) == ["Region A", "Region B"] and "PDU" not in matrix.columns
    page_app.radio(key="w_page_cmp_unit").set_value("pdu").run()
    assert "cmp_unit" not in page_app.query_params
    assert "Outlier Vale" in set(comparison_table(page_app)["PDU"])


def test_a_pdu_chosen_in_the_sidebar_fills_the_profile_and_trend_at_once(page_app):
    open_page(page_app, PAGE, pdu="B2")
    picker = page_app.selectbox(key="w_page_cmp_pdu")
    assert picker.value == "" and picker.format_func("") == "Buxton (from the filters)"
    assert "cmp_pdu" not in page_app.query_params  # nothing chosen on the page itself
    assert any("Buxton: profile" in str(chart.proto.spec) for chart in page_app.get("plotly_chart"))
    assert any("Recent trend for Buxton" in text.value for text in page_app.markdown)


def test_the_funnel_numbers_only_the_pdu_outside_the_998_limits_and_names_it_in_its_key(page_app):
    open_page(page_app, PAGE)
    funnel = next(json.loads(chart.proto.spec) for chart in page_app.get("plotly_chart")
                  if "funnel plot" in json.loads(chart.proto.spec)["layout"]["title"]["text"])
    notes = funnel["layout"]["annotations"]
    assert [note["text"] for note in notes if note.get("showarrow")] == ["1"]
    assert [note["text"] for note in notes if not note.get("showarrow")] == [
        "Outside the 99.8% limits:<br><b>1</b> Outlier Vale"]
