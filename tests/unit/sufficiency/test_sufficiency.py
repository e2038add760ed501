"""Sufficiency measures, cascade and headline figures on hand-worked counts frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from metrics.sufficiency.headline import least_met_kpi, least_met_need, least_met_sentence, sufficiency_kpis
from metrics.sufficiency.measures import MEASURES, cascade_by_need, in_area, measure_table, not_judged_count
from vocabulary.scope import Filters

COLUMNS = ["pdu_code", "region_code", "need_code", "subgroup", "need_count", "referred_count",
           "started_count", "completed_count", "judged_count", "sufficient_count"]


def counts_frame(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS)


COUNTS = counts_frame(
    # pdu, region, need, subgroup, records, referred, started, completed, judged, sufficient
    ("A1", "RA", "accommodation", "white", 20, 10, 6, 2, 12, 3),
    ("A1", "RA", "accommodation", "black", 10, 2, 1, 0, 8, 1),
    ("B1", "RB", "accommodation", "white", 10, 8, 4, 4, 10, 6),
    ("A1", "RA", "drugs", "white", 30, 20, 15, 9, 20, 15),
)


def test_not_judged_records_are_left_out_of_the_judged_sufficient_denominator() -> None:
    drugs = COUNTS[COUNTS["need_code"] == "drugs"]
    table = measure_table(drugs, MEASURES["sufficient"], [])
    # 30 need records, 20 judged, 15 sufficient: 15 / 20 = 75%, not 15 / 30 = 50%.
    assert table.loc[0, "denominator_count"] == 20
    assert table.loc[0, "value_pct"] == pytest.approx(75.0)
    assert not_judged_count(drugs) == 10


def test_cascade_shares_are_of_need_records() -> None:
    cascade = cascade_by_need(COUNTS).set_index("need_code")
    # accommodation: 40 records, 20 referred, 11 started, 6 completed.
    assert cascade.loc["accommodation", ["need_count", "referred_count", "started_count", "completed_count"]
                       ].tolist() == [40, 20, 11, 6]
    assert cascade.loc["accommodation", "referred_pct"] == pytest.approx(50.0)
    assert cascade.loc["accommodation", "started_pct"] == pytest.approx(27.5)
    assert cascade.loc["accommodation", "completed_pct"] == pytest.approx(15.0)


@pytest.mark.parametrize(
    ("numerator", "denominator", "lower_pct", "upper_pct"),
    [(81, 263, 25.53, 36.62), (15, 148, 6.24, 16.05)],  # Newcombe (1998) Stat Med 17:857, Table I
)
def test_measure_limits_match_published_wilson_values(numerator, denominator, lower_pct, upper_pct) -> None:
    counts = counts_frame(("A1", "RA", "ete", "white", denominator, numerator, 0, 0, 0, 0))
    table = measure_table(counts, MEASURES["referred"], ["need_code"])
    assert table.loc[0, "value_pct_lower95"] == pytest.approx(lower_pct, abs=0.01)
    assert table.loc[0, "value_pct_upper95"] == pytest.approx(upper_pct, abs=0.01)


def test_measure_998_limits_match_statsmodels() -> None:
    counts = counts_frame(("A1", "RA", "ete", "white", 263, 81, 0, 0, 0, 0))
    table = measure_table(counts, MEASURES["referred"], [])
    lower, upper = proportion_confint(81, 263, alpha=0.002, method="wilson")
    assert table.loc[0, "value_pct_lower998"] == pytest.approx(lower * 100)
    assert table.loc[0, "value_pct_upper998"] == pytest.approx(upper * 100)


def test_zero_denominator_gives_no_value() -> None:
    counts = counts_frame(("A1", "RA", "ete", "white", 5, 0, 0, 0, 0, 0))
    assert np.isnan(measure_table(counts, MEASURES["sufficient"], [])["value_pct"].iloc[0])


def test_in_area_keeps_only_the_filtered_regions_and_pdus() -> None:
    filters = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31), regions=("RA",))
    assert set(in_area(COUNTS, filters)["pdu_code"]) == {"A1"}
    assert len(in_area(COUNTS, filters.with_changes(regions=(), pdus=("B1",)))) == 1
    assert len(in_area(COUNTS, filters.with_changes(regions=()))) == 4


def test_least_met_need_is_the_lowest_judged_sufficient_need_with_enough_judged() -> None:
    # accommodation: 10 of 30 judged sufficient (33.3%); drugs: 15 of 20 (75%); all needs 25 of 50 (50%).
    need = least_met_need(COUNTS)
    assert need.need_code == "accommodation"
    assert need.value_pct == pytest.approx(100 / 3)
    assert need.all_needs_pct == pytest.approx(50.0)
    # 50% − 33.3% = 16.7 points; at 50% the 30 judged records would have 15 sufficient, not 10: 5 people.
    assert need.shortfall_pct_points == pytest.approx(50 - 100 / 3)
    assert need.people_count == 5
    # A need with fewer than 10 judged records cannot head the list, however low.
    small = counts_frame(("A1", "RA", "finance", "white", 9, 0, 0, 0, 9, 0))
    assert least_met_need(pd.concat([COUNTS, small])).need_code == "accommodation"
    assert least_met_need(small) is None


def test_least_met_need_needs_two_needs_to_compare() -> None:
    kpi = least_met_kpi(COUNTS[COUNTS["need_code"] == "accommodation"])
    assert (kpi.value, kpi.delta) == ("–", "Fewer than two needs have 10 judged records")


def test_least_met_shortfall_is_withheld_when_the_need_share_is_suppressed() -> None:
    # 2 of 12 judged sufficient: the share (16.7%) times 12 would give the 2 back.
    counts = counts_frame(("A1", "RA", "ete", "white", 12, 0, 0, 0, 12, 2),
                          ("A1", "RA", "drugs", "white", 30, 20, 15, 9, 20, 15))
    kpi = least_met_kpi(counts)
    assert kpi.value == "ETE"
    assert kpi.delta == "Shortfall suppressed (small numbers)"


def test_headline_figures_have_the_issue_labels_and_values() -> None:
    kpis = sufficiency_kpis(COUNTS)
    assert [kpi.label for kpi in kpis] == [
        "Needs identified", "Judged sufficient", "Referred for the need", "Started for the need",
    ]
    # 70 records; 25 of 50 judged sufficient; 40 of 70 referred; 26 of 70 started.
    assert [kpi.value for kpi in kpis] == ["70", "50.0%", "57.1%", "37.1%"]
    least = least_met_kpi(COUNTS)
    assert (least.label, least.value) == ("Least-met need against all needs", "Accommodation")
    assert least.delta == "16.7 points below all needs (5 people)"


def test_least_met_sentence_names_the_need_and_its_shortfall_in_points_and_people() -> None:
    assert least_met_sentence(COUNTS) == (
        "**Accommodation**: 33.3% judged sufficient against 50.0% for all needs selected, **16.7 percentage "
        "points lower**: **5** more people would have been judged sufficient at the all-needs rate.")
    # Ten small needs (9 judged, none sufficient) pull all needs below the least-met need's 75%.
    drugs = COUNTS[COUNTS["need_code"] == "drugs"]
    small = counts_frame(*[("A1", "RA", need, "white", 9, 0, 0, 0, 9, 0) for need in ("ete", "finance", "alcohol")])
    both = pd.concat([drugs, counts_frame(("A1", "RA", "attitudes", "white", 10, 0, 0, 0, 10, 8)), small])
    # attitudes 8 of 10 (80%), drugs 15 of 20 (75%): all needs 23 of 57 (40.4%).
    assert least_met_sentence(both) == ("**Drug misuse**: 75.0% judged sufficient, not below 40.4% for all needs "
                                        "selected.")
