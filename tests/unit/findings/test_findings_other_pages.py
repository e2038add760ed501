"""The PDU comparisons, Waiting times and Landscape findings on hand-built frames, hand-worked values."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from metrics.comparison.indicators import INDICATORS
from metrics.findings.comparison import worse_pdus
from metrics.findings.landscape import demand_finding, referrals_against_places
from metrics.findings.waiting import area_trend, waits_finding
from metrics.stats.trend import NO_CHANGE

SUFFICIENT = INDICATORS["judged_sufficient"]


def pdu_row(code: str, name: str, label: str, value: float, low: float, high: float, numerator: int,
            denominator: int, benchmark: float, region: str = "North East") -> dict:
    return {"pdu_code": code, "pdu_name": name, "region_name": region, "window": 0, "comparison": label,
            "value": value, "value_lower95": low, "value_upper95": high, "numerator": numerator,
            "denominator": denominator, "benchmark": benchmark}


def test_one_pdu_significantly_worse_is_named_with_its_interval():
    rows = pd.DataFrame([
        pdu_row("A", "Ashby", "Significantly worse", 30.0, 23.8, 36.6, 60, 200, 50.0),
        pdu_row("B", "Barton", "Worse", 40.0, 33.4, 46.9, 80, 200, 50.0),  # 95% only: not a difference
        pdu_row("C", "Corby", "Similar", 48.0, 41.2, 54.9, 96, 200, 50.0),
    ])
    finding = worse_pdus(rows, SUFFICIENT, benchmark="england_wales", benchmark_words="England and Wales")
    assert finding.sentence == (
        "Ashby is significantly worse than England and Wales on judged needs sufficient (%): 30.0% "
        "(95% CI 23.8–36.6%) against 50.0%; 200 need records with a judgement.")
    # |30 − 50| ÷ 100 × 200 = 40 need records would close the gap.
    assert (finding.people_count, finding.importance) == (40, 80)
    assert finding.settings == (("cmp_indicator", "judged_sufficient"), ("cmp_benchmark", "england_wales"),
                                ("cmp_pdu", "A"))


def test_several_pdus_are_listed_largest_gap_first_and_their_region_named():
    rows = pd.DataFrame([
        pdu_row("A", "Ashby", "Significantly worse", 30.0, 23.8, 36.6, 60, 200, 50.0),   # gap 40
        pdu_row("D", "Derby", "Significantly worse", 20.08, 15.0, 26.0, 101, 503, 45.0),  # gap 24.92 × 5.03 -> 125
    ])
    finding = worse_pdus(rows, SUFFICIENT, benchmark="region", benchmark_words=None)
    assert finding.sentence == (
        "2 PDUs are significantly worse than North East on judged needs sufficient (%): Derby (20.1% against "
        "45.0%) and Ashby (30.0% against 50.0%); 705 need records with a judgement in them.")
    assert finding.people_count == 40 + 125


def test_no_finding_without_a_significantly_worse_pdu_or_for_an_indicator_without_judgement():
    rows = pd.DataFrame([pdu_row("B", "Barton", "Worse", 40.0, 33.4, 46.9, 80, 200, 50.0)])
    assert worse_pdus(rows, SUFFICIENT, benchmark="england_wales", benchmark_words="England and Wales") is None
    higher = pd.DataFrame([pdu_row("B", "Barton", "Significantly higher", 9.0, 8.0, 10.0, 90, 1000, 5.0)])
    assert worse_pdus(higher, INDICATORS["referrals_per_100"], benchmark="england_wales",
                      benchmark_words="England and Wales") is None


def summary(**changes: float) -> dict[str, float]:
    # 123 waiting, 61 within 12 weeks (49.6%), median 11.14 weeks; 26 starts in 13 weeks: 2 a week, so
    # clearance = 123 ÷ 2 = 61.5 weeks.
    base = {"waiting_count": 123, "within_target_count": 61, "within_target_pct": 61 / 123 * 100,
            "median_wait_weeks": 11.14, "p92_wait_weeks": 30.0, "over_52_weeks_count": 7,
            "recent_starts_count": 26, "clearance_time_weeks": 61.5}
    return {**base, **changes}


def projection(meets: list[bool]) -> pd.DataFrame:
    return pd.DataFrame({"month": range(len(meets)), "meets_target": meets,
                         "label": ["Now", *(f"M{month}" for month in range(1, len(meets)))]})


def test_the_waiting_list_against_the_target_with_trend_and_outlook():
    finding = waits_finding(summary(), category_label="Accredited programmes", snapshot=dt.date(2026, 10, 31),
                            target_weeks=12, trend="Decreasing and getting worse",
                            projection=projection([False] * 13))
    assert finding.sentence == (
        "Accredited programmes: 125 people were waiting on 31 Oct 2026; 49.6% had waited no longer than the "
        "12-week target and the median wait was 11.1 weeks; the share within the target is decreasing and "
        "getting worse (significant over the last five quarters); at the recent rate of starts it would take "
        "61.5 weeks to clear and at recent rates it would not meet the 12-week target within a year.")
    # People beyond the target: 123 − 61 = 62; a description, not a test: evidence 1.
    assert (finding.people_count, finding.evidence) == (62, 1)


def test_no_significant_change_and_a_month_the_target_is_met_are_said_plainly():
    finding = waits_finding(summary(), category_label="Accredited programmes", snapshot=dt.date(2026, 10, 31),
                            target_weeks=12, trend=NO_CHANGE, projection=projection([False, False, True]))
    assert "the share within the target shows no significant change over the last five quarters" in finding.sentence
    assert finding.sentence.endswith("and at recent rates it would meet the target in M2.")
    untested = waits_finding(summary(), category_label="A", snapshot=dt.date(2026, 10, 31), target_weeks=12,
                             trend="Not tested: fewer than 5 periods with data", projection=None)
    assert "trend" not in untested.sentence and untested.sentence.endswith("61.5 weeks to clear.")


def test_a_share_disclosure_control_hides_is_not_written_and_a_short_list_gives_no_finding():
    # 2 of 40 within the target: a numerator of 1–4 hides the share.
    hidden = waits_finding(summary(waiting_count=40, within_target_count=2, within_target_pct=5.0,
                                   clearance_time_weeks=20.0), category_label="A", snapshot=dt.date(2026, 1, 1),
                           target_weeks=12, trend=None, projection=None)
    assert "the share within the 12-week target is not shown" in hidden.sentence and "5.0%" not in hidden.sentence
    assert waits_finding(summary(waiting_count=9), category_label="A", snapshot=dt.date(2026, 1, 1),
                         target_weeks=12, trend=None, projection=None) is None


def test_no_starts_means_the_list_is_not_clearing():
    finding = waits_finding(summary(recent_starts_count=0, clearance_time_weeks=math.inf), category_label="A",
                            snapshot=dt.date(2026, 1, 1), target_weeks=12, trend=None, projection=None)
    assert "nobody started in the last 13 weeks, so the list is not clearing" in finding.sentence


def test_the_area_trend_is_the_comparison_pages_test_on_the_areas_own_counts():
    # Within target falling 60, 55, 50, 45, 40 of 1000 per quarter: χ² for trend far above 9.55 with
    # every point and with each dropped in turn -> decreasing, and (high is good) getting worse.
    values = pd.DataFrame({"area_type": "national", "area_code": "E", "window": range(0, 6),
                           "numerator": [999, 600, 550, 500, 450, 400], "denominator": [1000] * 6})
    assert area_trend(values, INDICATORS["within_target"], area_type="national", area_code="E") == (
        "Decreasing and getting worse")


def test_referrals_above_places_names_the_largest_excess():
    rows = pd.DataFrame({
        "name": ["Ashby", "Barton", "Corby"],
        "places_per_month": [10.0, 20.0, 30.0],
        "referrals_per_month": [14.0, 30.0, 31.0],  # excess 4 and 10 (flagged); Corby within 10%
        "demand_exceeds_places": [True, True, False],
    })
    finding = demand_finding(rows, groups="PDUs", grouping="pdu", months=12.0, margin_pct=10)
    # (4 + 10) referrals a month above places × 12 months = 168, shown rounded to the nearest 5: 170.
    assert finding.sentence == ("Referrals exceed places by more than 10% in 2 of 3 PDUs, by about 170 referrals "
                                "over the period; the most is Barton, with 30.0 referrals a month against 20.0 "
                                "places a month.")
    assert (finding.people_count, finding.evidence, finding.settings) == (168, 1, (("compare", "pdu"),))


def test_a_flagged_group_whose_referrals_are_suppressed_is_not_counted():
    rows = pd.DataFrame({"name": ["Ashby"], "places_per_month": [0.1], "referrals_per_month": [float("nan")],
                         "demand_exceeds_places": [True]})
    assert demand_finding(rows, groups="PDUs", grouping="pdu", months=12.0, margin_pct=10) is None


def test_referrals_against_places_flags_groups_by_referrals_and_places_alone():
    interventions = pd.DataFrame({"intervention_code": ["I1", "I2", "I3"], "category": ["c1", "c1", "c2"]})
    activity = pd.DataFrame({"pdu_code": ["A", "A", "B", "C"], "intervention_code": ["I1", "I3", "I1", "I2"],
                             "referral_count": [120, 24, 60, 6], "start_count": [60, 12, 30, 3]})
    # B's I2 places are not available (not in ``available``), so B has I1's places alone.
    provision = pd.DataFrame({"pdu_code": ["A", "B", "B"], "intervention_code": ["I1", "I1", "I2"],
                              "places_count": [96, 72, 600]})
    available = pd.DataFrame({"pdu_code": ["A", "B"], "intervention_code": ["I1", "I1"]})
    rows = referrals_against_places(activity, provision, available, interventions, by="pdu_code", months=12.0,
                                    provision_months=12, margin_pct=10)
    assert rows["pdu_code"].tolist() == ["A", "B", "C"]
    # A: 144 referrals ÷ 12 = 12 a month against 96 ÷ 12 = 8 places (more than 8.8): flagged.
    # B: 5 a month against 6 places: not flagged. C: no places at all (0 a month), 0.5 referrals: flagged.
    assert rows["referrals_per_month"].tolist() == [12.0, 5.0, 0.5]
    assert rows["places_per_month"].tolist() == [8.0, 6.0, 0.0]
    assert rows["demand_exceeds_places"].tolist() == [True, False, True]
    by_category = referrals_against_places(activity, provision, available, interventions, by="category",
                                           months=12.0, provision_months=12, margin_pct=10)
    # c1: (120 + 60 + 6) ÷ 12 = 15.5 a month against (96 + 72) ÷ 12 = 14 places, just over 14 × 1.1 = 15.4;
    # c2: 2 a month, no places.
    assert by_category[["category", "referrals_per_month", "places_per_month"]].values.tolist() == [
        ["c1", 15.5, 14.0], ["c2", 2.0, 0.0]]
    assert by_category["demand_exceeds_places"].tolist() == [True, True]
