"""Translate a ``Filters`` value into SQL: the rows of each table that a view covers.

Every query starts from one of these selects, so a filter means the same thing on
every page. Values are bound parameters; nothing is formatted into SQL text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnCollection, ColumnElement, Select, and_, exists, or_, select, true

from data_access.schema import intervention_needs, interventions, needs, pdus, people, referrals
from metrics.scope import Filters

PERSON_COLUMNS = ("gender", "ethnicity_group", "age_band", "risk_level", "sentence_type")


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
    via_intervention = exists().where(
        intervention_needs.c.intervention_code == referrals.c.intervention_code,
        intervention_needs.c.need_code.in_(need_codes),
    )
    return or_(
        referrals.c.need_code.in_(need_codes),
        and_(referrals.c.need_code.is_(None), via_intervention),
    )


def touches_period(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """A referral open at any time in [start, end]: referred by the end, not ended before the start."""
    return and_(
        referrals.c.referral_date <= end,
        or_(referrals.c.end_date.is_(None), referrals.c.end_date >= start),
    )


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


def scoped_referrals(filters: Filters, *, period: bool = True) -> Select:
    """Referrals in scope with their region, category and the person's subgroups.

    With ``period`` the rows are limited to referrals open at some time in the
    period; each measure then applies its own date rule (referred, started or
    ended in the period, or waiting at a date).
    """
    conditions = [
        area_conditions(filters, referrals.c.pdu_code),
        intervention_conditions(filters),
        person_conditions(filters),
        referral_need_condition(filters.needs),
    ]
    if period:
        conditions.append(touches_period(filters.period_start, filters.period_end))
    return (
        select(
            referrals,
            pdus.c.region_code,
            interventions.c.category,
            *(people.c[column] for column in PERSON_COLUMNS),
            people.c.sentence_end_date,
        )
        # Outer joins on foreign keys match exactly one row each, so they return the same
        # rows as inner joins, but the planner may drop a join whose columns go unused.
        .outerjoin(pdus, pdus.c.pdu_code == referrals.c.pdu_code)
        .outerjoin(interventions, interventions.c.intervention_code == referrals.c.intervention_code)
        .outerjoin(people, people.c.person_id == referrals.c.person_id)
        .where(*conditions)
    )


def scoped_need_records(filters: Filters, *, period: bool = True) -> Select:
    """Need records in scope (person filters, the person's PDU and region, need filter),
    identified in the period when ``period``; with the person's PDU, region and subgroups."""
    conditions = [
        area_conditions(filters, people.c.pdu_code),
        person_conditions(filters),
        _in(needs.c.need_code, filters.needs),
    ]
    if period:
        conditions.append(needs.c.identified_date.between(filters.period_start, filters.period_end))
    return (
        select(
            needs,
            people.c.pdu_code,
            pdus.c.region_code,
            *(people.c[column] for column in PERSON_COLUMNS),
        )
        .outerjoin(people, people.c.person_id == needs.c.person_id)
        .outerjoin(pdus, pdus.c.pdu_code == people.c.pdu_code)
        .where(*conditions)
    )
