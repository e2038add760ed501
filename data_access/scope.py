"""Translate a ``Filters`` value into SQL: the rows of each table that a view covers.

Every query starts from one of these selects, so a filter means the same thing on
every page. Values are bound parameters; nothing is formatted into SQL text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnCollection, ColumnElement, Select, and_, exists, or_, select, true

from data_access.derived.tables import referral_facts
from data_access.schema import (
    PERSON_COLUMNS,
    intervention_needs,
    interventions,
    pdus,
    people,
    referrals,
)
from vocabulary.scope import Filters


def _in(column: ColumnElement, values: tuple[str, ...]) -> ColumnElement[bool]:
    return column.in_(values) if values else true()


def person_conditions(filters: Filters) -> ColumnElement[bool]:
    """Demographic, risk and sentence restrictions on ``people``."""
    return and_(
        *(_in(people.c[column], values) for column, values in filters.person_filters.items())
    )


def area_conditions(filters: Filters, pdu_column: ColumnElement) -> ColumnElement[bool]:
    """Region and PDU restrictions applied to a PDU code column (joined to ``pdus``)."""
    return and_(_in(pdu_column, filters.pdus), _in(pdus.c.region_code, filters.regions))


def intervention_conditions(filters: Filters) -> ColumnElement[bool]:
    """Category and intervention restrictions on ``interventions``."""
    return and_(
        _in(interventions.c.category, filters.categories),
        _in(interventions.c.intervention_code, filters.interventions),
    )


def referral_need_condition(need_codes: tuple[str, ...]) -> ColumnElement[bool]:
    """A referral addresses one of ``need_codes``: by its need_code, or, where that is
    empty, through the needs its intervention addresses."""
    if not need_codes:
        return true()
    facts = referral_facts.c
    via_intervention = exists().where(
        intervention_needs.c.intervention_code == facts.intervention_code,
        intervention_needs.c.need_code.in_(need_codes),
    )
    return or_(facts.need_code.in_(need_codes), and_(facts.need_code.is_(None), via_intervention))


def touches_period(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """A referral open at any time in [start, end]: referred by the end, not ended before the start."""
    facts = referral_facts.c
    return and_(facts.referral_date <= end, or_(facts.end_date.is_(None), facts.end_date >= start))


def waiting_at(rows: ColumnCollection, snapshot: dt.date | ColumnElement) -> ColumnElement[bool]:
    """Waiting at ``snapshot`` (an NHS referral-to-treatment incomplete pathway), the one place this rule lives.

    Referred on or before the snapshot, not started by it and not removed by it:
    referral_date <= T, start_date empty or > T, end_date empty or > T. ``rows`` is
    the column collection (``.c``) of referrals or of a select from them; the
    snapshot may be a date or a date column.
    """
    return and_(
        rows.referral_date <= snapshot,
        or_(rows.start_date.is_(None), rows.start_date > snapshot),
        or_(rows.end_date.is_(None), rows.end_date > snapshot),
    )


def referral_facts_from_raw() -> Select:
    """The rows of the derived table ``referral_facts``, in its column order: every referral with
    its PDU's region, its intervention's category and its person's subgroups and sentence end date."""
    return (
        select(*referrals.c, pdus.c.region_code, interventions.c.category,
               *(people.c[name] for name in PERSON_COLUMNS), people.c.sentence_end_date)
        .select_from(referrals.join(pdus, pdus.c.pdu_code == referrals.c.pdu_code)
                     .join(interventions, interventions.c.intervention_code == referrals.c.intervention_code)
                     .join(people, people.c.person_id == referrals.c.person_id))
        .order_by(interventions.c.category, referrals.c.referral_date)
    )


def scoped_referrals(filters: Filters, *, period: bool = True) -> Select:
    """Referrals in scope with their region, category and the person's subgroups and sentence end date.

    Read from the derived table ``referral_facts``, which carries those columns already, so
    no filter or grouping joins another table. With ``period`` the rows are limited to
    referrals open at some time in the period; each measure then applies its own date rule
    (referred, started or ended in the period, or waiting at a date).
    """
    facts = referral_facts.c
    conditions = [
        _in(facts.pdu_code, filters.pdus),
        _in(facts.region_code, filters.regions),
        _in(facts.category, filters.categories),
        _in(facts.intervention_code, filters.interventions),
        *(_in(facts[column], values) for column, values in filters.person_filters.items()),
        referral_need_condition(filters.needs),
    ]
    if period:
        conditions.append(touches_period(filters.period_start, filters.period_end))
    return select(referral_facts).where(*conditions)
