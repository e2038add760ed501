"""Accredited programme waiting lists per PDU at snapshot dates, for the PDU comparison page.

"Waiting at T" is the shared rule (``data_access.scope.waiting_at``, NHS
referral-to-treatment incomplete pathways): referral_date ≤ T, not started by T, not removed by T;
the wait is T − referral_date in whole days. Snapshots are joined as a small
VALUES list so the referrals are scanned once whatever their number. Only
histograms of waits by day, or counts, return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Date, Engine, Integer, Select, column, func, or_, select, values

from data_access.comparison_queries import programme_filters
from data_access.result_frames import frame
from data_access.scope import scoped_referrals, waiting_at
from vocabulary.scope import Filters

HISTOGRAM_COLUMNS = ("window", "pdu_code", "wait_days", "waiting_count")


def _waits(filters: Filters, snapshots: tuple[dt.date, ...]) -> Select | None:
    """One row per (snapshot number, accredited programme referral waiting then): window, pdu_code, wait_days.

    None when the category filter leaves out accredited programmes.
    """
    narrowed = programme_filters(filters)
    if narrowed is None or not snapshots:
        return None
    scoped = scoped_referrals(narrowed, period=False).subquery()
    days = values(column("window", Integer), column("snapshot", Date), name="snapshots").data(
        list(enumerate(snapshots)))
    day = days.c.snapshot
    return (
        select(days.c.window, scoped.c.pdu_code, (day - scoped.c.referral_date).label("wait_days"))
        .select_from(scoped.join(days, waiting_at(scoped.c, day)))
        .where(
            scoped.c.referral_date <= max(snapshots),
            or_(scoped.c.end_date.is_(None), scoped.c.end_date > min(snapshots)),
        )
    )


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object" if name == "pdu_code" else "int64") for name in columns})


def waiting_histogram_by_pdu(engine: Engine, filters: Filters, snapshot: dt.date) -> pd.DataFrame:
    """Waits at ``snapshot`` per PDU as a histogram: window (0), pdu_code, wait_days, waiting_count."""
    waits = _waits(filters, (snapshot,))
    if waits is None:
        return _empty(HISTOGRAM_COLUMNS)
    rows = waits.subquery()
    statement = select(rows.c.window, rows.c.pdu_code, rows.c.wait_days, func.count().label("waiting_count"))
    statement = statement.group_by(rows.c.window, rows.c.pdu_code, rows.c.wait_days)
    with engine.connect() as connection:
        histogram = frame(connection, statement)
    return histogram.astype({"window": "int64", "wait_days": "int64", "waiting_count": "int64"}) if len(
        histogram) else _empty(HISTOGRAM_COLUMNS)


def waiting_counts_by_pdu(
    engine: Engine, filters: Filters, snapshots: tuple[dt.date, ...], target_days: int
) -> pd.DataFrame:
    """People waiting per PDU at each snapshot, and how many of them had waited ``target_days`` or less.

    Returns window, pdu_code, waiting_count, within_target_count.
    """
    columns = ("window", "pdu_code", "waiting_count", "within_target_count")
    waits = _waits(filters, snapshots)
    if waits is None:
        return _empty(columns)
    rows = waits.subquery()
    within = func.count().filter(rows.c.wait_days <= target_days)
    statement = select(rows.c.window, rows.c.pdu_code, func.count().label("waiting_count"),
                       within.label("within_target_count")).group_by(rows.c.window, rows.c.pdu_code)
    with engine.connect() as connection:
        counts = frame(connection, statement)
    return counts.astype({name: "int64" for name in columns if name != "pdu_code"}) if len(counts) else _empty(
        columns)


def pooled_waiting_histogram(
    engine: Engine, filters: Filters, snapshots: tuple[dt.date, ...], pdu_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Waits at each snapshot pooled over ``pdu_codes`` (all PDUs when empty): window, wait_days, waiting_count."""
    columns = ("window", "wait_days", "waiting_count")
    waits = _waits(filters, snapshots)
    if waits is None:
        return _empty(columns)
    rows = waits.subquery()
    statement = select(rows.c.window, rows.c.wait_days, func.count().label("waiting_count"))
    if pdu_codes:
        statement = statement.where(rows.c.pdu_code.in_(pdu_codes))
    statement = statement.group_by(rows.c.window, rows.c.wait_days)
    with engine.connect() as connection:
        histogram = frame(connection, statement)
    return histogram.astype({name: "int64" for name in columns}) if len(histogram) else _empty(columns)
