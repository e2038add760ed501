"""Data quality counts on both databases: every planted problem is found where it was planted, and
nothing is flagged in the same dataset without them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from data_access.engine import make_engine
from data_access.load import load_dataset
from data_access.quality_queries import (
    _referred_counts_in_one_pass,
    _referred_counts_per_person,
    dated_counts_by_pdu,
    quality_counts_by_pdu,
)
from data_access.result_frames import frame
from metrics.quality.measures import months_in_period, with_derived_counts
from tests.quality_example import (
    EXPECTED_MISSING_MONTHS,
    EXPECTED_NO_PROVISION,
    EXPECTED_PROBLEMS,
    PERIOD,
    write_planted_dataset,
)
from vocabulary.scope import Filters

PROBLEM_COLUMNS = ("ethnicity_unknown_count", "unjudged_count", "no_need_code_count", "via_intervention_count",
                   "duplicate_count", "stale_count", "future_referral_count", "future_need_count")


def _loaded(database_url: str, folder: Path) -> Engine:
    load_dataset(folder, database_url, replace=True)
    return make_engine(database_url)


@pytest.fixture
def planted(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    engine = _loaded(database_url, write_planted_dataset(tmp_path / "planted"))
    yield engine
    engine.dispose()


def _counts(engine: Engine, **filters: object):
    loaded = quality_counts_by_pdu(engine, Filters(*PERIOD, **filters))
    return with_derived_counts(loaded["by_pdu"], months=months_in_period(*PERIOD)).set_index("pdu_code")


def test_every_planted_problem_is_found_where_it_was_planted(planted: Engine) -> None:
    counts = _counts(planted)
    found = {(pdu, column): int(counts.at[pdu, column])
             for pdu in counts.index for column in PROBLEM_COLUMNS if counts.at[pdu, column]}
    assert found == EXPECTED_PROBLEMS
    assert counts["caseload_missing_month_count"][lambda s: s > 0].to_dict() == EXPECTED_MISSING_MONTHS
    assert tuple(counts.index[counts["no_provision"] == 1]) == EXPECTED_NO_PROVISION


def test_denominators_count_what_the_definitions_say(planted: Engine) -> None:
    counts = _counts(planted)
    # N01 in 2024: R1, R2, R3, R6, R7, R10, R14 (R9 was referred in 2023).
    assert counts.at["N01", "referral_count"] == 7
    # Open with no start and no end by 31 Dec 2024: R9 (stale) and R10.
    assert counts.at["N01", "open_unstarted_count"] == 2
    # L01's people referred in 2024: P3 and P5.
    assert counts.at["L01", "people_count"] == 2
    # W01's need records in 2024: P4's two (the 2099 record is outside the period).
    assert counts.at["W01", "need_count"] == 2
    assert counts.at["W01", "dated_need_count"] == 3
    assert counts.at["L01", "caseload_month_count"] == 10


def test_the_clean_dataset_flags_nothing(database_url: str, tmp_path: Path) -> None:
    engine = _loaded(database_url, write_planted_dataset(tmp_path / "clean", clean=True))
    try:
        counts = _counts(engine)
    finally:
        engine.dispose()
    assert counts[list(PROBLEM_COLUMNS)].to_numpy().sum() == 0
    assert counts["caseload_missing_month_count"].sum() == 0
    assert counts["no_provision"].sum() == 0
    assert counts["referral_count"].sum() > 0 and counts["need_count"].sum() > 0


def test_area_filters_are_lifted_and_other_filters_apply(planted: Engine) -> None:
    # A PDU filter still returns every PDU (the page compares with England and Wales) ...
    assert len(_counts(planted, pdus=("N01",))) == 4
    # ... while an intervention filter narrows the referrals: only BC's duplicate stays, CRS_WS's gap goes.
    counts = _counts(planted, interventions=("BC",))
    assert counts.at["N01", "duplicate_count"] == 1
    assert counts.at["N01", "no_need_code_count"] == 0
    assert counts.at["N01", "stale_count"] == 0


@pytest.mark.parametrize("filters", [{}, {"categories": ("accredited_programme",)}, {"regions": ("R1",)}])
def test_both_plans_of_the_referred_counts_give_the_same_rows(planted: Engine, filters: dict) -> None:
    """DuckDB's plan (one pass, a correlated EXISTS) and PostgreSQL's (per person first, the second keyings
    as a semi-join) count the same, on either database."""
    scope = Filters(*PERIOD, **filters)
    with planted.connect() as connection:
        one_pass = frame(connection, _referred_counts_in_one_pass(scope))
        per_person = frame(connection, _referred_counts_per_person(scope))
    assert len(one_pass) > 0 and one_pass["duplicate_count"].sum() > 0 or filters
    columns = list(one_pass.columns)
    pd.testing.assert_frame_equal(
        one_pass.astype({name: "int64" for name in columns[1:]}).sort_values("pdu_code", ignore_index=True),
        per_person[columns].astype({name: "int64" for name in columns[1:]}).sort_values("pdu_code", ignore_index=True))


def test_the_counts_whatever_the_date_are_the_same_for_any_period_and_area(planted: Engine) -> None:
    """The app caches them apart from the period's counts, so no period or area filter may change them."""
    elsewhere = Filters(dt.date(2019, 1, 1), dt.date(2019, 3, 31), pdus=("L01",))
    counts = quality_counts_by_pdu(planted, elsewhere)["by_pdu"].set_index("pdu_code")
    # As in the planted period: W01's three need records, one of them identified in 2099.
    assert counts.at["W01", "dated_need_count"] == 3
    assert counts.at["W01", "future_need_count"] == 1
    assert counts.at["W01", "need_count"] == 0  # none identified in early 2019
    in_period, other = dated_counts_by_pdu(planted, Filters(*PERIOD)), dated_counts_by_pdu(planted, elsewhere)
    assert in_period["reference_date"] == other["reference_date"]
    for mine, theirs in zip(in_period["parts"], other["parts"], strict=True):
        pd.testing.assert_frame_equal(mine.sort_values("pdu_code", ignore_index=True),
                                      theirs.sort_values("pdu_code", ignore_index=True))
