"""The Sufficiency gaps page's one query: need records linked to the referrals that address them.

Need records in scope and their link flags (referred, started and completed
within the follow-up window: ``data_access.need_links``) are read from the derived
tables every load builds; with an intervention or category filter the flags come
from the links of those interventions only. Only counts per PDU, region, need and subgroup value return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, case, func, select

from data_access.derived.tables import need_referral_links
from data_access.need_links import linked_need_records
from data_access.result_frames import frame
from data_access.schema import interventions, pdus
from data_access.scope import intervention_conditions
from vocabulary.definitions import SUBGROUP_DIMENSIONS
from vocabulary.definitions import SUFFICIENCY_COUNT_COLUMNS as COUNT_COLUMNS  # the counts it returns
from vocabulary.scope import Filters

GROUP_COLUMNS: tuple[str, ...] = ("pdu_code", "region_code", "need_code", "subgroup")


def _link_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Which linked referrals count: only the intervention and category filters narrow them
    (the person is matched through the need record; any referring PDU counts)."""
    if not (filters.categories or filters.interventions):
        return []
    chosen = select(interventions.c.intervention_code).where(intervention_conditions(filters))
    return [need_referral_links.c.intervention_code.in_(chosen)]


def sufficiency_counts_statement(filters: Filters, dimension: str) -> Select:
    """The aggregate behind the page (see ``sufficiency_counts``)."""
    if dimension not in SUBGROUP_DIMENSIONS:
        raise ValueError(f"Unknown subgroup dimension {dimension!r}: use one of {sorted(SUBGROUP_DIMENSIONS)}")
    linked = linked_need_records(filters, filters.period_start, filters.period_end,
                                 carried=("pdu_code", "region_code", "need_code", dimension, "sufficiency"),
                                 link_conditions=_link_conditions(filters))
    group_keys = (linked.c.pdu_code, linked.c.region_code, linked.c.need_code, linked.c[dimension])
    return select(*group_keys[:3], group_keys[3].label("subgroup"), *_count_columns(linked)).group_by(*group_keys)


def _count_columns(linked: object) -> list[object]:
    """The six counts of ``sufficiency_counts`` over need records from ``linked_need_records``."""
    return [
        func.count().label("need_count"),
        func.sum(linked.c.referred).label("referred_count"),
        func.sum(linked.c.started).label("started_count"),
        func.sum(linked.c.completed).label("completed_count"),
        func.count(linked.c.sufficiency).label("judged_count"),
        func.sum(case((linked.c.sufficiency == "sufficient", 1), else_=0)).label("sufficient_count"),
    ]


def window_counts_statement(filters: Filters, windows: tuple[tuple[dt.date, dt.date], ...]) -> Select:
    """The aggregate behind ``window_counts``.

    Grouped by window and PDU only, the region read from pdus for the few hundred (window, PDU) rows:
    need_records_linked takes its region from pdus by the person's PDU, so a PDU has one. With the region
    as a third key PostgreSQL guessed a million groups (it cannot tell how few a window's CASE gives) and,
    at 5,000,000 referrals, sorted every need record of the windows on disk instead of hashing them:
    11-17 s against 5-7 s for eight quarters on a busy machine.
    """
    first, last = windows[0][0], windows[-1][1]
    linked = linked_need_records(filters, first, last, carried=("pdu_code", "identified_date", "sufficiency"),
                                 link_conditions=_link_conditions(filters))
    window = case(*((linked.c.identified_date.between(start, end), index)
                    for index, (start, end) in enumerate(windows))).label("window")
    counted = (select(window, linked.c.pdu_code, *_count_columns(linked)).where(window.is_not(None))
               .group_by(window, linked.c.pdu_code).subquery())
    return (select(counted.c.window, counted.c.pdu_code, pdus.c.region_code,
                   *(counted.c[name] for name in COUNT_COLUMNS))
            .select_from(counted.join(pdus, pdus.c.pdu_code == counted.c.pdu_code)))


def window_counts(engine: Engine, filters: Filters, windows: tuple[tuple[dt.date, dt.date], ...]) -> pd.DataFrame:
    """``sufficiency_counts`` for several periods at once, added up by PDU: one row per window (its
    position in ``windows``), pdu_code and region_code with integer ``COUNT_COLUMNS``.

    Each window's rows add up, PDU by PDU, to what ``sufficiency_counts`` returns with that window as
    the period (its rows summed over need and subgroup): the same need records, read once for every
    window instead of once each, and a row per PDU instead of one per PDU, need and subgroup value
    (about 110 instead of 6,000 a quarter nationally). The filters' period is not used; ``windows``
    are (first, last) days, in order and not overlapping.
    """
    if not windows:
        raise ValueError("window_counts needs at least one window")
    with engine.connect() as connection:
        counts = frame(connection, window_counts_statement(filters, windows))
    if counts.empty:
        return pd.DataFrame({"window": pd.Series(dtype="int64"), "pdu_code": pd.Series(dtype="object"),
                             "region_code": pd.Series(dtype="object")}).assign(
            **{column: pd.Series(dtype="int64") for column in COUNT_COLUMNS})
    return counts.astype({"window": "int64", **{column: "int64" for column in COUNT_COLUMNS}})


def sufficiency_counts(engine: Engine, filters: Filters, dimension: str) -> pd.DataFrame:
    """Need records and how many were referred, started and completed within the follow-up window
    (``data_access.need_links``), judged and judged sufficient.

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
