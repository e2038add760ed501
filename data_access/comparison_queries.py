"""The PDU comparison page's queries: numerators and denominators per PDU and period.

Every function returns counts for all PDUs (region and PDU filters are lifted
by the caller so that England and Wales and regional benchmarks come from the
same rows) and for each "window": a tuple of (start, end) date pairs, numbered
0, 1, … in order, which may overlap. The page asks for its period and the
trend's quarters at once, so one pass over each table serves both; each
window's counts are FILTER columns. Aggregation happens in the database; only
small frames return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Date,
    Engine,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    column,
    exists,
    func,
    literal,
    select,
    true,
    union_all,
    values,
)

from data_access.derived.tables import need_referral_links
from data_access.need_links import linked_need_records
from data_access.result_frames import frame
from data_access.schema import caseload, intervention_needs, interventions, pdus, provision
from data_access.scope import intervention_conditions, scoped_referrals, touches_period
from vocabulary.scope import Filters

Windows = tuple[tuple[dt.date, dt.date], ...]
PROGRAMMES = "accredited_programme"

NEED_COLUMNS = ("need_count", "referred_count", "started_count", "judged_count", "sufficient_count")
FLOW_COLUMNS = ("referral_count", "start_count", "removed_count", "ended_after_start_count", "completed_count")


def _span(windows: Windows) -> tuple[dt.date, dt.date]:
    """The first start and the last end over ``windows`` (which may overlap and come in any order)."""
    return min(start for start, _ in windows), max(end for _, end in windows)


def _per_window(counts: dict[str, ColumnElement[bool]], date_column: ColumnElement, windows: Windows) -> list:
    """``count(*) FILTER (date in window and condition)`` labelled ``<name>__<window>`` for every pair."""
    return [
        func.count().filter(and_(date_column.between(start, end), condition)).label(f"{name}__{index}")
        for index, (start, end) in enumerate(windows) for name, condition in counts.items()
    ]


def _long_from_wide(wide: pd.DataFrame, counts: tuple[str, ...], windows: Windows) -> pd.DataFrame:
    """One row per (pdu_code, window) from a row per PDU with ``<count>__<window>`` columns."""
    parts = [
        wide[["pdu_code", *(f"{name}__{index}" for name in counts)]]
        .set_axis(["pdu_code", *counts], axis=1).assign(window=index)
        for index in range(len(windows))
    ]
    rows = pd.concat(parts, ignore_index=True) if len(wide) else pd.DataFrame(columns=["pdu_code", *counts, "window"])
    rows = rows[["pdu_code", "window", *counts]]
    return rows.astype({"window": "int64", **{name: "int64" for name in counts}})


def _windows_table(windows: Windows) -> object:
    """The windows as a small VALUES list: window (number), first_day, last_day (inclusive)."""
    return values(column("window", Integer), column("first_day", Date), column("last_day", Date),
                  name="windows").data([(index, start, end) for index, (start, end) in enumerate(windows)])


def _windowed(daily: Subquery, counts: tuple[str, ...], windows: Windows) -> Select:
    """Per-day counts summed per (pdu_code, window) over the windows each day falls in.

    ``daily`` has pdu_code, day and ``counts``, one row per PDU and day: a few hundred
    thousand rows at most, so the range join with a dozen or so windows is cheap, where
    a count per window and measure over every person-level row was not (about 90 FILTER
    aggregates over a million rows).
    """
    spans = _windows_table(windows)
    return (
        select(daily.c.pdu_code, spans.c.window, *(func.sum(daily.c[name]).label(name) for name in counts))
        .select_from(daily.join(spans, daily.c.day.between(spans.c.first_day, spans.c.last_day)))
        .group_by(daily.c.pdu_code, spans.c.window)
    )


def _long(rows: pd.DataFrame, counts: tuple[str, ...], windows: Windows) -> pd.DataFrame:
    """One row per (pdu_code, window) for every PDU with a row and every window, zeros where none."""
    columns = ["pdu_code", "window", *counts]
    if not len(rows):
        return pd.DataFrame(columns=columns).astype({"window": "int64", **{name: "int64" for name in counts}})
    grid = pd.MultiIndex.from_product([range(len(windows)), rows["pdu_code"].unique()], names=["window", "pdu_code"])
    full = rows.set_index(["window", "pdu_code"])[list(counts)].reindex(grid, fill_value=0).reset_index()
    return full[columns].astype({"window": "int64", **{name: "int64" for name in counts}})


def _link_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Which linked referrals count: those under the intervention and area filters (the area is
    the referring PDU's, as for ``scoped_referrals``)."""
    links = need_referral_links.c
    conditions = [links.referral_pdu_code.in_(filters.pdus)] if filters.pdus else []
    if filters.categories or filters.interventions:
        chosen = select(interventions.c.intervention_code).where(intervention_conditions(filters))
        conditions.append(links.intervention_code.in_(chosen))
    if filters.regions:
        conditions.append(links.referral_pdu_code.in_(
            select(pdus.c.pdu_code).where(pdus.c.region_code.in_(filters.regions))))
    return conditions


def need_counts_by_pdu(engine: Engine, filters: Filters, windows: Windows) -> pd.DataFrame:
    """Need records identified in each window per person's PDU, and how many were referred and
    started within the follow-up window (as on the Sufficiency gaps page: ``data_access.need_links``),
    judged and judged sufficient.

    Returns one row per (pdu_code, window) with ``NEED_COLUMNS``.
    """
    first, last = _span(windows)
    linked = linked_need_records(filters, first, last, carried=("pdu_code", "identified_date", "sufficiency"),
                                 link_conditions=_link_conditions(filters), flags=("referred", "started"))
    counts = {
        "need_count": true(),
        "referred_count": linked.c.referred == 1,
        "started_count": linked.c.started == 1,
        "judged_count": linked.c.sufficiency.is_not(None),
        "sufficient_count": linked.c.sufficiency == "sufficient",
    }
    daily = (
        select(linked.c.pdu_code, linked.c.identified_date.label("day"),
               *(func.count().filter(condition).label(name) for name, condition in counts.items()))
        .group_by(linked.c.pdu_code, linked.c.identified_date)
        .subquery()
    )
    with engine.connect() as connection:
        rows = frame(connection, _windowed(daily, NEED_COLUMNS, windows))
    return _long(rows, NEED_COLUMNS, windows)


def referral_flows_by_pdu(engine: Engine, filters: Filters, windows: Windows, *,
                          per_day: bool | None = None) -> pd.DataFrame:
    """Flows per referring PDU and window: referrals made, starts, removals without start,
    referrals that ended after starting, and of those the completed ones.

    Returns one row per (pdu_code, window) with ``FLOW_COLUMNS`` (referrals counted by
    referral_date, starts by start_date, the others by end_date), from the referrals open
    at some time in the windows.

    Two plans give the same rows; ``per_day`` chooses one (None: the faster for the
    database, measured at 1,000,000 and 5,000,000 referrals in December 2026):
    - per day (DuckDB): counts per PDU and day for each date column, then summed per
      window (0.4 s at 5,000,000 referrals, against 1.5–1.7 s for the other plan);
    - one FILTER count per window and measure in a single pass (PostgreSQL: 0.4 s at
      1,000,000 and 2.1–2.9 s at 5,000,000, against 0.9–1.0 s and 3.1–3.8 s per day).
    """
    rows = scoped_referrals(filters, period=False).where(touches_period(*_span(windows))).subquery()
    by_date = {
        "referral_date": {"referral_count": true()},
        "start_date": {"start_count": true()},
        "end_date": {"removed_count": rows.c.start_date.is_(None),
                     "ended_after_start_count": rows.c.start_date.is_not(None),
                     "completed_count": rows.c.outcome == "completed"},
    }
    if per_day is None:
        per_day = engine.dialect.name == "duckdb"
    if per_day:
        daily = union_all(*(
            select(rows.c.pdu_code, rows.c[date].label("day"), *(
                (func.count().filter(counts[name]) if name in counts else literal(0)).label(name)
                for name in FLOW_COLUMNS))
            .where(rows.c[date].is_not(None))
            .group_by(rows.c.pdu_code, rows.c[date])
            for date, counts in by_date.items()
        )).subquery()
        with engine.connect() as connection:
            return _long(frame(connection, _windowed(daily, FLOW_COLUMNS, windows)), FLOW_COLUMNS, windows)
    columns = [column for date, counts in by_date.items() for column in _per_window(counts, rows.c[date], windows)]
    statement = select(rows.c.pdu_code, *columns).group_by(rows.c.pdu_code)
    with engine.connect() as connection:
        wide = frame(connection, statement)
    return _long_from_wide(wide, FLOW_COLUMNS, windows)


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
