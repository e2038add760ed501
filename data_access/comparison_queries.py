"""The PDU comparison page's queries: numerators and denominators per PDU and period.

Every function returns counts for all PDUs (region and PDU filters are lifted
by the caller so that England and Wales and regional benchmarks come from the
same rows) and for each "window": a tuple of (start, end) date pairs, numbered
0, 1, … in order. The page asks for one window (its period) or for twelve
quarters (a trend). Aggregation happens in the database; only small frames return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    select,
    true,
    union_all,
)

from data_access.queries import frame
from data_access.schema import caseload, intervention_needs, interventions, provision
from data_access.scope import intervention_conditions, scoped_need_records, scoped_referrals
from metrics.definitions import ADDRESSING_LOOKBACK_DAYS
from metrics.scope import Filters

Windows = tuple[tuple[dt.date, dt.date], ...]
PROGRAMMES = "accredited_programme"

NEED_COLUMNS = ("need_count", "referred_count", "started_count", "judged_count", "sufficient_count")
FLOW_COLUMNS = ("referral_count", "start_count", "removed_count", "ended_after_start_count", "completed_count")


def _window_of(column: ColumnElement, windows: Windows) -> ColumnElement[int]:
    """The number of the window holding ``column``'s date, NULL when none does."""
    return case(
        *((column.between(start, end), literal(index, Integer)) for index, (start, end) in enumerate(windows)),
        else_=None,
    )


def _int_frame(rows: pd.DataFrame, counts: tuple[str, ...]) -> pd.DataFrame:
    """(pdu_code, window) rows with integer counts; an empty frame keeps its columns and dtypes."""
    if rows.empty:
        return pd.DataFrame({"pdu_code": pd.Series(dtype="object"), "window": pd.Series(dtype="int64"),
                             **{column: pd.Series(dtype="int64") for column in counts}})
    return rows.astype({"window": "int64", **{column: "int64" for column in counts}})


def _addressed_needs(filters: Filters) -> Select:
    """Per (person, need) with an addressing referral under the intervention filters: the latest
    referral date overall and among started referrals (the Sufficiency gaps page's link)."""
    scoped = scoped_referrals(filters, period=False).subquery()
    direct = select(scoped.c.person_id, scoped.c.need_code, scoped.c.referral_date, scoped.c.start_date).where(
        scoped.c.need_code.is_not(None))
    via_intervention = (
        select(scoped.c.person_id, intervention_needs.c.need_code, scoped.c.referral_date, scoped.c.start_date)
        .join(intervention_needs, intervention_needs.c.intervention_code == scoped.c.intervention_code)
        .where(scoped.c.need_code.is_(None))
    )
    pairs = union_all(direct, via_intervention).subquery()
    return select(
        pairs.c.person_id,
        pairs.c.need_code,
        func.max(pairs.c.referral_date).label("last_referral_date"),
        func.max(case((pairs.c.start_date.is_not(None), pairs.c.referral_date))).label("last_started_date"),
    ).group_by(pairs.c.person_id, pairs.c.need_code)


def _within_lookback(last_date: ColumnElement, identified_date: ColumnElement) -> ColumnElement[int]:
    """1 when an addressing referral was made on or after identified_date minus the look-back."""
    return case((last_date >= identified_date - literal(ADDRESSING_LOOKBACK_DAYS, Integer), 1), else_=0)


def need_counts_by_pdu(engine: Engine, filters: Filters, windows: Windows) -> pd.DataFrame:
    """Need records identified in each window per person's PDU, and how many were referred,
    started (for the need, as on the Sufficiency gaps page), judged and judged sufficient.

    Returns one row per (pdu_code, window) with ``NEED_COLUMNS``.
    """
    records = scoped_need_records(filters, period=False).subquery()
    addressed = _addressed_needs(filters).subquery()
    window = _window_of(records.c.identified_date, windows).label("window")
    statement = (
        select(
            records.c.pdu_code, window,
            func.count().label("need_count"),
            func.sum(_within_lookback(addressed.c.last_referral_date, records.c.identified_date)).label(
                "referred_count"),
            func.sum(_within_lookback(addressed.c.last_started_date, records.c.identified_date)).label(
                "started_count"),
            func.count(records.c.sufficiency).label("judged_count"),
            func.sum(case((records.c.sufficiency == "sufficient", 1), else_=0)).label("sufficient_count"),
        )
        .select_from(records)
        .outerjoin(addressed, (addressed.c.person_id == records.c.person_id)
                   & (addressed.c.need_code == records.c.need_code))
        .where(records.c.identified_date.between(windows[0][0], windows[-1][1]))
        .group_by(records.c.pdu_code, window)
    )
    with engine.connect() as connection:
        rows = frame(connection, statement)
    return _int_frame(rows.dropna(subset=["window"]), NEED_COLUMNS)


def _flow(scoped: object, date_column: ColumnElement, windows: Windows, column: str,
          *conditions: ColumnElement[bool]) -> Select:
    window = _window_of(date_column, windows)
    zeros = [literal(0, Integer).label(name) if name != column else func.count().label(name)
             for name in FLOW_COLUMNS]
    return select(scoped.c.pdu_code, window.label("window"), *zeros).where(
        date_column.between(windows[0][0], windows[-1][1]), *conditions
    ).group_by(scoped.c.pdu_code, window)


def referral_flows_by_pdu(engine: Engine, filters: Filters, windows: Windows) -> pd.DataFrame:
    """Flows per referring PDU and window: referrals made, starts, removals without start,
    referrals that ended after starting, and of those the completed ones.

    Returns one row per (pdu_code, window) with ``FLOW_COLUMNS`` (referrals counted by
    referral_date, starts by start_date, the others by end_date).
    """
    scoped = scoped_referrals(filters, period=False).subquery()
    parts = union_all(
        _flow(scoped, scoped.c.referral_date, windows, "referral_count"),
        _flow(scoped, scoped.c.start_date, windows, "start_count"),
        _flow(scoped, scoped.c.end_date, windows, "removed_count", scoped.c.start_date.is_(None)),
        _flow(scoped, scoped.c.end_date, windows, "ended_after_start_count", scoped.c.start_date.is_not(None)),
        _flow(scoped, scoped.c.end_date, windows, "completed_count", scoped.c.outcome == "completed"),
    ).subquery()
    statement = select(parts.c.pdu_code, parts.c.window, *(func.sum(parts.c[name]).label(name)
                                                            for name in FLOW_COLUMNS)).group_by(
        parts.c.pdu_code, parts.c.window)
    with engine.connect() as connection:
        rows = frame(connection, statement)
    return _int_frame(rows.dropna(subset=["window"]), FLOW_COLUMNS)


def programme_filters(filters: Filters) -> Filters | None:
    """The filters narrowed to accredited programmes; None when the category filter leaves them out."""
    if filters.categories and PROGRAMMES not in filters.categories:
        return None
    return filters.with_changes(categories=(PROGRAMMES,))


def caseload_by_month(engine: Engine, first_month: dt.date, last_month: dt.date) -> pd.DataFrame:
    """People supervised per PDU and month from ``first_month`` to ``last_month`` (first days of months).

    Returns pdu_code, month (date), people_supervised; no rows when no caseload was loaded.
    """
    statement = select(caseload.c.pdu_code, caseload.c.month, caseload.c.people_supervised).where(
        caseload.c.month.between(first_month, last_month))
    with engine.connect() as connection:
        rows = frame(connection, statement)
    return rows.astype({"people_supervised": "int64"}) if len(rows) else pd.DataFrame(
        {"pdu_code": pd.Series(dtype="object"), "month": pd.Series(dtype="object"),
         "people_supervised": pd.Series(dtype="int64")})


def places_by_month(engine: Engine, filters: Filters, first_month: dt.date, last_month: dt.date) -> pd.DataFrame:
    """Places per PDU and month for the interventions in scope (category, intervention and need filters).

    Returns pdu_code, month, places: a row for every PDU and month in the provision
    table (places 0 when none of its interventions is in scope), none when no
    provision was loaded.
    """
    in_scope = and_(intervention_conditions(filters), _addresses(filters.needs))
    places = func.sum(case((in_scope, provision.c.places), else_=0))
    statement = (
        select(provision.c.pdu_code, provision.c.month, places.label("places"))
        .join(interventions, interventions.c.intervention_code == provision.c.intervention_code)
        .where(provision.c.month.between(first_month, last_month))
        .group_by(provision.c.pdu_code, provision.c.month)
    )
    with engine.connect() as connection:
        rows = frame(connection, statement)
    return rows.astype({"places": "int64"}) if len(rows) else pd.DataFrame(
        {"pdu_code": pd.Series(dtype="object"), "month": pd.Series(dtype="object"),
         "places": pd.Series(dtype="int64")})


def _addresses(need_codes: tuple[str, ...]) -> ColumnElement[bool]:
    """The intervention addresses one of ``need_codes`` (always true when there is no need filter)."""
    if not need_codes:
        return true()
    return exists().where(
        intervention_needs.c.intervention_code == interventions.c.intervention_code,
        intervention_needs.c.need_code.in_(need_codes),
    )
