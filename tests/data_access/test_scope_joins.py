"""Scoped selects join only the tables their filters and columns need (referrals: none), and mean the same rows.

Referrals R1–R5 and need records from tests/dataset_builder.py, period H1 2024 (every
referral is open in it): N01 (North East) has R1, R2 (P1, male) and R3 (P2, female,
CRS_WS); L01 (London) has R4, R5 (P3, male, Building Choices). Need records: P1
thinking and accommodation, P2 accommodation (all N01).
"""

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_access.need_links import need_records_in_scope
from data_access.scope import scoped_referrals
from vocabulary.scope import Filters

H1 = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30))

#: (filter changes, referrals in scope, need records in scope, people with a need record in scope),
#: worked by hand from the module docstring.
CASES = {
    "no filter": ({}, 5, 3, 2),
    "region": ({"regions": ("LDN",)}, 2, 0, 0),
    "PDU": ({"pdus": ("N01",)}, 3, 3, 2),
    "category": ({"categories": ("commissioned_rehabilitative_service",)}, 2, 3, 2),
    "intervention": ({"interventions": ("BC",)}, 3, 3, 2),
    "gender": ({"genders": ("female",)}, 1, 1, 1),
    "region and gender": ({"regions": ("NE",), "genders": ("male",)}, 2, 2, 1),
    "need": ({"needs": ("accommodation",)}, 1, 2, 2),  # R2 only: BC and CRS_WS do not address it
}


def _count(engine, statement) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(statement.subquery())).scalar_one()


@pytest.mark.parametrize("case", CASES)
def test_referrals_in_scope_are_those_worked_by_hand(engine, case):
    changes, referral_count, _, _ = CASES[case]
    # Any SQLAlchemy warning fails the run (pyproject), so a filter on a table that was not
    # joined, which would cross-join it, cannot pass unnoticed.
    assert _count(engine, scoped_referrals(H1.with_changes(**changes))) == referral_count


@pytest.mark.parametrize("case", CASES)
def test_need_records_in_scope_are_those_worked_by_hand(engine, case):
    changes, _, record_count, people_count = CASES[case]
    records = need_records_in_scope(H1.with_changes(**changes), H1.period_start, H1.period_end)
    assert _count(engine, records) == record_count
    with engine.connect() as connection:
        people_in_scope = connection.execute(select(func.count(func.distinct(records.subquery().c.person_id)))).scalar_one()
    assert people_in_scope == people_count


def _joined(statement) -> set[str]:
    sql = str(statement.compile())
    return {table for table in ("pdus", "interventions", "people") if f"JOIN {table} " in sql}


def test_only_the_tables_a_filter_or_column_reads_are_joined():
    # Referrals come from referral_facts, which carries region, category and the person's context.
    every_filter = H1.with_changes(regions=("NE",), interventions=("BC",), genders=("male",), needs=("thinking",))
    assert _joined(scoped_referrals(every_filter)) == set()
    assert _joined(need_records_in_scope(every_filter, H1.period_start, H1.period_end)) == set()
