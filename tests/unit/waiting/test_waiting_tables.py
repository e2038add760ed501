"""Breakdown tables, chart frames and completed waits: disclosure control and layout, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.waiting.completed import completed_median_weeks, completed_waits_table
from metrics.waiting.tables import (
    SUPPRESSED_CODE,
    breakdown,
    breakdown_display,
    breakdown_download,
    count_text,
    statistic_text,
)
from metrics.waiting.views import at_risk_table, started_within_table, with_count_labels

# PDU A: 12 waiting, 7 days each (target 2 weeks: all within); 13 starts in the 13 weeks -> clears in 12 weeks.
# PDU B: 3 waiting, 400 days each (over 52 weeks); no starts. PDU C: 10 waiting, 14 days each; no starts.
HISTOGRAM = pd.DataFrame({
    "pdu_code": ["A", "B", "C"], "wait_days": [7, 400, 14], "waiting_count": [12, 3, 10],
})
RECENT = pd.DataFrame({"pdu_code": ["A", "B", "C"], "recent_starts_count": [13, 0, 0]})


def _display() -> pd.DataFrame:
    summary = breakdown(HISTOGRAM, RECENT, ["pdu_code"], target_weeks=2)
    return breakdown_display(summary, {"pdu_code": "PDU"})


def test_breakdown_by_hand():
    summary = breakdown(HISTOGRAM, RECENT, ["pdu_code"], target_weeks=2).set_index("pdu_code")
    assert summary.loc["A", "clearance_time_weeks"] == pytest.approx(12.0)
    assert math.isinf(summary.loc["C", "clearance_time_weeks"])
    assert summary.loc["B", "over_52_weeks_count"] == 3
    assert summary.loc["C", "within_target_pct"] == pytest.approx(100.0)  # 14 days = 2 weeks is within


def test_display_is_largest_first_with_small_numbers_coded():
    display = _display()
    assert display["PDU"].tolist() == ["A", "C", "B"]
    b = display.set_index("PDU").loc["B"]
    assert b["Waiting list"] == SUPPRESSED_CODE and b["Waiting over 52 weeks"] == SUPPRESSED_CODE
    assert b["Median wait (weeks)"] == SUPPRESSED_CODE and b["Weeks to clear the list"] == SUPPRESSED_CODE
    a = display.set_index("PDU").loc["A"]
    assert a["Median wait (weeks)"] == 1.0 and a["Waiting over 52 weeks"] == 0


def test_display_text_and_download_spell_out_the_codes():
    assert count_text(SUPPRESSED_CODE) == "<5" and count_text(1234.0) == "1,234"
    assert statistic_text(SUPPRESSED_CODE) == "" and statistic_text(math.inf) == "not clearing"
    download = breakdown_download(_display()).set_index("PDU")
    assert download.loc["B", "Waiting list"] == "<5"
    assert download.loc["B", "Median wait (weeks)"] == ""
    assert download.loc["C", "Weeks to clear the list"] == "not clearing"
    assert download.loc["A", "Weeks to clear the list"] == "12.0"
    assert download.loc["A", "Waiting list"] == 10  # 12 waiting, shown rounded to 5


def test_chart_counts_never_draw_a_suppressed_value():
    frame = with_count_labels(pd.DataFrame({"n": [0, 3, 1200]}), "n")
    assert frame["n_plotted"].tolist() == [0, 0, 1200]
    assert frame["n_label"].tolist() == ["0", "<5", "1,200"]


def test_at_risk_table_by_hand():
    summary = pd.DataFrame({"pdu_code": ["A", "B"], "region_code": ["R", "R"], "waiting_count": [40, 8],
                            "sentence_known_count": [30, 6], "at_risk_count": [6, 2]})
    table = at_risk_table(summary, {"pdus": {"A": "Alpha", "B": "Beta"}, "regions": {"R": "Region R"}})
    assert table["Probation Delivery Unit"].tolist() == ["Alpha", "Beta"]
    assert table["At risk (% with a date)"].iloc[0] == pytest.approx(20.0)  # 6 of 30
    assert table["At risk"].iloc[1] == "<5" and math.isnan(table["At risk (% with a date)"].iloc[1])


def test_started_within_table_hides_small_groups():
    started = pd.DataFrame({
        "group": ["a", "b", "Overall"], "cohort_count": [40, 6, 46], "value_pct": [50.0, 10.0, 45.0],
        "left_pct": [20.0, 30.0, 21.0], "value_pct_lower95": [35.0, 1.0, 31.0],
        "value_pct_upper95": [65.0, 40.0, 59.0], "comparison": ["Similar", "Not compared", "Not compared"],
    })
    table = started_within_table(started, {"a": "A", "b": "B"}, heading="Group").set_index("Group")
    assert table.loc["A", "Referrals started within target (%)"] == 50.0
    assert math.isnan(table.loc["B", "Referrals started within target (%)"])
    assert table.loc["B", "Referrals in the period"] == 5  # 6 shown rounded to 5


def test_completed_waits_by_hand():
    # BC: waits 0, 14, 70 days -> median 14 days = 2 weeks; 3 starts, so not shown in the table.
    # CRS: 12 starts of 7 days -> median 1 week. All: 15 starts, median 7 days.
    waits = pd.DataFrame({"intervention_code": ["BC", "BC", "BC", "CRS"], "wait_days": [0, 14, 70, 7],
                          "start_count": [1, 1, 1, 12]})
    assert completed_median_weeks(waits[waits["intervention_code"] == "BC"]) == pytest.approx(2.0)
    table = completed_waits_table(waits, {"BC": "Building Choices"}).set_index("Intervention")
    assert table.loc["All", "Starts in the period"] == "15"
    assert table.loc["All", "Median wait to start (weeks)"] == "1.0"
    assert table.loc["Building Choices", "Starts in the period"] == "<5"
    assert table.loc["Building Choices", "Median wait to start (weeks)"] == "suppressed"
    assert table.loc["CRS", "Median wait to start (weeks)"] == "1.0"


def test_started_within_table_hides_a_share_that_gives_back_a_count_of_one_to_four():
    # 2 of 40 started (5%): 5% of the 40 referrals would give the 2 back. 38 of 40 left (95%): the 2 who
    # did not leave are given back the same way. 20 of 40 (50%) and 10 of 40 (25%) stay.
    started = pd.DataFrame({
        "group": ["a", "b", "c"], "cohort_count": [40, 40, 40], "value_pct": [5.0, 50.0, 2.5 * 20],
        "left_pct": [20.0, 95.0, 25.0], "value_pct_lower95": [1.0, 35.0, 35.0],
        "value_pct_upper95": [17.0, 65.0, 65.0], "comparison": ["Worse", "Similar", "Similar"],
    })
    table = started_within_table(started, {}, heading="Group").set_index("Group")
    assert math.isnan(table.loc["a", "Referrals started within target (%)"]) and math.isnan(table.loc["a", "95% lower (%)"])
    assert table.loc["a", "Compared with overall"] == "Not compared"
    assert math.isnan(table.loc["b", "Left without starting by then (%)"])
    assert table.loc["c", "Referrals started within target (%)"] == 50.0


def test_a_month_end_that_would_pin_a_flow_is_hidden_in_the_trend():
    from metrics.waiting.views import labelled_trend, trend_table

    # Month 2: list 7 -> 5 with one start and one removal. Shown 5, 5, 0, "<5", "<5", the relation
    # 5–7 − 5–7 = 0 − s − r pins s = r = 1; so the earlier month end (7) is hidden.
    trend = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
                          "waiting_end_count": [7, 5, 20], "additions_count": [0, 0, 15],
                          "starts_count": [0, 1, 0], "removals_count": [0, 1, 0]})
    shown = labelled_trend(trend)
    assert shown["waiting_end_count_label"].tolist() == ["hidden", "5", "20"]
    assert trend_table(shown)["Waiting at month end"].tolist() == ["hidden", 5, 20]


def test_completed_overall_is_hidden_when_it_would_pin_a_month_or_an_intervention():
    from metrics.waiting.completed import completed_waits_table

    waits = pd.DataFrame({"intervention_code": ["A", "B", "C"], "wait_days": [10, 20, 30], "start_count": [5, 1, 1]})
    table = completed_waits_table(waits, {}).set_index("Intervention")
    assert table.loc["All", "Starts in the period"] == "hidden"  # 7 shown as 5 = 5 + "<5" + "<5"
    roomy = waits.assign(start_count=[10, 1, 1])
    assert completed_waits_table(roomy, {}).set_index("Intervention").loc["All", "Starts in the period"] == "10"
    assert completed_waits_table(roomy, {}, monthly_starts=[5, 5, 1, 1]).iloc[0]["Starts in the period"] == "hidden"
