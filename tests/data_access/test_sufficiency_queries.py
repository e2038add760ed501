"""The need-to-referral link in SQL, on DuckDB and PostgreSQL, with hand-worked rows.

Every need record below is identified on 1 April 2024 (2024 is a leap year:
1 April minus 90 days is 2 January, minus 91 days is 1 January). Interventions
come from the builder: BC addresses thinking_behaviour and attitudes, CRS_ACC
addresses accommodation, CRS_WS addresses nothing.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.derived.build import rebuild_derived_tables
from data_access.engine import make_engine
from data_access.load import load_frames
from data_access.schema import referrals
from data_access.sufficiency_queries import COUNT_COLUMNS, sufficiency_counts, window_counts
from tests.dataset_builder import valid_rows
from vocabulary.scope import Filters

PERIOD = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))


def _person(person_id: str, pdu_code: str, ethnicity_group: str) -> dict[str, str]:
    return {"person_id": person_id, "pdu_code": pdu_code, "gender": "male", "ethnicity_group": ethnicity_group,
            "age_band": "25-34", "risk_level": "medium", "sentence_type": "community_order",
            "sentence_end_date": "2026-01-31"}


def _need(person_id: str, need_code: str, sufficiency: str, identified: str = "2024-04-01") -> dict[str, str]:
    return {"person_id": person_id, "need_code": need_code, "identified_date": identified,
            "sufficiency": sufficiency}


def _referral(referral_id: str, person_id: str, intervention: str, need_code: str, referred: str,
              started: str = "", ended: str = "", outcome: str = "open") -> dict[str, str]:
    return {"referral_id": referral_id, "person_id": person_id, "pdu_code": "N01",
            "intervention_code": intervention, "need_code": need_code, "referral_date": referred,
            "start_date": started, "end_date": ended, "outcome": outcome}


def _rows() -> dict[str, list[dict[str, str]]]:
    rows = valid_rows()
    rows["people"] = [_person("P1", "N01", "white"), _person("P2", "N01", "black"),
                      _person("P3", "N01", "asian"), _person("P4", "L01", "white"),
                      _person("P5", "L01", "unknown"), _person("P6", "L01", "white"),
                      _person("P7", "L01", "white")]
    rows["needs"] = [
        _need("P1", "accommodation", "sufficient"),  # R1 exactly 90 days before, R2 later: referred once
        _need("P2", "accommodation", "insufficient"),  # R3 91 days before: not referred
        _need("P3", "attitudes", ""),  # R4 has no need_code; BC addresses attitudes: completed
        _need("P3", "accommodation", "sufficient"),  # R4's intervention does not address accommodation
        _need("P4", "thinking_behaviour", "insufficient"),  # R5 names another need: does not count
        _need("P5", "accommodation", ""),  # only P6 was referred
        _need("P6", "accommodation", "sufficient", identified="2023-06-01"),  # outside the period
        _need("P7", "finance", "sufficient", identified="2024-01-01"),  # R7, made before the period, counts
    ]
    rows["referrals"] = [
        _referral("R1", "P1", "CRS_ACC", "accommodation", "2024-01-02", "2024-01-20"),
        _referral("R2", "P1", "CRS_ACC", "accommodation", "2024-05-01"),
        _referral("R3", "P2", "CRS_ACC", "accommodation", "2024-01-01", "2024-01-05", "2024-02-01", "completed"),
        _referral("R4", "P3", "BC", "", "2024-04-10", "2024-04-20", "2024-07-01", "completed"),
        _referral("R5", "P4", "BC", "attitudes", "2024-04-02", "2024-04-03"),
        _referral("R6", "P6", "CRS_ACC", "accommodation", "2024-04-02"),
        _referral("R7", "P7", "CRS_ACC", "finance", "2023-10-03"),  # 1 Jan 2024 minus 90 days
    ]
    return rows


@pytest.fixture
def loaded_url(database_url: str) -> str:
    frames = {name: pd.DataFrame(records) for name, records in _rows().items()}
    load_frames(frames, database_url, replace=True, source="sufficiency test")
    return database_url


def _by_need(url: str, filters: Filters, dimension: str = "ethnicity_group") -> pd.DataFrame:
    engine = make_engine(url)
    try:
        counts = sufficiency_counts(engine, filters, dimension)
    finally:
        engine.dispose()
    return counts.groupby("need_code")[list(COUNT_COLUMNS)].sum()


def test_link_window_empty_need_code_and_other_persons(loaded_url: str) -> None:
    by_need = _by_need(loaded_url, PERIOD)
    # accommodation: P1 (referred, started via R1), P2 (91 days: no), P3 (no), P5 (no)
    assert by_need.loc["accommodation"].to_dict() == {
        "need_count": 4, "referred_count": 1, "started_count": 1, "completed_count": 0,
        "judged_count": 3, "sufficient_count": 2,
    }
    assert by_need.loc["attitudes"].to_dict() == {
        "need_count": 1, "referred_count": 1, "started_count": 1, "completed_count": 1,
        "judged_count": 0, "sufficient_count": 0,
    }
    assert by_need.loc["thinking_behaviour", "referred_count"] == 0
    # A referral 90 days before a need identified on the period's first day still counts.
    assert by_need.loc["finance", ["need_count", "referred_count"]].tolist() == [1, 1]


def test_intervention_filters_narrow_the_addressing_referrals(loaded_url: str) -> None:
    crs_only = PERIOD.with_changes(categories=("commissioned_rehabilitative_service",))
    by_need = _by_need(loaded_url, crs_only)
    assert by_need.loc["attitudes", "referred_count"] == 0  # R4 is an accredited programme
    assert by_need.loc["attitudes", "need_count"] == 1  # the need record itself stays
    assert by_need.loc["accommodation", "referred_count"] == 1


def test_subgroup_region_and_need_filters(loaded_url: str) -> None:
    engine = make_engine(loaded_url)
    try:
        counts = sufficiency_counts(engine, PERIOD.with_changes(regions=("NE",)), "ethnicity_group")
        needs_only = sufficiency_counts(engine, PERIOD.with_changes(needs=("attitudes",)), "risk_level")
    finally:
        engine.dispose()
    assert set(counts["pdu_code"]) == {"N01"}
    assert sorted(counts["subgroup"].unique()) == ["asian", "black", "white"]
    assert counts["need_count"].sum() == 4
    assert needs_only[["need_code", "subgroup", "need_count", "completed_count"]].values.tolist() == [
        ["attitudes", "medium", 1, 1]
    ]


def test_empty_scope_returns_typed_empty_frame(loaded_url: str) -> None:
    engine = make_engine(loaded_url)
    try:
        counts = sufficiency_counts(engine, PERIOD.with_changes(pdus=("NOPE",)), "gender")
    finally:
        engine.dispose()
    assert counts.empty
    assert list(counts.columns) == ["pdu_code", "region_code", "need_code", "subgroup", *COUNT_COLUMNS]


def test_unknown_dimension_is_refused(loaded_url: str) -> None:
    engine = make_engine(loaded_url)
    with pytest.raises(ValueError, match="Unknown subgroup dimension"):
        sufficiency_counts(engine, PERIOD, "shoe_size")
    engine.dispose()


@pytest.mark.parametrize(
    ("referred", "started", "outcome", "expected"),
    [
        # P4's thinking_behaviour need is identified on 1 April 2024; 182 days later is 30 September
        # (29 days to 30 April, then 31 + 30 + 31 + 31 + 30 = 182). Expected: referred, started, completed.
        ("2024-09-30", "", "open", [1, 0, 0]),  # made on the last day of the follow-up
        ("2024-10-01", "", "open", [0, 0, 0]),  # made a day too late
        ("2024-08-01", "2024-09-30", "completed", [1, 1, 1]),  # started on the last day; completed later
        ("2024-08-01", "2024-10-01", "completed", [1, 0, 0]),  # started a day too late: neither counts
    ],
)
def test_follow_up_window_of_182_days(loaded_url: str, referred: str, started: str, outcome: str,
                                      expected: list[int]) -> None:
    ended = "2025-01-31" if outcome == "completed" else None
    engine = make_engine(loaded_url)
    try:
        with engine.begin() as connection:
            connection.execute(referrals.insert().values(
                referral_id="R9", person_id="P4", pdu_code="L01", intervention_code="BC",
                need_code="thinking_behaviour", referral_date=dt.date.fromisoformat(referred),
                start_date=dt.date.fromisoformat(started) if started else None,
                end_date=dt.date.fromisoformat(ended) if ended else None, outcome=outcome))
            rebuild_derived_tables(connection)  # rows written past the loader
        counts = sufficiency_counts(engine, PERIOD, "gender").groupby("need_code")[list(COUNT_COLUMNS)].sum()
    finally:
        engine.dispose()
    assert counts.loc["thinking_behaviour", ["referred_count", "started_count", "completed_count"]].tolist() == (
        expected)


#: Three periods tiling 2023-06-01 to 2024-12-31: P6's need falls in the first, P7's on the second's first
#: day, the others in the third.
WINDOWS = ((dt.date(2023, 6, 1), dt.date(2023, 12, 31)), (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
           (dt.date(2024, 4, 1), dt.date(2024, 12, 31)))


@pytest.mark.parametrize("narrowing", [{}, {"categories": ("commissioned_rehabilitative_service",)},
                                       {"needs": ("accommodation",), "ethnicity_groups": ("white",)}])
def test_window_counts_add_up_to_each_periods_counts_by_pdu(loaded_url: str, narrowing: dict) -> None:
    filters = PERIOD.with_changes(**narrowing)
    engine = make_engine(loaded_url)
    try:
        windows = window_counts(engine, filters, WINDOWS)
        expected = [sufficiency_counts(engine, filters.with_changes(period_start=first, period_end=last), "gender")
                    for first, last in WINDOWS]
    finally:
        engine.dispose()
    assert list(windows.columns) == ["window", "pdu_code", "region_code", *COUNT_COLUMNS]
    for index, counts in enumerate(expected):
        by_pdu = counts.groupby(["pdu_code", "region_code"], as_index=False)[list(COUNT_COLUMNS)].sum()
        got = windows[windows["window"] == index].drop(columns="window").sort_values("pdu_code")
        assert got.to_dict("records") == by_pdu.sort_values("pdu_code").to_dict("records")
    assert windows["need_count"].sum() == sum(int(counts["need_count"].sum()) for counts in expected) > 0


def test_window_counts_of_an_empty_scope_are_a_typed_empty_frame(loaded_url: str) -> None:
    engine = make_engine(loaded_url)
    try:
        counts = window_counts(engine, PERIOD.with_changes(pdus=("NOPE",)), WINDOWS)
    finally:
        engine.dispose()
    assert counts.empty
    assert list(counts.columns) == ["window", "pdu_code", "region_code", *COUNT_COLUMNS]
