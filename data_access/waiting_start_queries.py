"""Waiting times page queries about starting: time to start (censored at T) and completed waits.

Both return counts by whole number of days, so only small frames travel.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pandas as pd
from sqlalchemy import Date, Engine, and_, case, func, literal, select

from data_access.result_frames import frame
from data_access.scope import scoped_referrals
from data_access.waiting_queries import GROUP_COLUMNS
from vocabulary.scope import Filters

#: Event codes, as metrics.waiting.time_to_start expects them.
STILL_WAITING, STARTED, REMOVED = 0, 1, 2
EVENT_COLUMNS: Final[tuple[str, ...]] = ("group", "duration_days", "event", "referral_count")
COMPLETED_COLUMNS: Final[tuple[str, ...]] = ("intervention_code", "wait_days", "start_count")


class UnknownGroupError(ValueError):
    """Time to start was asked for across a column that is not a grouping column."""


def time_to_start_events(engine: Engine, filters: Filters, snapshot: dt.date, group: str) -> pd.DataFrame:
    """Referrals made in the period (up to ``snapshot``), followed to ``snapshot``, counted by outcome.

    Each referral is started (start_date ≤ T: duration = start − referral), removed
    without start (no start, end_date ≤ T: duration = end − referral), or still waiting
    at T (censored: duration = T − referral), in whole days.

    Returns:
        group (the value of ``group``), duration_days, event (0 waiting, 1 started,
        2 removed), referral_count.
    """
    if group not in GROUP_COLUMNS:
        raise UnknownGroupError(f"Cannot compare time to start across '{group}': use one of {GROUP_COLUMNS}")
    rows = scoped_referrals(filters, period=False).subquery()
    day = literal(snapshot, Date)
    started = rows.c.start_date <= day
    removed = and_(rows.c.start_date.is_(None), rows.c.end_date <= day)
    event = case((started, STARTED), (removed, REMOVED), else_=STILL_WAITING).label("event")
    duration = case(
        (started, rows.c.start_date - rows.c.referral_date),
        (removed, rows.c.end_date - rows.c.referral_date),
        else_=day - rows.c.referral_date,
    ).label("duration_days")
    statement = (
        select(rows.c[group].label("group"), duration, event, func.count().label("referral_count"))
        .where(rows.c.referral_date.between(filters.period_start, min(filters.period_end, snapshot)))
        .group_by(rows.c[group], duration, event)
    )
    with engine.connect() as connection:
        events = frame(connection, statement)
    return events.reindex(columns=list(EVENT_COLUMNS)).astype(
        {"group": "object", "duration_days": "int64", "event": "int64", "referral_count": "int64"}
    )


def completed_waits(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Referral-to-start waits of referrals that started in the period, by intervention.

    Returns:
        intervention_code, wait_days (start_date − referral_date), start_count.
    """
    rows = scoped_referrals(filters, period=False).subquery()
    wait_days = (rows.c.start_date - rows.c.referral_date).label("wait_days")
    statement = (
        select(rows.c.intervention_code, wait_days, func.count().label("start_count"))
        .where(rows.c.start_date.between(filters.period_start, filters.period_end))
        .group_by(rows.c.intervention_code, wait_days)
    )
    with engine.connect() as connection:
        waits = frame(connection, statement)
    return waits.reindex(columns=list(COMPLETED_COLUMNS)).astype(
        {"intervention_code": "object", "wait_days": "int64", "start_count": "int64"}
    )
