"""Waiting times page queries: waits at a snapshot, recent and monthly flows, time to start.

Every query starts from ``scoped_referrals`` (the caller sets the categories the
page measures) and returns small aggregates: waits as counts by whole number of
days, flows as counts by month, time to start as counts by (group, days, event).
Date differences are DATE − DATE, which gives whole days on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)

from data_access.queries import frame
from data_access.scope import scoped_referrals, waiting_at
from metrics.definitions import RECENT_FLOW_WEEKS, USUAL_LENGTH_WEEKS
from metrics.scope import Filters

AREA_COLUMNS: Final[tuple[str, ...]] = ("pdu_code", "region_code", "intervention_code")
#: Columns time to start may be compared across.
GROUP_COLUMNS: Final[tuple[str, ...]] = (
    "intervention_code", "region_code", "pdu_code", "gender", "ethnicity_group", "age_band", "risk_level",
)
HISTOGRAM_COLUMNS: Final[tuple[str, ...]] = (
    *AREA_COLUMNS, "wait_days", "waiting_count", "sentence_known_count", "at_risk_count",
)
RECENT_COLUMNS: Final[tuple[str, ...]] = (
    *AREA_COLUMNS, "recent_additions_count", "recent_starts_count", "recent_removals_count",
)


def _typed(rows: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``rows`` with exactly ``columns``; *_count and *_days columns as int64 (also when empty)."""
    out = rows.reindex(columns=list(columns))
    numeric = [name for name in columns if name.endswith(("_count", "_days")) or name == "event"]
    return out.astype({name: "int64" for name in numeric}) if len(out) else out.astype(
        {name: "int64" for name in numeric} | {name: "object" for name in columns if name not in numeric}
    )


def _sentence_ends_soon(rows: object, snapshot: dt.date) -> object:
    """The person's sentence ends within their intervention's usual length of ``snapshot`` (or has ended)."""
    horizon = case(
        *((rows.c.category == category, literal(snapshot + dt.timedelta(weeks=weeks), Date))
          for category, weeks in USUAL_LENGTH_WEEKS.items()),
    )
    return rows.c.sentence_end_date <= horizon


def _histogram(filters: Filters, snapshot: dt.date) -> Select:
    rows = scoped_referrals(filters, period=False).subquery()
    wait_days = (literal(snapshot, Date) - rows.c.referral_date).label("wait_days")
    areas = [rows.c[name] for name in AREA_COLUMNS]
    return (
        select(
            *areas, wait_days,
            func.count().label("waiting_count"),
            func.count(rows.c.sentence_end_date).label("sentence_known_count"),
            func.count().filter(_sentence_ends_soon(rows, snapshot)).label("at_risk_count"),
        )
        .where(waiting_at(rows.c, snapshot))
        .group_by(*areas, wait_days)
    )


def _recent_flows(filters: Filters, snapshot: dt.date) -> Select:
    rows = scoped_referrals(filters, period=False).subquery()
    opened = snapshot - dt.timedelta(weeks=RECENT_FLOW_WEEKS)

    def within(column: object) -> object:
        return and_(column > opened, column <= snapshot)

    areas = [rows.c[name] for name in AREA_COLUMNS]
    return (
        select(
            *areas,
            func.count().filter(within(rows.c.referral_date)).label("recent_additions_count"),
            func.count().filter(within(rows.c.start_date)).label("recent_starts_count"),
            func.count().filter(and_(rows.c.start_date.is_(None), within(rows.c.end_date)))
            .label("recent_removals_count"),
        )
        .where(rows.c.referral_date <= snapshot, or_(rows.c.end_date.is_(None), rows.c.end_date > opened))
        .group_by(*areas)
    )


def waiting_snapshot(engine: Engine, filters: Filters, snapshot: dt.date) -> dict[str, pd.DataFrame]:
    """The list at ``snapshot`` and the flows of the 13 weeks to it, by PDU, region and intervention.

    Returns:
        "histogram": pdu_code, region_code, intervention_code, wait_days (T − referral_date),
        waiting_count, sentence_known_count (with a sentence end date), at_risk_count
        (sentence ends within the intervention category's usual length of T, or has ended).
        "recent": pdu_code, region_code, intervention_code, recent_additions_count,
        recent_starts_count, recent_removals_count (in the 13 weeks to T: dates in (T − 91 days, T]).
    """
    with engine.connect() as connection:
        histogram = frame(connection, _histogram(filters, snapshot))
        recent = frame(connection, _recent_flows(filters, snapshot))
    return {"histogram": _typed(histogram, HISTOGRAM_COLUMNS), "recent": _typed(recent, RECENT_COLUMNS)}


def _month(column: object) -> object:
    # The unit is written into the SQL (not bound) so SELECT and GROUP BY hold the same expression.
    return cast(func.date_trunc(literal_column("'month'"), column), Date)


def _monthly(rows: object, column: object, kind: str, start: dt.date, end: dt.date, *where: object) -> Select:
    return (
        select(literal(kind).label("kind"), _month(column).label("month"), func.count().label("flow_count"))
        .where(column.between(start, end), *where)
        .group_by(_month(column))
    )


def waiting_flows(engine: Engine, filters: Filters) -> dict[str, object]:
    """Additions, starts and removals without start per calendar month of the period, and the list before it.

    Returns:
        "flows": month (first day), month_end (last day, or the period's end), additions_count,
        starts_count, removals_count; "waiting_before_count": people waiting the day before the period.
    """
    start, end = filters.period_start, filters.period_end
    rows = scoped_referrals(filters, period=False).subquery()
    statement = union_all(
        _monthly(rows, rows.c.referral_date, "additions", start, end),
        _monthly(rows, rows.c.start_date, "starts", start, end),
        _monthly(rows, rows.c.end_date, "removals", start, end, rows.c.start_date.is_(None)),
    )
    before = select(func.count()).select_from(rows).where(waiting_at(rows.c, start - dt.timedelta(days=1)))
    with engine.connect() as connection:
        counts = frame(connection, statement)
        waiting_before = int(connection.execute(before).scalar() or 0)
    return {"flows": _month_table(counts, start, end), "waiting_before_count": waiting_before}


def _month_table(counts: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    months = pd.date_range(start.replace(day=1), end, freq="MS")
    table = pd.DataFrame({"month": months.date})
    month_ends = (months + pd.offsets.MonthEnd(0)).date
    table["month_end"] = [min(month_end, end) for month_end in month_ends]
    if len(counts):
        counts = counts.assign(month=pd.to_datetime(counts["month"]).dt.date)
        wide = counts.pivot_table(index="month", columns="kind", values="flow_count", aggfunc="sum")
        table = table.merge(wide, left_on="month", right_index=True, how="left")
    for kind in ("additions", "starts", "removals"):
        column = table[kind] if kind in table else pd.Series(0, index=table.index)
        table[f"{kind}_count"] = column.fillna(0).astype("int64")
    return table[["month", "month_end", "additions_count", "starts_count", "removals_count"]]
