"""Provision against demand: people with the need, utilisation, places per 100 and the flag, worked by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics.landscape.availability import available_pairs
from metrics.landscape.people import ALL_NEEDS_MASK, need_mask, people_with_any_need, people_with_need_by
from metrics.landscape.utilisation import demand_by, period_months, with_utilisation
from tests.landscape_example import ACTIVITY, INTERVENTION_NEEDS, INTERVENTIONS, PROVISION, REFERRED, profiles


def _available(genders: tuple[str, ...] = ()) -> pd.DataFrame:
    return available_pairs(PROVISION, REFERRED, INTERVENTIONS, use_provision=True, genders=genders)


def test_need_mask_bits_follow_the_contract_order():
    # NEEDS order: accommodation (bit 0), ete (1), finance (2), relationships (3) ...
    assert need_mask(["accommodation"]) == 1
    assert need_mask(["finance", "relationships"]) == 4 + 8
    assert ALL_NEEDS_MASK == 1023


def test_people_with_any_need_counts_each_person_once():
    # 5 people have {accommodation, finance}, 2 {finance}, 4 {ete}.
    people = pd.DataFrame({
        "pdu_code": ["P", "P", "P"], "gender": ["male"] * 3,
        "need_mask": [need_mask(["accommodation", "finance"]), need_mask(["finance"]), need_mask(["ete"])],
        "people_count": [5, 2, 4],
    })
    requests = pd.DataFrame({
        "pdu_code": ["P", "P", "P", "P", "Q"], "gender": ["male", "male", "male", "female", "male"],
        "need_mask": [need_mask(["accommodation", "finance"]), need_mask(["finance"]),
                      need_mask(["relationships"]), need_mask(["ete"]), need_mask(["ete"])],
    })
    # accommodation or finance: 5 + 2 = 7 (not 5 + 5 + 2); finance: 7; relationships: 0;
    # nobody of that PDU and gender / PDU: 0.
    assert people_with_any_need(people, requests).tolist() == [7, 7, 0, 0, 0]


def test_people_with_need_per_pdu_respects_target_groups():
    # A1: men eligible for AP, CRS_ACC, SI (thinking_behaviour, attitudes, accommodation) -> the 5 with
    # {thinking_behaviour, accommodation}; women also for WOM (+ emotional_wellbeing) -> 3. Total 8.
    # A2: only BBR (men, relationships) -> 7 men; the 4 women with relationships are not eligible.
    # B1: SI (all, thinking_behaviour) -> 6 men + 1 of unknown gender = 7.
    people = people_with_need_by(_available(), INTERVENTIONS, INTERVENTION_NEEDS, profiles(), by="pdu_code")
    assert people.to_dict() == {"A1": 8, "A2": 7, "B1": 7}


def test_people_with_need_per_intervention_counts_only_where_it_is_available():
    people = people_with_need_by(_available(), INTERVENTIONS, INTERVENTION_NEEDS, profiles(),
                                 by="intervention_code")
    # AP is available in A1 only: 5 men there have thinking_behaviour. WOM: 3 women in A1.
    # SI: A1 (5) and B1 (7) = 12. CRS_ACC: A1's 5 with accommodation. BBR: 7.
    assert people.to_dict() == {"AP": 5, "BBR": 7, "CRS_ACC": 5, "SI": 12, "WOM": 3}


def test_period_months_is_days_over_average_month():
    # 1 Jan to 31 Dec 2024: 366 days / 30.4375 = 12.0246 months.
    assert period_months(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == pytest.approx(366 / 30.4375)


def _demand(by: str, provision_months: int = 2, margin_pct: float = 10) -> pd.DataFrame:
    table = demand_by(ACTIVITY, PROVISION, _available(), INTERVENTIONS, INTERVENTION_NEEDS, profiles(),
                      by=by, months=2.0, provision_months=provision_months)
    return with_utilisation(table, margin_pct=margin_pct).set_index(by)


def test_utilisation_places_per_100_and_flag_per_pdu():
    demand = _demand("pdu_code")
    # A1: 40 referrals, 28 starts over 2 months; 44 places over 2 provision months; 8 people.
    assert demand.loc["A1", "referrals_per_month"] == 20
    assert demand.loc["A1", "places_per_month"] == 22
    assert demand.loc["A1", "utilisation_pct"] == pytest.approx(14 / 22 * 100)  # 63.64
    assert demand.loc["A1", "places_per_100_people"] == pytest.approx(22 / 8 * 100)  # 275
    assert not demand.loc["A1", "demand_exceeds_places"]  # 20 <= 22 x 1.1
    # A2: 46 referrals (AP's 6 count as demand, though AP has no places there), 22 starts, 12 places.
    assert demand.loc["A2", "referrals_per_month"] == 23
    assert demand.loc["A2", "utilisation_pct"] == pytest.approx(11 / 6 * 100)  # 183.3
    assert demand.loc["A2", "demand_exceeds_places"]  # 23 > 6.6
    # B1: 2 referrals/month against 4 places: utilisation 1/4 = 25%, 4/7 places per 100 people.
    assert demand.loc["B1", "utilisation_pct"] == pytest.approx(25.0)
    assert demand.loc["B1", "places_per_100_people"] == pytest.approx(400 / 7)


def test_margin_changes_the_flag():
    # A1: 20 referrals a month against 22 places: never over them, whatever the margin.
    # B1: 2 against 4. A2: 23 against 6 is over by 283%: flagged at 200%, not at 300%.
    assert _demand("pdu_code", margin_pct=200)["demand_exceeds_places"].to_dict() == {
        "A1": False, "A2": True, "B1": False}
    assert not _demand("pdu_code", margin_pct=300)["demand_exceeds_places"].any()


def test_per_category():
    demand = _demand("category")
    programmes = demand.loc["accredited_programme"]
    # Referrals 30 + 40 + 6 = 76; starts 42; places AP 24 (A1) + BBR 12 = 36.
    assert (programmes["referral_count"], programmes["start_count"], programmes["places_count"]) == (76, 42, 36)
    # People: A1 men with thinking_behaviour/attitudes (5) + A2 men with relationships (7) = 12.
    assert programmes["people_with_need_count"] == 12


def test_without_provision_places_and_utilisation_are_missing_and_nothing_is_flagged():
    demand = _demand("pdu_code", provision_months=0)
    assert demand["places_per_month"].isna().all()
    assert demand["utilisation_pct"].isna().all()
    assert not demand["demand_exceeds_places"].any()
    assert demand.loc["A2", "referrals_per_month"] == 23


def test_no_people_gives_no_rate():
    table = pd.DataFrame({"places_per_month": [5.0], "people_with_need_count": [0], "starts_per_month": [0.0],
                          "referrals_per_month": [0.0]})
    assert math.isnan(with_utilisation(table)["places_per_100_people"].item())


def test_largest_excess_names_flagged_groups_by_referrals_above_places():
    from metrics.landscape.tables import demand_chart_frame, largest_excess

    chart = demand_chart_frame(_demand("pdu_code").reset_index(), by="pdu_code", names={"A2": "Alpha Two"})
    # Only A2 is flagged: 46 referrals over 2 months are shown as 45, so 22.5 a month against 6 places -> +16.5.
    assert largest_excess(chart, count=5) == ["1 Alpha Two (+16.5 a month)"]


def test_the_sentence_under_the_demand_chart_names_its_numbered_groups_or_is_absent():
    from metrics.landscape.tables import demand_chart_frame, largest_excess_sentence

    chart = demand_chart_frame(_demand("pdu_code").reset_index(), by="pdu_code", names={"A2": "Alpha Two"})
    assert largest_excess_sentence(chart, count=5) == (
        "Most referrals above places (numbered on the chart): 1 Alpha Two (+16.5 a month)")  # 46 shown as 45
    assert largest_excess_sentence(chart.assign(demand_exceeds_places=False), count=5) is None
