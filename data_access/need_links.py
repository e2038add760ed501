"""How a need record is linked to the referrals that address it, within a fixed follow-up window.

Used by the Sufficiency gaps and PDU comparisons queries, so that "referred",
"started" and "completed" for a need mean the same on both pages. A referral
addresses its own need_code or, where that is empty, every need of its
intervention.

A referral counts for a need record of the same person and need when it was
made on or after identified_date − ``ADDRESSING_LOOKBACK_DAYS``. The record is
then *referred* when such a referral was made by identified_date +
``NEED_FOLLOW_UP_DAYS``; *started* when such a referral started by that day; and
*completed* when a referral that started by that day has outcome "completed"
(the completion itself may come later). Every need record thus has the same
182 days to be referred or started, whatever its date.

The rule is applied once per load: ``need_referral_links_from_raw`` gives the
derived table ``need_referral_links`` (one row per need record, intervention and
referring PDU with a linked referral) and ``need_records_linked_from_raw`` the table
``need_records_linked`` (every need record with its person's context and its flags
over all referrals). The pages read records and flags from the second, or flags
from the first narrowed to the interventions and referring PDUs in scope
(``linked_need_records``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    select,
    union_all,
)

from data_access.derived.tables import need_records_linked, need_referral_links
from data_access.schema import PERSON_COLUMNS, intervention_needs, needs, pdus, people, referrals
from vocabulary.definitions import ADDRESSING_LOOKBACK_DAYS, NEED_FOLLOW_UP_DAYS
from vocabulary.scope import Filters

#: The flags ``linked_need_records`` can add (each 1 or 0 per need record).
LINK_FLAGS: tuple[str, ...] = ("referred", "started", "completed")


def need_referral_links_from_raw() -> Select:
    """The rows of ``need_referral_links``, in its column order, computed from the raw tables."""
    carried = (referrals.c.intervention_code, referrals.c.pdu_code, referrals.c.referral_date,
               referrals.c.start_date, referrals.c.outcome)
    # Two parts rather than one outer join with a coalesce, so that PostgreSQL can estimate how many
    # pairs there are (it guessed twice as many, and hashed the ten million need records instead).
    pairs = union_all(
        select(referrals.c.person_id, referrals.c.need_code, *carried).where(referrals.c.need_code.is_not(None)),
        select(referrals.c.person_id, intervention_needs.c.need_code, *carried)
        .select_from(referrals.join(intervention_needs,
                                    intervention_needs.c.intervention_code == referrals.c.intervention_code))
        .where(referrals.c.need_code.is_(None)),
    ).subquery()
    identified = needs.c.identified_date
    deadline = identified + literal(NEED_FOLLOW_UP_DAYS, Integer)
    # A referral made after the deadline can neither be referred nor have started by it.
    window = and_(pairs.c.referral_date >= identified - literal(ADDRESSING_LOOKBACK_DAYS, Integer),
                  pairs.c.referral_date <= deadline)
    started = pairs.c.start_date <= deadline
    # Grouped date first: where the need records have no key yet (a first load on PostgreSQL builds
    # it afterwards), the sort that groups them is then the one the date order needs.
    keys = (identified, needs.c.person_id, needs.c.need_code, pairs.c.intervention_code, pairs.c.pdu_code)
    return (
        select(*keys[1:4], pairs.c.pdu_code.label("referral_pdu_code"), identified,
               literal(1, Integer).label("referred"),
               func.max(case((started, 1), else_=0)).label("started"),
               func.max(case((and_(started, pairs.c.outcome == "completed"), 1), else_=0)).label("completed"))
        .select_from(needs.join(pairs, and_(pairs.c.person_id == needs.c.person_id,
                                            pairs.c.need_code == needs.c.need_code, window)))
        .group_by(*keys)
        .order_by(identified)  # stored in date order: every read narrows by identified_date
    )


def need_records_linked_from_raw(links_table: FromClause = need_referral_links) -> Select:
    """The rows of ``need_records_linked``: every need record with its person's context and flags
    (from ``need_referral_links``, built before it; ``links_table`` names it while a PostgreSQL
    load builds it under another name, ``derived/build.py``)."""
    links = links_table.c
    per_record = (
        select(links.person_id, links.need_code, *(func.max(links[flag]).label(flag) for flag in LINK_FLAGS))
        .group_by(links.person_id, links.need_code)
        .subquery()
    )
    # Flags first, context after. DuckDB materialises the flagged records: left to itself it builds
    # its hash table on the ten million records with their context rather than on the four million
    # flags (over 3 GB at 5,000,000 referrals, beyond the loader's memory); PostgreSQL inlines it.
    flagged = (
        select(needs.c.person_id, needs.c.need_code, needs.c.identified_date, needs.c.sufficiency,
               *(func.coalesce(per_record.c[flag], 0).label(flag) for flag in LINK_FLAGS))
        .select_from(needs.outerjoin(per_record, and_(per_record.c.person_id == needs.c.person_id,
                                                      per_record.c.need_code == needs.c.need_code)))
        .cte("flagged_records")
        .prefix_with("MATERIALIZED", dialect="duckdb")
    )
    return (
        select(flagged.c.person_id, flagged.c.need_code, flagged.c.identified_date, flagged.c.sufficiency,
               people.c.pdu_code, pdus.c.region_code, *(people.c[name] for name in PERSON_COLUMNS),
               *(flagged.c[flag] for flag in LINK_FLAGS))
        .select_from(flagged.join(people, people.c.person_id == flagged.c.person_id)
                     .join(pdus, pdus.c.pdu_code == people.c.pdu_code))
        # Stored in date order: a period's records are then contiguous (DuckDB's zone maps skip
        # the rest, PostgreSQL reads few pages), where in needs order they were spread over all.
        .order_by(flagged.c.identified_date)
    )


def referral_dates_that_can_count(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The referral dates that can count for need records identified from ``first`` to ``last``
    (the look-back before the first, the follow-up after the last): the pairs need no others."""
    return (first - dt.timedelta(days=ADDRESSING_LOOKBACK_DAYS), last + dt.timedelta(days=NEED_FOLLOW_UP_DAYS))


def need_records_in_scope(filters: Filters, first: dt.date, last: dt.date) -> Select:
    """Need records identified from ``first`` to ``last`` under the need, area (the person's PDU)
    and person filters, from ``need_records_linked``: one row per need record of a person in scope,
    with the person's context and the flags over every referral already on them."""
    records = need_records_linked.c
    conditions = [records.identified_date.between(first, last)]
    for column, values in (("need_code", filters.needs), ("pdu_code", filters.pdus),
                           ("region_code", filters.regions), *filters.person_filters.items()):
        if values:
            conditions.append(records[column].in_(values))
    return select(need_records_linked).where(*conditions)


def linked_need_records(filters: Filters, first: dt.date, last: dt.date, *, carried: Sequence[str],
                        link_conditions: Sequence[ColumnElement[bool]] = (),
                        flags: Sequence[str] = LINK_FLAGS) -> Subquery:
    """One row per need record in scope identified from ``first`` to ``last``: its ``carried``
    columns and a 0/1 column per flag, counting only linked referrals that meet ``link_conditions``
    (on ``need_referral_links``; none: every referral, whose flags the records already carry).
    """
    unknown = set(flags) - set(LINK_FLAGS)
    if unknown:
        raise ValueError(f"Unknown link flags {sorted(unknown)}: use {LINK_FLAGS}")
    keys = list(dict.fromkeys(("person_id", "need_code", *carried)))
    records = need_records_in_scope(filters, first, last).subquery()
    if not link_conditions:
        return select(*(records.c[key] for key in keys), *(records.c[flag] for flag in flags)).subquery()
    links = need_referral_links.c
    per_record = (
        select(links.person_id, links.need_code, *(func.max(links[flag]).label(flag) for flag in flags))
        .where(links.identified_date.between(first, last), *link_conditions)
        .group_by(links.person_id, links.need_code)
        .subquery()
    )
    joined = records.outerjoin(per_record, and_(per_record.c.person_id == records.c.person_id,
                                                per_record.c.need_code == records.c.need_code))
    return (
        select(*(records.c[key] for key in keys),
               *(func.coalesce(per_record.c[flag], 0).label(flag) for flag in flags))
        .select_from(joined)
        .subquery()
    )
