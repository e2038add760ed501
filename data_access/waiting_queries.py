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
    tuple_,
)

from data_access.result_frames import frame
from data_access.scope import scoped_referrals, waiting_at
from vocabulary.definitions import RECENT_FLOW_WEEKS, USUAL_LENGTH_WEEKS
from vocabulary.scope import Filters

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


def _snapshot_rows(filters: Filters, snapshot: dt.date) -> Select:
    """One row per referral that is waiting at T or moved in the 13 weeks to T, with what it counts for."""
    rows = scoped_referrals(filters, period=False).subquery()
    opened = snapshot - dt.timedelta(weeks=RECENT_FLOW_WEEKS)
    waiting = waiting_at(rows.c, snapshot)

    def within(column: object) -> object:
        return and_(column > opened, column <= snapshot)

    return select(
        *(rows.c[name] for name in AREA_COLUMNS),
        case((waiting, literal(snapshot, Date) - rows.c.referral_date)).label("wait_days"),
        waiting.label("waiting"),
        and_(waiting, rows.c.sentence_end_date.is_not(None)).label("sentence_known"),
        and_(waiting, _sentence_ends_soon(rows, snapshot)).label("at_risk"),
        within(rows.c.referral_date).label("added"),
        within(rows.c.start_date).label("started"),
        and_(rows.c.start_date.is_(None), within(rows.c.end_date)).label("removed"),
    ).where(rows.c.referral_date <= snapshot, or_(rows.c.end_date.is_(None), rows.c.end_date > opened))


def _snapshot(filters: Filters, snapshot: dt.date) -> Select:
    """Counts by area and whole days waited (empty for those not waiting), in one pass over the referrals."""
    rows = _snapshot_rows(filters, snapshot).subquery()
    keys = [rows.c[name] for name in (*AREA_COLUMNS, "wait_days")]

    def count_of(flag: str, label: str) -> object:
        return func.count().filter(rows.c[flag]).label(label)

    return select(
        *keys,
        count_of("waiting", "waiting_count"), count_of("sentence_known", "sentence_known_count"),
        count_of("at_risk", "at_risk_count"), count_of("added", "recent_additions_count"),
        count_of("started", "recent_starts_count"), count_of("removed", "recent_removals_count"),
    ).group_by(*keys)


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
        counts = frame(connection, _snapshot(filters, snapshot))
    waiting = counts[counts["waiting_count"] > 0] if len(counts) else counts
    recent_columns = list(RECENT_COLUMNS[len(AREA_COLUMNS):])
    recent = counts.groupby(list(AREA_COLUMNS), as_index=False)[recent_columns].sum() if len(counts) else counts
    recent = recent[(recent[recent_columns] > 0).any(axis=1)] if len(recent) else recent
    return {"histogram": _typed(waiting, HISTOGRAM_COLUMNS), "recent": _typed(recent, RECENT_COLUMNS)}


def _month(column: object) -> object:
    # The unit is written into the SQL (not bound) so SELECT and GROUP BY hold the same expression.
    return cast(func.date_trunc(literal_column("'month'"), column), Date)


def _flow_rows(filters: Filters) -> Select:
    """One row per referral that moved in the period or waited the day before it: the month of each flow."""
    start, end = filters.period_start, filters.period_end
    rows = scoped_referrals(filters, period=False).subquery()

    def month_if(condition: object, column: object, label: str) -> object:
        return case((condition, _month(column))).label(label)

    return select(
        month_if(rows.c.referral_date.between(start, end), rows.c.referral_date, "additions"),
        month_if(rows.c.start_date.between(start, end), rows.c.start_date, "starts"),
        month_if(and_(rows.c.start_date.is_(None), rows.c.end_date.between(start, end)), rows.c.end_date,
                 "removals"),
        waiting_at(rows.c, start - dt.timedelta(days=1)).label("waiting_before"),
    ).where(rows.c.referral_date <= end, or_(rows.c.end_date.is_(None), rows.c.end_date >= start))


def waiting_flows(engine: Engine, filters: Filters) -> dict[str, object]:
    """Additions, starts and removals without start per calendar month of the period, and the list before it.

    One pass over the referrals: each flow's months form a grouping set, and the empty
    set counts those waiting the day before the period.

    Returns:
        "flows": month (first day), month_end (last day, or the period's end), additions_count,
        starts_count, removals_count; "waiting_before_count": people waiting the day before the period.
    """
    rows = _flow_rows(filters).subquery()
    kinds = ("additions", "starts", "removals")
    statement = select(
        *(rows.c[kind] for kind in kinds),
        *(func.grouping(rows.c[kind]).label(f"{kind}_grouped") for kind in kinds),
        func.count().label("flow_count"),
        func.count().filter(rows.c.waiting_before).label("waiting_before_count"),
    ).group_by(func.grouping_sets(*(tuple_(rows.c[kind]) for kind in kinds), tuple_()))
    with engine.connect() as connection:
        counts = frame(connection, statement)
    overall = counts[(counts[[f"{kind}_grouped" for kind in kinds]] == 1).all(axis=1)]
    waiting_before = int(overall["waiting_before_count"].iloc[0]) if len(overall) else 0
    by_kind = {
        kind: counts[(counts[f"{kind}_grouped"] == 0) & counts[kind].notna()][[kind, "flow_count"]]
        for kind in kinds
    }
    return {"flows": _month_table(by_kind, filters.period_start, filters.period_end),
            "waiting_before_count": waiting_before}


def _month_table(by_kind: dict[str, pd.DataFrame], start: dt.date, end: dt.date) -> pd.DataFrame:
    months = pd.date_range(start.replace(day=1), end, freq="MS")
    table = pd.DataFrame({"month": months.date})
    month_ends = (months + pd.offsets.MonthEnd(0)).date
    table["month_end"] = [min(month_end, end) for month_end in month_ends]
    for kind, counts in by_kind.items():
        per_month = dict(zip(pd.to_datetime(counts[kind]).dt.date, counts["flow_count"]))
        table[f"{kind}_count"] = [int(per_month.get(month, 0)) for month in table["month"]]
    return table[["month", "month_end", "additions_count", "starts_count", "removals_count"]]


