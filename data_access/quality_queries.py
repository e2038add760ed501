"""The Data quality page's counts: how complete and plausible the loaded records are, per PDU.

Every PDU is returned whatever the area filters say, so that a PDU can be compared with
England and Wales on the same filtered data (the page narrows the rows to the area in
scope afterwards, as PDU comparisons does). The other filters apply as on the pages whose
figures each count qualifies: referrals through ``scope.scoped_referrals``, need records
through ``need_links.need_records_in_scope``. The rules, with their units, are in
docs/definitions.md under each measure's heading; the constants in ``vocabulary.definitions``.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from functools import reduce

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Integer,
    Select,
    and_,
    cast,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
)

from data_access.derived.tables import referral_facts
from data_access.need_links import need_records_in_scope
from data_access.result_frames import frame
from data_access.schema import caseload, dataset_loads, intervention_needs, interventions, pdus, provision
from data_access.scope import intervention_conditions, scoped_referrals
from vocabulary.definitions import DUPLICATE_WINDOW_DAYS, QUALITY_COUNT_COLUMNS, STALE_OPEN_DAYS
from vocabulary.scope import Filters

#: The earliest and latest dates a record can carry (need records are read whatever their date).
_ALL_DATES = (dt.date(1900, 1, 1), dt.date(9999, 12, 31))


def reference_date(connection: Connection) -> dt.date:
    """The data date that no record may pass: the day the latest dataset was loaded (today if none is recorded)."""
    loaded = connection.execute(select(func.max(dataset_loads.c.loaded_at))).scalar()
    return loaded.date() if loaded is not None else dt.date.today()


def _month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _second_keyings(filters: Filters) -> Select:
    """The referrals made in the period that are second keyings: the same person and intervention referred
    up to ``DUPLICATE_WINDOW_DAYS`` days before (or the same day under a smaller id), by any referral in
    scope or not, so of n copies n - 1 are counted.

    The rule is a filter of its own (a semi-join the database runs once, hashing the referrals by person
    and intervention), not an EXISTS inside the count's FILTER, which PostgreSQL ran as a subquery per
    referral: over a minute at 1,000,000 referrals.
    """
    later, earlier = referral_facts.alias("later"), referral_facts.alias("earlier")
    copied = exists().where(
        earlier.c.person_id == later.c.person_id,
        earlier.c.intervention_code == later.c.intervention_code,
        earlier.c.referral_id != later.c.referral_id,
        earlier.c.referral_date <= later.c.referral_date,
        earlier.c.referral_date >= later.c.referral_date - literal(DUPLICATE_WINDOW_DAYS, Integer),
        or_(earlier.c.referral_date < later.c.referral_date, earlier.c.referral_id < later.c.referral_id),
    )
    # The earlier copy is at most the window's days older than a referral of the period: saying so lets the
    # database hash only those referrals instead of every one.
    copied = copied.where(earlier.c.referral_date >= filters.period_start - dt.timedelta(days=DUPLICATE_WINDOW_DAYS))
    return select(later.c.referral_id).where(later.c.referral_date.between(filters.period_start, filters.period_end),
                                             copied)


def _second_keyings_by_order(filters: Filters) -> Select:
    """The same referrals as ``_second_keyings``, found by order instead of by search (the DuckDB plan).

    Order each person's referrals to each intervention by date, then id: a referral is a second keying
    exactly when the one just before it is at most ``DUPLICATE_WINDOW_DAYS`` days older, since that one
    is the newest of all the earlier ones. One window over the referrals from the window's days before
    the period; DuckDB ran the search as a join of every referral with every other of the same person
    and intervention (1.3 s against 0.6 s at 5,000,000 referrals). PostgreSQL's plan for the search is
    the faster there (0.44 s against 0.53 s at 1,000,000), so it keeps it.
    """
    ordered = (
        select(
            referral_facts.c.referral_id,
            referral_facts.c.referral_date,
            func.lag(referral_facts.c.referral_date).over(
                partition_by=(referral_facts.c.person_id, referral_facts.c.intervention_code),
                order_by=(referral_facts.c.referral_date, referral_facts.c.referral_id),
            ).label("previous_date"),
        )
        .where(referral_facts.c.referral_date.between(
            filters.period_start - dt.timedelta(days=DUPLICATE_WINDOW_DAYS), filters.period_end))
        .subquery()
    )
    return select(ordered.c.referral_id).where(
        ordered.c.referral_date >= filters.period_start,
        ordered.c.previous_date >= ordered.c.referral_date - literal(DUPLICATE_WINDOW_DAYS, Integer),
    )


def _referred_counts_in_one_pass(filters: Filters) -> Select:
    """Referrals made in the period: people (and those of unknown ethnicity), need codes, duplicates: one
    aggregate with a COUNT(DISTINCT), the second keyings found by order (the DuckDB plan, see
    ``_referred_counts``)."""
    scoped = scoped_referrals(filters).subquery()
    # A second keying: the same person and intervention referred up to the window's days before
    # (or the same day under a smaller id), so of n copies n - 1 are counted.
    duplicate = scoped.c.referral_id.in_(_second_keyings_by_order(filters))
    via_intervention = exists().where(intervention_needs.c.intervention_code == scoped.c.intervention_code)
    no_code = scoped.c.need_code.is_(None)
    return (
        select(
            scoped.c.pdu_code,
            func.count(distinct(scoped.c.person_id)).label("people_count"),
            func.count(distinct(scoped.c.person_id)).filter(scoped.c.ethnicity_group == "unknown")
            .label("ethnicity_unknown_count"),
            func.count().label("referral_count"),
            func.count().filter(no_code).label("no_need_code_count"),
            func.count().filter(and_(no_code, via_intervention)).label("via_intervention_count"),
            func.count().filter(duplicate).label("duplicate_count"),
        )
        .where(scoped.c.referral_date.between(filters.period_start, filters.period_end))
        .group_by(scoped.c.pdu_code)
    )


def _referred_counts_per_person(filters: Filters) -> Select:
    """The same counts as ``_referred_counts_in_one_pass`` (the PostgreSQL plan, see ``_referred_counts``):
    the second keyings as a filter of their own (``_second_keyings``), and counted per PDU and person
    first, then per PDU, so the people are rows, not a COUNT(DISTINCT), which PostgreSQL sorts for
    (ethnicity is the person's, so each person has one value).
    """
    scoped = scoped_referrals(filters).subquery()
    via_intervention = exists().where(intervention_needs.c.intervention_code == scoped.c.intervention_code)
    no_code = scoped.c.need_code.is_(None)
    per_person = (
        select(
            scoped.c.pdu_code,
            scoped.c.ethnicity_group,
            func.count().label("referral_count"),
            func.count().filter(no_code).label("no_need_code_count"),
            func.count().filter(and_(no_code, via_intervention)).label("via_intervention_count"),
            func.count().filter(scoped.c.referral_id.in_(_second_keyings(filters))).label("duplicate_count"),
        )
        .where(scoped.c.referral_date.between(filters.period_start, filters.period_end))
        .group_by(scoped.c.pdu_code, scoped.c.person_id, scoped.c.ethnicity_group)
        .subquery()
    )
    summed = ("referral_count", "no_need_code_count", "via_intervention_count", "duplicate_count")
    return (
        select(
            per_person.c.pdu_code,
            func.count().label("people_count"),
            func.count().filter(per_person.c.ethnicity_group == "unknown").label("ethnicity_unknown_count"),
            *(cast(func.sum(per_person.c[name]), BigInteger).label(name) for name in summed),
        )
        .group_by(per_person.c.pdu_code)
    )


def _referred_counts(filters: Filters, dialect: str) -> Select:
    """Referrals made in the period per PDU: people (and those of unknown ethnicity), need codes, duplicates.

    Two plans give the same rows; the database's name chooses (measured at 1,000,000 referrals,
    December 2026): DuckDB decorrelates the EXISTS of ``_referred_counts_in_one_pass`` into a join
    (0.5 s against 1.3 s for the other plan, on a busy machine); PostgreSQL ran that EXISTS once per
    referral, over a minute, and runs ``_referred_counts_per_person`` in 2.4 s on the same busy machine.
    """
    if dialect == "duckdb":
        return _referred_counts_in_one_pass(filters)
    return _referred_counts_per_person(filters)


def _open_counts(filters: Filters) -> Select:
    """Referrals with no start and no end recorded, referred by the period's end; the stale ones among them."""
    scoped = scoped_referrals(filters, period=False).subquery()
    end = filters.period_end
    stale_before = end - dt.timedelta(days=STALE_OPEN_DAYS)
    return (
        select(
            scoped.c.pdu_code,
            func.count().label("open_unstarted_count"),
            func.count().filter(scoped.c.referral_date < stale_before).label("stale_count"),
        )
        .where(scoped.c.referral_date <= end, scoped.c.start_date.is_(None), scoped.c.end_date.is_(None))
        .group_by(scoped.c.pdu_code)
    )


def _dated_referrals(filters: Filters, reference: dt.date) -> Select:
    """Referrals in scope whatever their dates, and those with a date after ``reference``."""
    scoped = scoped_referrals(filters, period=False).subquery()
    late = or_(scoped.c.referral_date > reference, scoped.c.start_date > reference, scoped.c.end_date > reference)
    return (
        select(scoped.c.pdu_code, func.count().label("dated_referral_count"),
               func.count().filter(late).label("future_referral_count"))
        .group_by(scoped.c.pdu_code)
    )


def _dated_needs(filters: Filters, reference: dt.date) -> Select:
    """Need records in scope whatever their date, and those identified after ``reference``."""
    records = need_records_in_scope(filters, *_ALL_DATES).subquery()
    return (
        select(records.c.pdu_code, func.count().label("dated_need_count"),
               func.count().filter(records.c.identified_date > reference).label("future_need_count"))
        .group_by(records.c.pdu_code)
    )


def _need_counts(filters: Filters) -> Select:
    """Need records identified in the period, and those without a sufficiency judgement."""
    records = need_records_in_scope(filters, filters.period_start, filters.period_end).subquery()
    return (
        select(records.c.pdu_code, func.count().label("need_count"),
               func.count().filter(records.c.sufficiency.is_(None)).label("unjudged_count"))
        .group_by(records.c.pdu_code)
    )


def _provision_rows(filters: Filters) -> Select:
    """Provision rows (PDU, intervention, month) for the interventions in scope in the period's months."""
    months = provision.c.month.between(_month_of(filters.period_start), filters.period_end)
    return (
        select(provision.c.pdu_code, func.count().label("provision_row_count"))
        .select_from(provision.join(interventions, interventions.c.intervention_code == provision.c.intervention_code))
        .where(months, intervention_conditions(filters))
        .group_by(provision.c.pdu_code)
    )


def _caseload_months(filters: Filters) -> Select:
    """Months of the period with a caseload row."""
    months = caseload.c.month.between(_month_of(filters.period_start), filters.period_end)
    return (
        select(caseload.c.pdu_code, func.count(distinct(caseload.c.month)).label("caseload_month_count"))
        .where(months)
        .group_by(caseload.c.pdu_code)
    )


#: Statements run at once, each on its own connection (the database answers them on separate cores).
STATEMENT_THREADS = 4


def _side_by_side(engine: Engine, statements: tuple[Select, ...]) -> list[pd.DataFrame]:
    """Each statement's rows, in order, the statements run side by side on separate connections: seven
    independent scans, which one connection ran one after another (on PostgreSQL each uses one core)."""
    def rows(statement: Select) -> pd.DataFrame:
        with engine.connect() as connection:
            return frame(connection, statement)

    with ThreadPoolExecutor(max_workers=min(STATEMENT_THREADS, len(statements))) as pool:
        return list(pool.map(rows, statements))


def dated_scope(filters: Filters) -> Filters:
    """The filters the counts whatever the date depend on: area filters lifted and the period fixed (the
    earliest and latest dates a record can carry), so a view of another period or area finds them cached."""
    return filters.with_changes(pdus=(), regions=(), period_start=_ALL_DATES[0], period_end=_ALL_DATES[1])


def dated_counts_by_pdu(engine: Engine, filters: Filters) -> dict[str, object]:
    """Every PDU's records in scope whatever their dates, and those dated after the data date: the counts
    that no period changes (``filters``' period and area filters are not used).

    Returns:
        ``{"parts": [frame, frame], "reference_date": date}``: per pdu_code, dated_referral_count and
        future_referral_count; dated_need_count and future_need_count (PDUs with no such records absent).
    """
    national = dated_scope(filters)
    with engine.connect() as connection:
        reference = reference_date(connection)
    parts = _side_by_side(engine, (_dated_referrals(national, reference), _dated_needs(national, reference)))
    return {"parts": parts, "reference_date": reference}


def period_counts_by_pdu(engine: Engine, filters: Filters) -> dict[str, object]:
    """Every PDU (the units) and its counts for the period of ``filters`` (area filters lifted).

    Returns:
        ``{"units": frame, "parts": [frame, ...]}``: the PDUs (pdu_code, pdu_name, region_code, region_name)
        and, per pdu_code, the referred, open, need, provision and caseload counts, in that order.
    """
    national = filters.with_changes(pdus=(), regions=())
    with engine.connect() as connection:
        units = frame(connection, select(pdus.c.pdu_code, pdus.c.pdu_name, pdus.c.region_code, pdus.c.region_name)
                      .order_by(pdus.c.region_name, pdus.c.pdu_name))
    statements = (
        _referred_counts(national, engine.dialect.name), _open_counts(national), _need_counts(national),
        _provision_rows(national), _caseload_months(national),
    )
    return {"units": units, "parts": _side_by_side(engine, statements)}


def combined_counts(period: dict[str, object], dated: dict[str, object]) -> dict[str, object]:
    """``quality_counts_by_pdu``'s result from ``period_counts_by_pdu``'s and ``dated_counts_by_pdu``'s."""
    referred, unstarted, needs_in_period, provided, caseload_months = period["parts"]
    parts = (referred, unstarted, *dated["parts"], needs_in_period, provided, caseload_months)
    merged = reduce(lambda left, right: left.merge(right, on="pdu_code", how="left"), parts, period["units"])
    for column in QUALITY_COUNT_COLUMNS:
        merged[column] = pd.to_numeric(merged[column], errors="coerce").fillna(0).astype("int64")
    return {"by_pdu": merged.reset_index(drop=True), "reference_date": dated["reference_date"]}


def quality_counts_by_pdu(engine: Engine, filters: Filters) -> dict[str, object]:
    """Every PDU's data-quality counts for ``filters`` (area filters lifted), and the data date used.

    The app loads its two parts apart (``period_counts_by_pdu``, ``dated_counts_by_pdu``), so that a new
    period reads only the first: the counts whatever the date were a full read of every referral and need
    record (over half of the page's database time at 5,000,000 referrals) that no period changes.

    Returns:
        ``{"by_pdu": frame, "reference_date": date}``. The frame has one row per PDU:
        pdu_code, pdu_name, region_code, region_name and the integer columns
        ``QUALITY_COUNT_COLUMNS`` (0 where a PDU has no such rows).
    """
    return combined_counts(period_counts_by_pdu(engine, filters), dated_counts_by_pdu(engine, filters))
