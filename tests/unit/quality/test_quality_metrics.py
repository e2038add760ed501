"""Data quality measures on frames small enough to work out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.quality.impact import impact_table
from metrics.quality.measures import MEASURES_BY_KEY, months_in_period, with_derived_counts
from metrics.quality.rates import measure_by_pdu, pdus_without_provision, scope_summary
from metrics.quality.tables import pdu_display, summary_display
from vocabulary.definitions import QUALITY_COUNT_COLUMNS


def _counts(rows: list[dict[str, object]], *, months: int = 12) -> pd.DataFrame:
    frame = pd.DataFrame([{"pdu_code": f"P{i}", "pdu_name": f"PDU {i}", "region_code": "R", "region_name": "Region",
                           **{column: 0 for column in QUALITY_COUNT_COLUMNS}, "caseload_month_count": months,
                           **row} for i, row in enumerate(rows)])
    return with_derived_counts(frame, months=months)


@pytest.mark.parametrize(("first", "last", "months"), [
    ("2025-11-01", "2026-10-31", 12), ("2024-01-15", "2024-01-20", 1), ("2023-12-31", "2024-01-01", 2)])
def test_months_in_period_counts_part_months(first: str, last: str, months: int) -> None:
    assert months_in_period(first, last) == months


def test_a_pdu_with_far_more_unjudged_records_is_significantly_worse() -> None:
    counts = _counts([{"unjudged_count": 30, "need_count": 100}, {"unjudged_count": 10, "need_count": 100},
                      {"unjudged_count": 10, "need_count": 100}])
    compared = measure_by_pdu(counts, MEASURES_BY_KEY["unjudged"]).set_index("pdu_code")
    # England and Wales: 50 / 300 = 16.7%. Wilson 95% for 30/100, by hand: centre 0.3074, half-width 0.0885, so 21.89%–39.59% and for 10/100 5.5%–17.4%;
    # 99.8% for 30/100 is 18.1%–45.4% (z = 3.0902), still above 16.7%.
    assert compared["benchmark_pct"].iloc[0] == pytest.approx(100 * 50 / 300)
    assert compared.at["P0", "value_pct_lower95"] == pytest.approx(21.89, abs=0.01)
    assert compared.at["P0", "value_pct_upper95"] == pytest.approx(39.59, abs=0.01)
    assert compared.at["P0", "value_pct_lower998"] == pytest.approx(18.10, abs=0.02)
    assert compared.at["P0", "comparison"] == "Significantly worse"
    assert compared.at["P1", "comparison"] == "Similar"
    assert list(compared.index) == ["P0", "P1", "P2"]  # highest share first


def test_a_small_share_is_hidden_and_not_compared() -> None:
    counts = _counts([{"duplicate_count": 3, "referral_count": 20}, {"duplicate_count": 0, "referral_count": 400}])
    compared = measure_by_pdu(counts, MEASURES_BY_KEY["duplicates"]).set_index("pdu_code")
    assert compared.at["P0", "suppressed"]
    assert math.isnan(compared.at["P0", "value_pct"])
    assert compared.at["P0", "comparison"] == "Not compared"
    shown = pdu_display(compared.reset_index(), MEASURES_BY_KEY["duplicates"])
    assert list(shown["With the problem"]) == [0, "<5"]  # hidden shares sort last
    assert list(shown["Checked"]) == [400, 20]


def test_caseload_months_are_not_people_and_are_shown_exactly() -> None:
    counts = _counts([{"caseload_month_count": 9}, {"caseload_month_count": 12}])
    assert list(counts["caseload_missing_month_count"]) == [3, 0]
    summary = summary_display(scope_summary(counts, ["P0", "P1"])).set_index("Measure")
    assert summary.at["Caseload months missing", "With the problem"] == 3
    assert summary.at["Caseload months missing", "Share selected (%)"] == pytest.approx(12.5)


def test_scope_summary_counts_the_pdus_in_scope_against_every_pdu() -> None:
    counts = _counts([{"stale_count": 40, "open_unstarted_count": 100}, {"stale_count": 0, "open_unstarted_count": 300}])
    summary = scope_summary(counts, ["P1"]).set_index("key")
    assert summary.at["stale", "numerator"] == 0
    assert summary.at["stale", "denominator"] == 300
    assert summary.at["stale", "benchmark_pct"] == pytest.approx(10.0)
    assert summary.at["stale", "significantly_worse_pdu_count"] == 0
    assert scope_summary(counts, ["P0"]).set_index("key").at["stale", "significantly_worse_pdu_count"] == 1


def test_no_provision_flags_only_pdus_that_made_referrals() -> None:
    counts = _counts([{"referral_count": 10, "provision_row_count": 0}, {"referral_count": 0, "provision_row_count": 0},
                      {"referral_count": 10, "provision_row_count": 3}])
    assert list(pdus_without_provision(counts, ["P0", "P1", "P2"])["pdu_code"]) == ["P0"]


def test_impact_sentence_states_the_share_and_what_the_figure_describes() -> None:
    counts = _counts([{"unjudged_count": 12, "need_count": 100}])
    table = impact_table(scope_summary(counts, ["P0"]), pdus_without_provision=0).set_index("Figure")
    assert table.at["Needs judged sufficient", "Share affected"] == "12.0%"
    assert table.at["Needs judged sufficient", "What it means"].startswith(
        "12.0% of need records selected have no sufficiency judgement, so 'Judged sufficient' describes 88.0%")


def test_impact_share_is_hidden_on_a_small_count() -> None:
    counts = _counts([{"unjudged_count": 2, "need_count": 100}])
    table = impact_table(scope_summary(counts, ["P0"]), pdus_without_provision=1).set_index("Figure")
    assert table.at["Needs judged sufficient", "Share affected"] == "suppressed"
    assert "2" not in table.at["Needs judged sufficient", "What it means"]
    assert table.at["Places per month", "Share affected"] == "1 PDUs"


def test_england_and_wales_share_is_hidden_like_any_other_on_small_numbers() -> None:
    counts = _counts([{"ethnicity_unknown_count": 1, "people_count": 5}, {"ethnicity_unknown_count": 0, "people_count": 3}])
    summary = scope_summary(counts, ["P0", "P1"])
    assert math.isnan(summary.set_index("key").at["ethnicity", "benchmark_pct"])
    shown = summary_display(summary).set_index("Measure")
    assert math.isnan(shown.at["Ethnicity unknown", "England and Wales (%)"])
    compared = measure_by_pdu(counts, MEASURES_BY_KEY["ethnicity"])
    assert compared["benchmark_pct"].isna().all() and set(compared["comparison"]) == {"Not compared"}
