"""Landscape queries on DuckDB and PostgreSQL, against a hand-worked dataset.

Period January to June 2024. PDUs N01, N02 (North East) and L01 (London).
Interventions: BC (accredited programme; thinking_behaviour, attitudes),
CRS_ACC (CRS; accommodation), CRS_WS (CRS for women; emotional_wellbeing, accommodation).

Provision: N01 BC 10 places in Jan and Feb; N01 CRS_ACC 5 in Mar; L01 CRS_ACC 0 in Jan;
L01 BC 8 in Dec 2023 and N01 CRS_WS 4 in Jul 2024 (both outside the period).
Provision months in the period: Jan, Feb, Mar = 3.

    R1 P1 N01 BC      need TB   referred 15 Jan, started 1 Mar, completed 20 Jun
    R2 P1 N01 CRS_ACC need ACC  referred 15 Jan, open
    R3 P2 N01 CRS_WS  no need   referred 5 Feb, withdrawn 20 Feb (no start)
    R4 P3 L01 BC      no need   referred 1 Mar, started 1 Mar, did not complete 1 Apr
    R5 P3 L01 BC      need AT   referred 1 May, started 10 May, open
    R6 P4 L01 CRS_ACC need ACC  referred 1 Nov 2023, started 5 Jan, completed 1 Feb
    R7 P4 L01 BC      no need   referred 1 Oct 2023, withdrawn 1 Dec 2023 (outside the period)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.engine import make_engine
from data_access.landscape_queries import (
    landscape_reference,
    monthly_referrals_by_category,
    need_profiles,
    provision_places,
    referral_activity,
)
from data_access.load import load_frames
from metrics.landscape.people import need_mask
from tests.dataset_builder import valid_rows
from vocabulary.scope import Filters

PERIOD = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30))


def _person(person_id: str, pdu_code: str, gender: str) -> dict[str, str]:
    return {"person_id": person_id, "pdu_code": pdu_code, "gender": gender, "ethnicity_group": "white",
            "age_band": "25-34", "risk_level": "medium", "sentence_type": "community_order",
            "sentence_end_date": ""}


def _referral(referral_id: str, person_id: str, pdu_code: str, intervention: str, need: str, referred: str,
              started: str = "", ended: str = "", outcome: str = "open") -> dict[str, str]:
    return {"referral_id": referral_id, "person_id": person_id, "pdu_code": pdu_code,
            "intervention_code": intervention, "need_code": need, "referral_date": referred,
            "start_date": started, "end_date": ended, "outcome": outcome}


def _rows(*, with_provision: bool = True) -> dict[str, list[dict[str, str]]]:
    rows = valid_rows()
    rows["pdus"].append({"pdu_code": "N02", "pdu_name": "Durham", "region_code": "NE", "region_name": "North East"})
    rows["interventions"][2]["needs"] = "emotional_wellbeing;accommodation"
    rows["provision"] = [
        {"pdu_code": pdu, "intervention_code": code, "month": month, "places": places}
        for pdu, code, month, places in (
            ("N01", "BC", "2024-01", "10"), ("N01", "BC", "2024-02", "10"), ("N01", "CRS_ACC", "2024-03", "5"),
            ("L01", "CRS_ACC", "2024-01", "0"), ("L01", "BC", "2023-12", "8"), ("N01", "CRS_WS", "2024-07", "4"),
        )
    ]
    rows["people"] = [_person("P1", "N01", "male"), _person("P2", "N01", "female"), _person("P3", "L01", "male"),
                      _person("P4", "L01", "female")]
    rows["needs"] = [
        {"person_id": person, "need_code": need, "identified_date": day, "sufficiency": ""}
        for person, need, day in (
            ("P1", "thinking_behaviour", "2024-01-10"), ("P1", "accommodation", "2024-01-10"),
            ("P2", "accommodation", "2024-02-01"), ("P2", "emotional_wellbeing", "2024-02-01"),
            ("P3", "thinking_behaviour", "2023-11-01"), ("P3", "attitudes", "2024-03-01"),
            ("P4", "accommodation", "2024-04-01"),
        )
    ]
    rows["referrals"] = [
        _referral("R1", "P1", "N01", "BC", "thinking_behaviour", "2024-01-15", "2024-03-01", "2024-06-20", "completed"),
        _referral("R2", "P1", "N01", "CRS_ACC", "accommodation", "2024-01-15"),
        _referral("R3", "P2", "N01", "CRS_WS", "", "2024-02-05", "", "2024-02-20", "withdrawn"),
        _referral("R4", "P3", "L01", "BC", "", "2024-03-01", "2024-03-01", "2024-04-01", "did_not_complete"),
        _referral("R5", "P3", "L01", "BC", "attitudes", "2024-05-01", "2024-05-10"),
        _referral("R6", "P4", "L01", "CRS_ACC", "accommodation", "2023-11-01", "2024-01-05", "2024-02-01", "completed"),
        _referral("R7", "P4", "L01", "BC", "", "2023-10-01", "", "2023-12-01", "withdrawn"),
    ]
    if not with_provision:
        del rows["provision"]
    return rows


def _engine(database_url: str, **options: bool):
    frames = {name: pd.DataFrame(records) for name, records in _rows(**options).items()}
    load_frames(frames, database_url, replace=True, source="landscape test")
    return make_engine(database_url)


@pytest.fixture
def engine(database_url: str):
    engine = _engine(database_url)
    yield engine
    engine.dispose()


def _records(table: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(row) for row in table.itertuples(index=False))


def test_reference_lists_the_catalogue_areas_and_provision_months(engine):
    reference = landscape_reference(engine, PERIOD)
    assert reference["interventions"]["intervention_code"].tolist() == ["BC", "CRS_ACC", "CRS_WS"]
    assert reference["interventions"].set_index("intervention_code").loc["BC", "target_group"] == "all"
    assert len(reference["intervention_needs"]) == 5
    assert reference["pdus"]["pdu_code"].tolist() == ["L01", "N01", "N02"]
    assert reference["provision_months"] == 3  # Jan, Feb, Mar 2024
    crs = landscape_reference(engine, PERIOD.with_changes(categories=("commissioned_rehabilitative_service",),
                                                           regions=("NE",)))
    assert crs["interventions"]["intervention_code"].tolist() == ["CRS_ACC", "CRS_WS"]
    assert set(crs["intervention_needs"]["intervention_code"]) == {"CRS_ACC", "CRS_WS"}
    assert crs["pdus"]["pdu_code"].tolist() == ["N01", "N02"]


def test_provision_summed_over_the_period_months(engine):
    assert _records(provision_places(engine, PERIOD)) == [
        ("L01", "CRS_ACC", 0), ("N01", "BC", 20), ("N01", "CRS_ACC", 5)]
    london = provision_places(engine, PERIOD.with_changes(regions=("LDN",)))
    assert _records(london) == [("L01", "CRS_ACC", 0)]
    # A person filter does not touch places (places have no people in them).
    assert _records(provision_places(engine, PERIOD.with_changes(genders=("female",)))) == _records(
        provision_places(engine, PERIOD))


def test_flows_per_pdu_and_intervention(engine):
    # Columns: referrals, starts, completions, non-completions, removals without start.
    assert _records(referral_activity(engine, PERIOD)) == [
        ("L01", "BC", 2, 2, 0, 1, 0),  # R4, R5 (R7 ended before the period)
        ("L01", "CRS_ACC", 0, 1, 1, 0, 0),  # R6 referred before the period, started and completed in it
        ("N01", "BC", 1, 1, 1, 0, 0),
        ("N01", "CRS_ACC", 1, 0, 0, 0, 0),
        ("N01", "CRS_WS", 1, 0, 0, 0, 1),
    ]


def test_flows_follow_person_and_need_filters(engine):
    women = referral_activity(engine, PERIOD.with_changes(genders=("female",)))
    assert _records(women) == [("L01", "CRS_ACC", 0, 1, 1, 0, 0), ("N01", "CRS_WS", 1, 0, 0, 0, 1)]
    # Accommodation: R2 and R6 by their need code; R3 has none, but CRS_WS's needs list includes it.
    accommodation = referral_activity(engine, PERIOD.with_changes(needs=("accommodation",)))
    assert _records(accommodation) == [
        ("L01", "CRS_ACC", 0, 1, 1, 0, 0), ("N01", "CRS_ACC", 1, 0, 0, 0, 0), ("N01", "CRS_WS", 1, 0, 0, 0, 1)]


def test_monthly_referrals_by_category(engine):
    monthly = monthly_referrals_by_category(engine, PERIOD)
    assert _records(monthly) == [
        (dt.date(2024, 1, 1), "accredited_programme", 1), (dt.date(2024, 1, 1), "commissioned_rehabilitative_service", 1),
        (dt.date(2024, 2, 1), "commissioned_rehabilitative_service", 1),
        (dt.date(2024, 3, 1), "accredited_programme", 1), (dt.date(2024, 5, 1), "accredited_programme", 1),
    ]


def test_need_profiles_per_pdu_gender_and_need_set(engine):
    # P3's thinking_behaviour was identified before the period, so P3 counts with attitudes only.
    assert _records(need_profiles(engine, PERIOD)) == sorted([
        ("L01", "female", need_mask(["accommodation"]), 1),
        ("L01", "male", need_mask(["attitudes"]), 1),
        ("N01", "female", need_mask(["accommodation", "emotional_wellbeing"]), 1),
        ("N01", "male", need_mask(["accommodation", "thinking_behaviour"]), 1),
    ])
    women = need_profiles(engine, PERIOD.with_changes(genders=("female",), needs=("accommodation",)))
    assert _records(women) == [("L01", "female", 1, 1), ("N01", "female", 1, 1)]
    # A region filter reads the person's PDU's region: only London's (L01) people remain.
    london = need_profiles(engine, PERIOD.with_changes(regions=("LDN",)))
    assert _records(london) == sorted([("L01", "female", need_mask(["accommodation"]), 1),
                                       ("L01", "male", need_mask(["attitudes"]), 1)])


def test_without_provision_no_months_are_loaded(database_url):
    engine = _engine(database_url, with_provision=False)
    try:
        assert landscape_reference(engine, PERIOD)["provision_months"] == 0
        places = provision_places(engine, PERIOD)
        assert places.empty and list(places.columns) == ["pdu_code", "intervention_code", "places_count"]
    finally:
        engine.dispose()
