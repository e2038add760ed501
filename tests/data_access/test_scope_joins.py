"""Scoped selects join only the tables their filters and columns need (referrals: none), and mean the same rows.

Referrals R1–R5 and need records from tests/dataset_builder.py, period H1 2024 (every
referral is open in it): N01 (North East) has R1, R2 (P1, male) and R3 (P2, female,
CRS_WS); L01 (London) has R4, R5 (P3, male, Building Choices). Need records: P1
thinking and accommodation, P2 accommodation (all N01).
"""

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_access.scope import scoped_need_records, scoped_people_with_needs, scoped_referrals
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
@pytest.mark.parametrize("with_region", [False, True])
def test_need_records_in_scope_do_not_depend_on_the_region_column(engine, case, with_region):
    changes, _, record_count, _ = CASES[case]
    assert _count(engine, scoped_need_records(H1.with_changes(**changes), with_region=with_region)) == record_count


@pytest.mark.parametrize("case", CASES)
def test_people_with_needs_are_the_people_of_the_need_records_in_scope(engine, case):
    changes, _, _, people_count = CASES[case]
    filters = H1.with_changes(**changes)
    aggregated = scoped_people_with_needs(filters, {"need_count": func.count()})
    with engine.connect() as connection:
        rows = connection.execute(select(aggregated.subquery())).mappings().all()
        records = connection.execute(select(scoped_need_records(filters).subquery())).mappings().all()
    per_person = {row["person_id"]: row["need_count"] for row in rows}
    assert len(per_person) == people_count
    assert per_person == {person: sum(1 for record in records if record["person_id"] == person)
                          for person in {record["person_id"] for record in records}}


def _joined(statement) -> set[str]:
    sql = str(statement.compile())
    return {table for table in ("pdus", "interventions", "people") if f"JOIN {table} " in sql}


def test_only_the_tables_a_filter_or_column_reads_are_joined():
    # Referrals come from referral_facts, which carries region, category and the person's context.
    every_filter = H1.with_changes(regions=("NE",), interventions=("BC",), genders=("male",), needs=("thinking",))
    assert _joined(scoped_referrals(every_filter)) == set()
    assert _joined(scoped_need_records(H1, with_region=False)) == {"people"}
    assert _joined(scoped_need_records(H1.with_changes(regions=("NE",)), with_region=False)) == {"people", "pdus"}
