"""Waiting times queries on DuckDB and PostgreSQL, against a hand-worked list.

Snapshot T = 30 June 2024; the period is January to June 2024; the recent window
is the 13 weeks to T, (31 March, 30 June]. BC is an accredited programme,
CRS_ACC a Commissioned Rehabilitative Service (left out of accredited scope).

    R1 N01 BC   referred 30 Jun, started 30 Jun (the same day)  -> not waiting; start, duration 0
    R2 N01 BC   referred 1 Mar, withdrawn 1 May                  -> removed before T (61 days)
    R3 N01 BC   referred 1 Apr, starts 15 Jul (after T)          -> waiting, 90 days; sentence ends 31 Aug
    R4 L01 BC   referred 1 Jun 2023, open                        -> waiting, 395 days (2024 is leap)
    R5 L01 BC   referred 2 Jun, open                             -> waiting, 28 days
    R6 N01 CRS  referred 1 May, open                             -> waiting for a CRS, not a programme
    R7 L01 BC   referred 10 Feb, started 10 Apr, completed       -> start, duration 60
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.engine import make_engine
from data_access.load import load_frames
from data_access.waiting_queries import waiting_flows, waiting_snapshot
from data_access.waiting_start_queries import UnknownGroupError, completed_waits, time_to_start_events
from metrics.waiting.flows import monthly_trend
from tests.dataset_builder import valid_rows
from vocabulary.scope import Filters

T = dt.date(2024, 6, 30)
PROGRAMMES = Filters(period_start=dt.date(2024, 1, 1), period_end=T, categories=("accredited_programme",))


def _person(person_id: str, pdu_code: str, sentence_end: str, gender: str = "male") -> dict[str, str]:
    return {"person_id": person_id, "pdu_code": pdu_code, "gender": gender, "ethnicity_group": "white",
            "age_band": "25-34", "risk_level": "medium", "sentence_type": "community_order",
            "sentence_end_date": sentence_end}


def _referral(referral_id: str, person_id: str, pdu_code: str, referred: str, started: str = "",
              ended: str = "", outcome: str = "open", intervention: str = "BC") -> dict[str, str]:
    return {"referral_id": referral_id, "person_id": person_id, "pdu_code": pdu_code,
            "intervention_code": intervention, "need_code": "", "referral_date": referred,
            "start_date": started, "end_date": ended, "outcome": outcome}


def _rows() -> dict[str, list[dict[str, str]]]:
    rows = valid_rows()
    rows["people"] = [
        _person("P1", "N01", "2026-01-31"), _person("P2", "N01", "2026-01-31"),
        _person("P3", "N01", "2024-08-31", gender="female"), _person("P4", "L01", ""),
        _person("P5", "L01", "2025-06-30"), _person("P6", "L01", "2026-01-31"),
    ]
    rows["referrals"] = [
        _referral("R1", "P1", "N01", "2024-06-30", "2024-06-30"),
        _referral("R2", "P2", "N01", "2024-03-01", "", "2024-05-01", "withdrawn"),
        _referral("R3", "P3", "N01", "2024-04-01", "2024-07-15"),
        _referral("R4", "P4", "L01", "2023-06-01"),
        _referral("R5", "P5", "L01", "2024-06-02"),
        _referral("R6", "P1", "N01", "2024-05-01", intervention="CRS_ACC"),
        _referral("R7", "P6", "L01", "2024-02-10", "2024-04-10", "2024-06-10", "completed"),
    ]
    return rows


@pytest.fixture
def engine(database_url: str):
    frames = {name: pd.DataFrame(records) for name, records in _rows().items()}
    load_frames(frames, database_url, replace=True, source="waiting test")
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _records(table: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted(tuple(row) for row in table[columns].itertuples(index=False))


def test_snapshot_counts_those_waiting_at_t_by_day(engine):
    histogram = waiting_snapshot(engine, PROGRAMMES, T)["histogram"]
    assert _records(histogram, ["pdu_code", "region_code", "intervention_code", "wait_days", "waiting_count",
                                "sentence_known_count", "at_risk_count"]) == [
        ("L01", "LDN", "BC", 28, 1, 1, 0),  # sentence ends 30 Jun 2025: after T + 16 weeks
        ("L01", "LDN", "BC", 395, 1, 0, 0),  # no sentence end date: not known, not at risk
        ("N01", "NE", "BC", 90, 1, 1, 1),  # sentence ends 31 Aug 2024, before T + 16 weeks (20 Oct)
    ]


def test_snapshot_includes_other_categories_only_when_asked(engine):
    everything = waiting_snapshot(engine, PROGRAMMES.with_changes(categories=()), T)["histogram"]
    assert everything["waiting_count"].sum() == 4  # R6 waits for a CRS (60 days)
    crs = everything[everything["intervention_code"] == "CRS_ACC"]
    assert crs[["wait_days", "at_risk_count"]].values.tolist() == [[60, 0]]  # CRS usual length 12 weeks


def test_snapshot_obeys_area_and_person_filters(engine):
    london = waiting_snapshot(engine, PROGRAMMES.with_changes(pdus=("L01",)), T)["histogram"]
    assert sorted(london["wait_days"]) == [28, 395]
    women = waiting_snapshot(engine, PROGRAMMES.with_changes(genders=("female",)), T)["histogram"]
    assert women["wait_days"].tolist() == [90]


def test_recent_flows_count_the_13_weeks_to_t(engine):
    recent = waiting_snapshot(engine, PROGRAMMES, T)["recent"]
    assert _records(recent, ["pdu_code", "recent_additions_count", "recent_starts_count",
                             "recent_removals_count"]) == [
        ("L01", 1, 1, 0),  # R5 added 2 Jun; R7 started 10 Apr
        ("N01", 2, 1, 1),  # R1 and R3 added; R1 started; R2 removed 1 May
    ]


def test_snapshot_on_a_date_before_any_referral_is_empty_with_its_columns(engine):
    snapshot = waiting_snapshot(engine, PROGRAMMES, dt.date(2020, 1, 1))
    assert snapshot["histogram"].empty and "wait_days" in snapshot["histogram"]
    assert snapshot["recent"].empty and "recent_starts_count" in snapshot["recent"]


def test_monthly_flows_and_the_list_before_the_period(engine):
    trend = waiting_flows(engine, PROGRAMMES)
    flows = trend["flows"]
    assert trend["waiting_before_count"] == 1  # R4, referred June 2023
    assert flows["additions_count"].tolist() == [0, 1, 1, 1, 0, 2]  # R7 Feb, R2 Mar, R3 Apr, R1+R5 Jun
    assert flows["starts_count"].tolist() == [0, 0, 0, 1, 0, 1]  # R7 Apr, R1 Jun
    assert flows["removals_count"].tolist() == [0, 0, 0, 0, 1, 0]  # R2 May
    assert flows["month_end"].tolist()[-1] == T


def test_list_from_flows_equals_the_snapshot_at_every_month_end(engine):
    trend = waiting_flows(engine, PROGRAMMES)
    series = monthly_trend(trend["flows"], trend["waiting_before_count"])
    direct = [
        int(waiting_snapshot(engine, PROGRAMMES, month_end)["histogram"]["waiting_count"].sum())
        for month_end in series["month_end"]
    ]
    assert series["waiting_end_count"].tolist() == direct == [1, 2, 3, 3, 2, 3]


def test_time_to_start_events_follow_the_period_cohort_to_t(engine):
    events = time_to_start_events(engine, PROGRAMMES, T, "intervention_code")
    assert _records(events, ["group", "duration_days", "event", "referral_count"]) == [
        ("BC", 0, 1, 1),  # R1 started on the referral day
        ("BC", 28, 0, 1),  # R5 still waiting
        ("BC", 60, 1, 1),  # R7 started after 60 days
        ("BC", 61, 2, 1),  # R2 withdrawn after 61 days
        ("BC", 90, 0, 1),  # R3 starts after T: still waiting at T, censored at 90 days
    ]


def test_time_to_start_at_an_earlier_snapshot_censors_later_events(engine):
    events = time_to_start_events(engine, PROGRAMMES, dt.date(2024, 4, 30), "gender")
    # Cohort referred 1 Jan – 30 Apr: R7 (started 10 Apr, 60 days), R2 (withdrawn after T: waiting, 60 days),
    # R3 (waiting, 29 days).
    assert _records(events, ["group", "duration_days", "event", "referral_count"]) == [
        ("female", 29, 0, 1), ("male", 60, 0, 1), ("male", 60, 1, 1),
    ]


def test_time_to_start_refuses_an_unknown_group(engine):
    with pytest.raises(UnknownGroupError, match="outcome"):
        time_to_start_events(engine, PROGRAMMES, T, "outcome")


def test_completed_waits_of_starts_in_the_period(engine):
    waits = completed_waits(engine, PROGRAMMES)
    assert _records(waits, ["intervention_code", "wait_days", "start_count"]) == [("BC", 0, 1), ("BC", 60, 1)]
