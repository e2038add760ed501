"""Shared queries (data date, filter choices, Overview figures) on DuckDB and PostgreSQL.

Expected values are worked by hand from tests/dataset_builder.py's five referrals:
R1 P1 N01 BC thinking 15 Jan → start 1 Mar → completed 20 Jun
R2 P1 N01 CRS_ACC accommodation 15 Jan, open, not started
R3 P2 N01 CRS_WS (no need) 5 Feb → withdrawn 20 Feb
R4 P3 L01 BC (no need: BC addresses thinking_behaviour, attitudes) 1 Mar → start 1 Mar → did not complete 1 Apr
R5 P3 L01 BC attitudes 1 May → start 10 May, open
Need records: P1 thinking (insufficient), P1 accommodation (not judged), P2 accommodation (sufficient).
"""

import datetime as dt

import pytest

from data_access import queries
from vocabulary.scope import Filters

H1 = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30))


def test_data_as_of_is_latest_referral_start_or_end(engine):
    assert queries.data_as_of(engine) == dt.date(2024, 6, 20)


def test_filter_options_list_regions_pdus_and_interventions(engine):
    options = queries.filter_options(engine)
    assert options["regions"]["region_name"].tolist() == ["London", "North East"]
    assert set(options["pdus"]["pdu_code"]) == {"N01", "L01"}
    assert set(options["interventions"]["category"]) == {
        "accredited_programme", "commissioned_rehabilitative_service"
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {"people_count": 3, "referral_count": 5, "start_count": 3, "completion_count": 1,
              "waiting_count": 0, "judged_count": 2, "sufficient_count": 1}),
        # R1 is still waiting on 29 Feb (starts 1 Mar); R4 was referred after it.
        ({"period_end": dt.date(2024, 2, 29)},
         {"people_count": 2, "referral_count": 3, "start_count": 0, "completion_count": 0,
          "waiting_count": 1, "judged_count": 2, "sufficient_count": 1}),
        ({"regions": ("NE",)}, {"people_count": 2, "referral_count": 3, "start_count": 1,
                                "completion_count": 1, "waiting_count": 0, "judged_count": 2,
                                "sufficient_count": 1}),
        # Only R2 addresses accommodation: R3's intervention addresses no need.
        ({"needs": ("accommodation",)}, {"people_count": 2, "referral_count": 1, "start_count": 0,
                                         "completion_count": 0, "waiting_count": 0, "judged_count": 1,
                                         "sufficient_count": 1}),
        # R1 by its need code, R4 through BC's needs list; R5's own need code (attitudes) wins.
        ({"needs": ("thinking_behaviour",)}, {"people_count": 2, "referral_count": 2, "start_count": 2,
                                              "completion_count": 1, "waiting_count": 0,
                                              "judged_count": 1, "sufficient_count": 0}),
        ({"genders": ("female",)}, {"people_count": 1, "referral_count": 1, "start_count": 0,
                                    "completion_count": 0, "waiting_count": 0, "judged_count": 1,
                                    "sufficient_count": 1}),
        ({"categories": ("commissioned_rehabilitative_service",), "period_end": dt.date(2024, 2, 29)},
         {"people_count": 2, "referral_count": 2, "start_count": 0, "completion_count": 0,
          "waiting_count": 0, "judged_count": 2, "sufficient_count": 1}),
    ],
)
def test_overview_counts_match_hand_worked_values(engine, changes, expected):
    assert queries.overview_counts(engine, H1.with_changes(**changes)) == expected


def test_monthly_referrals_and_starts_cover_every_month_of_the_period(engine):
    monthly = queries.monthly_referrals_and_starts(engine, H1)
    assert [month.isoformat() for month in monthly["month"]] == [
        "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"
    ]
    assert monthly["referral_count"].tolist() == [2, 1, 1, 0, 1, 0]
    assert monthly["start_count"].tolist() == [0, 0, 2, 0, 1, 0]


@pytest.mark.parametrize(
    ("period", "referrals", "starts"),
    [
        # R1 referred in January starts on 1 March: its start counts, its referral is before the period.
        ((dt.date(2024, 2, 1), dt.date(2024, 6, 30)), [1, 1, 0, 1, 0], [0, 2, 0, 1, 0]),
        # R1 and R4 start on 1 March, after the period: R1's referral counts, no start does.
        ((dt.date(2024, 1, 1), dt.date(2024, 2, 29)), [2, 1], [0, 0]),
        # A period ending mid-month: R5's referral (1 May) counts, its start (10 May) does not.
        ((dt.date(2024, 3, 1), dt.date(2024, 5, 5)), [1, 0, 1], [2, 0, 0]),
    ],
)
def test_monthly_referrals_and_starts_count_each_date_only_inside_the_period(engine, period, referrals, starts):
    monthly = queries.monthly_referrals_and_starts(engine, H1.with_changes(period_start=period[0],
                                                                           period_end=period[1]))
    assert monthly["referral_count"].tolist() == referrals
    assert monthly["start_count"].tolist() == starts


def test_dataset_summary_and_info(engine):
    summary = queries.dataset_summary(engine)
    assert summary["row_counts"]["referrals"] == 5
    assert summary["referral_dates"] == (dt.date(2024, 1, 15), dt.date(2024, 5, 1))
    assert summary["latest_load"]["mode"] == "replace"
    info = queries.dataset_info(engine)
    assert info["data_from"] == dt.date(2024, 1, 15) and info["synthetic"] is False
