"""The Sufficiency gaps page's one query: need records linked to the referrals that address them.

Linking happens in the database. Each referral is expanded to the needs it
addresses (its own need_code, or, where that is empty, every need of its
intervention) in one scan of referrals; per person and need the latest referral date is kept overall,
among started referrals and among completed ones. A need record is then
"referred" when that latest date is on or after identified_date minus
``ADDRESSING_LOOKBACK_DAYS`` (a referral exists in the window exactly when the
latest one does). Only counts per PDU, region, need and subgroup value return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Integer, Select, case, func, literal, select

from data_access.result_frames import frame
from data_access.schema import intervention_needs, interventions, referrals
from data_access.scope import intervention_conditions, scoped_need_records
from metrics.definitions import ADDRESSING_LOOKBACK_DAYS, SUBGROUP_DIMENSIONS
from metrics.scope import Filters
from metrics.sufficiency import COUNT_COLUMNS  # the counts this query returns, named once

GROUP_COLUMNS: tuple[str, ...] = ("pdu_code", "region_code", "need_code", "subgroup")


def _addressing_referrals(filters: Filters) -> Select:
    """Referrals that may address a need record in scope, one row per need each addresses.

    A single scan of referrals: a referral with a need code gives that need; one
    without gives each need of its intervention (outer join, so the first kind is
    kept once). Only the intervention and category filters apply (the person is
    matched later); referrals made before the period start minus the look-back
    cannot count for any need record in the period and are skipped.
    """
    addressed_need = func.coalesce(referrals.c.need_code, intervention_needs.c.need_code)
    conditions = [referrals.c.referral_date >= filters.period_start - dt.timedelta(days=ADDRESSING_LOOKBACK_DAYS)]
    if filters.categories or filters.interventions:
        chosen = select(interventions.c.intervention_code).where(intervention_conditions(filters))
        conditions.append(referrals.c.intervention_code.in_(chosen))
    if filters.needs:
        conditions.append(addressed_need.in_(filters.needs))
    return (
        select(
            referrals.c.person_id,
            addressed_need.label("need_code"),
            referrals.c.referral_date,
            referrals.c.start_date,
            referrals.c.outcome,
        )
        .select_from(referrals)
        .outerjoin(
            intervention_needs,
            (intervention_needs.c.intervention_code == referrals.c.intervention_code)
            & referrals.c.need_code.is_(None),
        )
        .where(*conditions)
    )


def _addressed_needs(filters: Filters) -> Select:
    """One row per (person, need) with an addressing referral under the intervention filters.

    Columns: person_id, need_code, last_referral_date, last_started_date,
    last_completed_date (each the latest referral_date of that kind).
    """
    pairs = _addressing_referrals(filters).subquery()
    return select(
        pairs.c.person_id,
        pairs.c.need_code,
        func.max(pairs.c.referral_date).label("last_referral_date"),
        func.max(case((pairs.c.start_date.is_not(None), pairs.c.referral_date))).label("last_started_date"),
        func.max(case((pairs.c.outcome == "completed", pairs.c.referral_date))).label("last_completed_date"),
    ).group_by(pairs.c.person_id, pairs.c.need_code)


def _within_window(last_date: ColumnElement, identified_date: ColumnElement) -> ColumnElement[int]:
    """1 when ``last_date`` is on or after identified_date minus the look-back, else 0."""
    threshold = identified_date - literal(ADDRESSING_LOOKBACK_DAYS, Integer)
    return case((last_date >= threshold, 1), else_=0)


def sufficiency_counts_statement(filters: Filters, dimension: str) -> Select:
    """The aggregate behind the page (see ``sufficiency_counts``)."""
    if dimension not in SUBGROUP_DIMENSIONS:
        raise ValueError(f"Unknown subgroup dimension {dimension!r}: use one of {sorted(SUBGROUP_DIMENSIONS)}")
    records = scoped_need_records(filters).subquery()
    addressed = _addressed_needs(filters).subquery()
    identified = records.c.identified_date
    group_keys = (records.c.pdu_code, records.c.region_code, records.c.need_code, records.c[dimension])
    return (
        select(
            *group_keys[:3],
            group_keys[3].label("subgroup"),
            func.count().label("need_count"),
            func.sum(_within_window(addressed.c.last_referral_date, identified)).label("referred_count"),
            func.sum(_within_window(addressed.c.last_started_date, identified)).label("started_count"),
            func.sum(_within_window(addressed.c.last_completed_date, identified)).label("completed_count"),
            func.count(records.c.sufficiency).label("judged_count"),
            func.sum(case((records.c.sufficiency == "sufficient", 1), else_=0)).label("sufficient_count"),
        )
        .select_from(records)
        .outerjoin(
            addressed,
            (addressed.c.person_id == records.c.person_id) & (addressed.c.need_code == records.c.need_code),
        )
        .group_by(*group_keys)
    )


def sufficiency_counts(engine: Engine, filters: Filters, dimension: str) -> pd.DataFrame:
    """Need records and how many were referred, started, completed, judged and judged sufficient.

    Args:
        engine: the database.
        filters: the scope. Need records follow the person, need and period
            filters (and any region/PDU filters, on the person's PDU); the
            intervention and category filters narrow which referrals count as
            addressing a need.
        dimension: the person column to split by (a key of ``SUBGROUP_DIMENSIONS``).

    Returns:
        One row per (pdu_code, region_code, need_code, subgroup) with integer
        columns ``COUNT_COLUMNS``; no rows when nothing is in scope.
    """
    with engine.connect() as connection:
        counts = frame(connection, sufficiency_counts_statement(filters, dimension))
    if counts.empty:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in GROUP_COLUMNS}).assign(
            **{column: pd.Series(dtype="int64") for column in COUNT_COLUMNS}
        )
    return counts.astype({column: "int64" for column in COUNT_COLUMNS})
