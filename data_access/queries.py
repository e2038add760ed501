"""Queries shared by every page: the data date, filter choices, the overview figures,
and the dataset summary. Aggregation happens in the database; only small frames return."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    case,
    cast,
    func,
    inspect,
    literal_column,
    or_,
    select,
    true,
    union,
)

from data_access.derived.tables import DERIVED_TABLES, need_records_linked
from data_access.engine import DatabaseMissingError
from data_access.need_links import need_records_in_scope
from data_access.result_frames import frame
from data_access.schema import (
    DATA_TABLES,
    dataset_loads,
    interventions,
    pdus,
    referrals,
)
from data_access.scope import scoped_referrals, waiting_at
from vocabulary.scope import Filters


def data_as_of(engine: Engine) -> dt.date | None:
    """The latest referral, start or end date in the whole dataset (None when empty)."""
    statement = select(
        func.max(referrals.c.referral_date),
        func.max(referrals.c.start_date),
        func.max(referrals.c.end_date),
    )
    with engine.connect() as connection:
        dates = connection.execute(statement).one()
    present = [value for value in dates if value is not None]
    return max(present) if present else None


def filter_options(engine: Engine) -> dict[str, pd.DataFrame]:
    """Choices for the sidebar: regions, PDUs (with region) and interventions (with category)."""
    with engine.connect() as connection:
        pdu_rows = frame(connection, select(pdus).order_by(pdus.c.region_name, pdus.c.pdu_name))
        intervention_rows = frame(
            connection,
            select(
                interventions.c.intervention_code,
                interventions.c.intervention_name,
                interventions.c.category,
            ).order_by(interventions.c.intervention_name),
        )
    regions = pdu_rows[["region_code", "region_name"]].drop_duplicates().sort_values("region_name")
    return {
        "regions": regions.reset_index(drop=True),
        "pdus": pdu_rows,
        "interventions": intervention_rows,
    }


def overview_counts(engine: Engine, filters: Filters) -> dict[str, int]:
    """Headline counts for the Overview page, in one round trip.

    Keys: people_count, referral_count, start_count, completion_count,
    waiting_count (accredited programmes, at the period's end), judged_count,
    sufficient_count.
    """
    start, end = filters.period_start, filters.period_end
    scoped = scoped_referrals(filters).subquery()
    need_rows = need_records_in_scope(filters, start, end).subquery()
    referral_counts = select(
        func.count().filter(scoped.c.referral_date.between(start, end)).label("referral_count"),
        func.count().filter(scoped.c.start_date.between(start, end)).label("start_count"),
        func.count()
        .filter(scoped.c.outcome == "completed", scoped.c.end_date.between(start, end))
        .label("completion_count"),
        func.count()
        .filter(scoped.c.category == "accredited_programme", waiting_at(scoped.c, end))
        .label("waiting_count"),
    ).subquery()
    need_counts = select(
        func.count(need_rows.c.sufficiency).label("judged_count"),
        func.count().filter(need_rows.c.sufficiency == "sufficient").label("sufficient_count"),
    ).subquery()
    # UNION (hash de-duplication) rather than COUNT(DISTINCT), which PostgreSQL always sorts; each
    # side grouped by person first, so PostgreSQL hashes a million ids instead of sorting four
    # million on disk (5.2-6.2 s -> 2.0 s at 5,000,000 referrals).
    persons = union(
        select(scoped.c.person_id).where(scoped.c.referral_date.between(start, end)).group_by(scoped.c.person_id),
        select(need_rows.c.person_id).group_by(need_rows.c.person_id),
    ).subquery()
    people_count = select(func.count().label("people_count")).select_from(persons).subquery()
    # Three one-row aggregates side by side: an explicit cross join, not an accident.
    statement = select(people_count, referral_counts, need_counts).select_from(
        people_count.join(referral_counts, true()).join(need_counts, true())
    )
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    return {key: int(value or 0) for key, value in row._mapping.items()}


def month_start(column: object) -> object:
    """First day of the column's month, as a DATE on both backends.

    The unit is a literal, not a bound parameter: otherwise the SELECT and GROUP BY
    expressions carry different parameters and DuckDB refuses to match them.
    """
    return cast(func.date_trunc(literal_column("'month'"), column), Date)


def monthly_referrals_and_starts(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Referrals (by referral month) and starts (by start month) per month in the period.

    Columns: month (date, first of month), referral_count, start_count.
    """
    start, end = filters.period_start, filters.period_end
    scoped = scoped_referrals(filters).subquery()
    referred, started = scoped.c.referral_date.between(start, end), scoped.c.start_date.between(start, end)
    # One pass over the referrals for both counts (two took twice the reading, 0.5 s more at 5,000,000
    # referrals on PostgreSQL): each referral's referral day and start day, each empty when outside the
    # period, counted per day of each (GROUPING SETS: a row per referral day, with no start day, and a
    # row per start day, with no referral day); the days are put in their months here (truncating each
    # referral's dates to months in the query cost PostgreSQL more than the grouping).
    days = select(case((referred, scoped.c.referral_date)).label("referral_day"),
                  case((started, scoped.c.start_date)).label("start_day")).where(or_(referred, started)).subquery()
    per_day = select(days.c.referral_day, days.c.start_day, func.count().label("count")).group_by(
        func.grouping_sets(days.c.referral_day, days.c.start_day))
    with engine.connect() as connection:
        counted = frame(connection, per_day)
    referrals_in: Counter[dt.date] = Counter()
    starts_in: Counter[dt.date] = Counter()
    for referral_day, start_day, count in counted.itertuples(index=False, name=None):
        if not pd.isna(referral_day):
            referrals_in[referral_day.replace(day=1)] += int(count)
        if not pd.isna(start_day):
            starts_in[start_day.replace(day=1)] += int(count)
    months = pd.DataFrame({"month": pd.date_range(start.replace(day=1), end, freq="MS").date})
    return months.assign(referral_count=[referrals_in[month] for month in months["month"]],
                         start_count=[starts_in[month] for month in months["month"]]).astype(
        {"referral_count": "int64", "start_count": "int64"}
    )


def dataset_summary(engine: Engine) -> dict[str, object]:
    """Rows per table, the date range of referrals and needs, and the latest load."""
    with engine.connect() as connection:
        counts = {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar() or 0
            for table in DATA_TABLES
        }
        referral_range = connection.execute(
            select(func.min(referrals.c.referral_date), func.max(referrals.c.referral_date))
        ).one()
        # From the derived copy of every need record, whose date index answers it (``needs`` has none).
        need_range = connection.execute(
            select(func.min(need_records_linked.c.identified_date), func.max(need_records_linked.c.identified_date))
        ).one()
        latest_load = connection.execute(
            select(dataset_loads.c.loaded_at, dataset_loads.c.source, dataset_loads.c.mode)
            .order_by(dataset_loads.c.load_id.desc())
            .limit(1)
        ).first()
    return {
        "row_counts": counts,
        "referral_dates": tuple(referral_range),
        "identified_dates": tuple(need_range),
        "latest_load": dict(latest_load._mapping) if latest_load else None,
    }


def dataset_info(engine: Engine) -> dict[str, object]:
    """What every page states: the data dates, whether the data are synthetic, the last load.

    Raises ``DatabaseMissingError`` when the database was loaded before its derived tables
    existed, naming the command that builds them, rather than failing later in a page's query.
    """
    missing = sorted(table.name for table in DERIVED_TABLES if not inspect(engine).has_table(table.name))
    if missing:
        raise DatabaseMissingError(
            f"This database was loaded before its summary tables ({', '.join(missing)}) existed. "
            "Build them with `python -m data_access.derived.build` while the app is stopped "
            "(`make run` does it for the sample database), or load the data again."
        )
    with engine.connect() as connection:
        latest = connection.execute(
            select(dataset_loads.c.loaded_at, dataset_loads.c.synthetic)
            .order_by(dataset_loads.c.load_id.desc())
            .limit(1)
        ).first()
        data_from = connection.execute(select(func.min(referrals.c.referral_date))).scalar()
    return {
        "data_as_of": data_as_of(engine),
        "data_from": data_from,
        "synthetic": bool(latest.synthetic) if latest else False,
        "loaded_at": latest.loaded_at if latest else None,
    }
