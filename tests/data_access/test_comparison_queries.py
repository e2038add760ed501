"""The PDU comparison queries on DuckDB and PostgreSQL, against counts worked by hand.

Two windows: Q1 = January–March 2024 (window 0) and Q2 = April–June 2024 (window 1).
Interventions come from the builder: BC (accredited programme) addresses
thinking_behaviour and attitudes, CRS_ACC addresses accommodation.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.comparison_queries import (
    caseload_by_month,
    need_counts_by_pdu,
    places_by_month,
    referral_flows_by_pdu,
)
from data_access.comparison_waiting_queries import (
    pooled_waiting_histogram,
    waiting_counts_by_pdu,
    waiting_histogram_by_pdu,
)
from data_access.derived.build import rebuild_derived_tables
from data_access.engine import make_engine
from data_access.load import load_frames
from data_access.schema import needs, referrals
from data_access.sufficiency_queries import sufficiency_counts
from tests.dataset_builder import valid_rows
from vocabulary.scope import Filters

Q1 = (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
Q2 = (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
WINDOWS = (Q1, Q2)
ALL = Filters(period_start=Q1[0], period_end=Q2[1])


def _person(person_id: str, pdu_code: str, gender: str) -> dict[str, str]:
    return {"person_id": person_id, "pdu_code": pdu_code, "gender": gender, "ethnicity_group": "white",
            "age_band": "25-34", "risk_level": "medium", "sentence_type": "community_order",
            "sentence_end_date": ""}


def _referral(referral_id: str, person_id: str, pdu_code: str, intervention: str, need_code: str,
              referred: str, started: str = "", ended: str = "", outcome: str = "open") -> dict[str, str]:
    return {"referral_id": referral_id, "person_id": person_id, "pdu_code": pdu_code,
            "intervention_code": intervention, "need_code": need_code, "referral_date": referred,
            "start_date": started, "end_date": ended, "outcome": outcome}


def _rows() -> dict[str, list[dict[str, str]]]:
    rows = valid_rows()
    rows["people"] = [_person("P1", "N01", "male"), _person("P2", "N01", "female"),
                      _person("P3", "L01", "male"), _person("P4", "L01", "male")]
    rows["needs"] = [
        {"person_id": "P1", "need_code": "accommodation", "identified_date": "2024-02-01",
         "sufficiency": "sufficient"},  # R1 addresses it and started: referred and started, Q1
        {"person_id": "P2", "need_code": "thinking_behaviour", "identified_date": "2024-05-01",
         "sufficiency": "insufficient"},  # R2 (BC, no need_code) 30 days before: referred, not started, Q2
        {"person_id": "P3", "need_code": "accommodation", "identified_date": "2024-03-01",
         "sufficiency": ""},  # no addressing referral; not judged; Q1
        {"person_id": "P4", "need_code": "attitudes", "identified_date": "2024-07-01",
         "sufficiency": "sufficient"},  # after both windows
    ]
    rows["referrals"] = [
        _referral("R1", "P1", "N01", "CRS_ACC", "accommodation", "2024-02-10", "2024-02-20", "2024-05-15",
                  "completed"),
        _referral("R2", "P2", "N01", "BC", "", "2024-04-01"),
        _referral("R3", "P3", "L01", "BC", "", "2024-01-05", "", "2024-04-10", "withdrawn"),
        _referral("R4", "P3", "L01", "BC", "", "2024-03-01", "2024-03-01", "2024-04-01", "did_not_complete"),
        _referral("R5", "P4", "L01", "BC", "", "2023-12-01", "2024-06-30"),
    ]
    return rows


@pytest.fixture
def engine(database_url: str):
    frames = {name: pd.DataFrame(records) for name, records in _rows().items()}
    load_frames(frames, database_url, replace=True, source="comparison test")
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _records(frame: pd.DataFrame, keys: list[str]) -> list[dict]:
    return frame.sort_values(keys).to_dict("records")


def test_need_counts_per_pdu_and_window(engine):
    counts = need_counts_by_pdu(engine, ALL, WINDOWS)
    assert _records(counts, ["pdu_code", "window"]) == [
        {"pdu_code": "L01", "window": 0, "need_count": 1, "referred_count": 0, "started_count": 0,
         "judged_count": 0, "sufficient_count": 0},
        {"pdu_code": "L01", "window": 1, "need_count": 0, "referred_count": 0, "started_count": 0,
         "judged_count": 0, "sufficient_count": 0},
        {"pdu_code": "N01", "window": 0, "need_count": 1, "referred_count": 1, "started_count": 1,
         "judged_count": 1, "sufficient_count": 1},
        {"pdu_code": "N01", "window": 1, "need_count": 1, "referred_count": 1, "started_count": 0,
         "judged_count": 1, "sufficient_count": 0},
    ]


def test_person_filters_narrow_need_records(engine):
    counts = need_counts_by_pdu(engine, ALL.with_changes(genders=("female",)), WINDOWS)
    assert _records(counts[["pdu_code", "window", "need_count"]], ["window"]) == [
        {"pdu_code": "N01", "window": 0, "need_count": 0}, {"pdu_code": "N01", "window": 1, "need_count": 1}]


def test_need_counts_agree_with_the_sufficiency_page(engine):
    # One window equal to the period gives the Sufficiency gaps page's counts, summed over needs and groups.
    ours = need_counts_by_pdu(engine, ALL, ((ALL.period_start, ALL.period_end),)).set_index("pdu_code")
    theirs = sufficiency_counts(engine, ALL, "gender").groupby("pdu_code").sum(numeric_only=True)
    for column in ("need_count", "referred_count", "started_count", "judged_count", "sufficient_count"):
        assert ours[column].sort_index().tolist() == theirs[column].sort_index().tolist(), column


def test_a_referral_long_before_the_need_does_not_count(engine):
    # P3's accommodation need (1 March 2024) has no addressing referral; a CRS_ACC referral on 1 December
    # 2023 (91 days before) would not count, one on 2 December (90 days before) would.
    for referred, counted in (("2023-12-01", 0), ("2023-12-02", 1)):
        with engine.begin() as connection:
            connection.execute(referrals.delete().where(referrals.c.referral_id == "R9"))
            connection.execute(referrals.insert().values(
                referral_id="R9", person_id="P3", pdu_code="L01", intervention_code="CRS_ACC",
                need_code="accommodation", referral_date=dt.date.fromisoformat(referred), outcome="open"))
            rebuild_derived_tables(connection)  # rows written past the loader
        counts = need_counts_by_pdu(engine, ALL, WINDOWS).set_index(["pdu_code", "window"])
        assert counts.loc[("L01", 0), "referred_count"] == counted, referred


@pytest.mark.parametrize("per_day", [True, False], ids=["per day", "filter per window"])
def test_referral_flows_per_pdu_and_window(engine, per_day):
    # Both plans, on both databases (each database uses one by default).
    flows = referral_flows_by_pdu(engine, ALL, WINDOWS, per_day=per_day)
    assert _records(flows, ["pdu_code", "window"]) == [
        # L01, Q1: R3 and R4 referred, R4 started. Q2: R3 removed unstarted, R4 ended after starting,
        # R5 started (referred in December, outside both windows).
        {"pdu_code": "L01", "window": 0, "referral_count": 2, "start_count": 1, "removed_count": 0,
         "ended_after_start_count": 0, "completed_count": 0},
        {"pdu_code": "L01", "window": 1, "referral_count": 0, "start_count": 1, "removed_count": 1,
         "ended_after_start_count": 1, "completed_count": 0},
        # N01, Q1: R1 referred and started. Q2: R2 referred; R1 ended completed.
        {"pdu_code": "N01", "window": 0, "referral_count": 1, "start_count": 1, "removed_count": 0,
         "ended_after_start_count": 0, "completed_count": 0},
        {"pdu_code": "N01", "window": 1, "referral_count": 1, "start_count": 0, "removed_count": 0,
         "ended_after_start_count": 1, "completed_count": 1},
    ]


def test_waiting_histogram_at_a_snapshot(engine):
    # 31 March: R3 waiting since 5 January (86 days), R5 since 1 December (121 days). R4 started on
    # its referral day, R2 not yet referred, R1 is not an accredited programme.
    histogram = waiting_histogram_by_pdu(engine, ALL, Q1[1])
    assert _records(histogram, ["wait_days"]) == [
        {"window": 0, "pdu_code": "L01", "wait_days": 86, "waiting_count": 1},
        {"window": 0, "pdu_code": "L01", "wait_days": 121, "waiting_count": 1},
    ]


def test_waiting_counts_at_several_snapshots(engine):
    # 30 June: R2 waiting 90 days; R3 was removed on 10 April; R5 started on 30 June itself.
    counts = waiting_counts_by_pdu(engine, ALL, (Q1[1], Q2[1]), 90)
    assert _records(counts, ["window"]) == [
        {"window": 0, "pdu_code": "L01", "waiting_count": 2, "within_target_count": 1},
        {"window": 1, "pdu_code": "N01", "waiting_count": 1, "within_target_count": 1},
    ]
    assert waiting_counts_by_pdu(engine, ALL, (Q2[1],), 89)["within_target_count"].tolist() == [0]


def test_pooled_histogram_for_chosen_pdus(engine):
    assert pooled_waiting_histogram(engine, ALL, (Q1[1], Q2[1]), ("N01",)).to_dict("records") == [
        {"window": 1, "wait_days": 90, "waiting_count": 1}]
    assert pooled_waiting_histogram(engine, ALL, (Q1[1],), ())["waiting_count"].sum() == 2


def test_waiting_is_empty_when_the_category_filter_leaves_out_programmes(engine):
    crs = ALL.with_changes(categories=("commissioned_rehabilitative_service",))
    assert waiting_histogram_by_pdu(engine, crs, Q1[1]).empty
    assert waiting_counts_by_pdu(engine, crs, (Q1[1],), 84).empty
    assert list(waiting_counts_by_pdu(engine, crs, (Q1[1],), 84).columns) == [
        "window", "pdu_code", "waiting_count", "within_target_count"]


def test_caseload_and_places_by_month(engine):
    caseload = caseload_by_month(engine, dt.date(2024, 1, 1), dt.date(2024, 6, 1))
    assert _records(caseload, ["pdu_code"]) == [
        {"pdu_code": "L01", "month": dt.date(2024, 1, 1), "people_supervised": 1980},
        {"pdu_code": "N01", "month": dt.date(2024, 1, 1), "people_supervised": 2150}]
    places = places_by_month(engine, ALL, dt.date(2024, 1, 1), dt.date(2024, 6, 1))
    assert dict(zip(places["pdu_code"], places["places"])) == {"L01": 0, "N01": 24}
    # BC does not address accommodation: with that need chosen N01 still has a row, with 0 places.
    places = places_by_month(engine, ALL.with_changes(needs=("accommodation",)), dt.date(2024, 1, 1),
                             dt.date(2024, 6, 1))
    assert dict(zip(places["pdu_code"], places["places"])) == {"L01": 0, "N01": 0}
    places = places_by_month(engine, ALL.with_changes(needs=("thinking_behaviour",)), dt.date(2024, 1, 1),
                             dt.date(2024, 6, 1))
    assert dict(zip(places["pdu_code"], places["places"])) == {"L01": 0, "N01": 24}
    assert caseload_by_month(engine, dt.date(2025, 1, 1), dt.date(2025, 6, 1)).empty


def test_referral_exactly_at_the_look_back_before_the_first_window_counts(engine):
    # A need identified on the first day of the windows (1 January 2024) with a referral 90 days before
    # (3 October 2023): the query reads referrals from that date on, so it must still be counted.
    with engine.begin() as connection:
        connection.execute(needs.insert().values(person_id="P4", need_code="ete",
                                                 identified_date=dt.date(2024, 1, 1), sufficiency=None))
        connection.execute(referrals.insert().values(
            referral_id="R8", person_id="P4", pdu_code="L01", intervention_code="CRS_ACC", need_code="ete",
            referral_date=dt.date(2023, 10, 3), start_date=dt.date(2023, 10, 10), outcome="open"))
        rebuild_derived_tables(connection)  # rows written past the loader
    counts = need_counts_by_pdu(engine, ALL, WINDOWS).set_index(["pdu_code", "window"])
    assert counts.loc[("L01", 0), ["need_count", "referred_count", "started_count"]].tolist() == [2, 1, 1]


@pytest.mark.parametrize("per_day", [True, False], ids=["per day", "filter per window"])
def test_overlapping_windows_in_any_order_each_get_their_own_counts(engine, per_day):
    # The page asks for its period first and then quarters that start earlier: here the second
    # quarter, then the first, then the half year covering both.
    windows = (Q2, Q1, (Q1[0], Q2[1]))
    needs_counts = need_counts_by_pdu(engine, ALL, windows).set_index(["pdu_code", "window"])
    assert needs_counts.loc[("N01", 1), "referred_count"] == 1  # Q1, from the earliest window
    assert needs_counts.loc[("N01", 2), ["need_count", "referred_count"]].tolist() == [2, 2]
    flows = referral_flows_by_pdu(engine, ALL, windows, per_day=per_day).set_index(["pdu_code", "window"])
    assert flows.loc[("L01", 1), "referral_count"] == 2  # R3 and R4, referred in Q1
    assert flows.loc[("L01", 2), ["referral_count", "start_count", "removed_count"]].tolist() == [2, 2, 1]


@pytest.mark.parametrize(
    ("referred", "started", "expected"),
    [
        # P3's accommodation need is identified on 1 March 2024; 182 days later is 30 August
        # (30 days to 31 March, then 30 + 31 + 30 + 31 + 30 = 182). Expected: referred, started.
        ("2024-08-30", None, [1, 0]),  # made on the last day of the follow-up
        ("2024-08-31", None, [0, 0]),  # made a day too late
        ("2024-08-01", "2024-08-30", [1, 1]),  # started on the last day
        ("2024-08-01", "2024-08-31", [1, 0]),  # started a day too late
    ],
)
def test_follow_up_window_of_182_days(engine, referred, started, expected):
    with engine.begin() as connection:
        connection.execute(referrals.insert().values(
            referral_id="R9", person_id="P3", pdu_code="L01", intervention_code="CRS_ACC",
            need_code="accommodation", referral_date=dt.date.fromisoformat(referred),
            start_date=dt.date.fromisoformat(started) if started else None, outcome="open"))
        rebuild_derived_tables(connection)  # rows written past the loader
    counts = need_counts_by_pdu(engine, ALL, WINDOWS).set_index(["pdu_code", "window"])
    assert counts.loc[("L01", 0), ["referred_count", "started_count"]].tolist() == expected
    # The Sufficiency gaps page applies the same window to the same record.
    theirs = sufficiency_counts(engine, ALL, "gender").set_index(["pdu_code", "need_code"])
    assert theirs.loc[("L01", "accommodation"), ["referred_count", "started_count"]].tolist() == expected
