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
referring PDU with a linked referral), and the pages read their flags from it
(``need_link_flags``), narrowed to the interventions and referring PDUs in scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Integer, Select, Subquery, and_, case, func, literal, select

from data_access.derived.tables import need_record_links, need_referral_links
from data_access.schema import intervention_needs, needs, referrals
from vocabulary.definitions import ADDRESSING_LOOKBACK_DAYS, NEED_FOLLOW_UP_DAYS

#: The flags ``linked_need_records`` can add (each 1 or 0 per need record).
LINK_FLAGS: tuple[str, ...] = ("referred", "started", "completed")


def need_referral_links_from_raw() -> Select:
    """The rows of ``need_referral_links``, in its column order, computed from the raw tables."""
    addressed_need = func.coalesce(referrals.c.need_code, intervention_needs.c.need_code)
    pairs = (
        select(referrals.c.person_id, addressed_need.label("need_code"), referrals.c.intervention_code,
               referrals.c.pdu_code, referrals.c.referral_date, referrals.c.start_date, referrals.c.outcome)
        .select_from(referrals)
        .outerjoin(intervention_needs, and_(intervention_needs.c.intervention_code == referrals.c.intervention_code,
                                            referrals.c.need_code.is_(None)))
        .subquery()
    )
    identified = needs.c.identified_date
    deadline = identified + literal(NEED_FOLLOW_UP_DAYS, Integer)
    # A referral made after the deadline can neither be referred nor have started by it.
    window = and_(pairs.c.referral_date >= identified - literal(ADDRESSING_LOOKBACK_DAYS, Integer),
                  pairs.c.referral_date <= deadline)
    started = pairs.c.start_date <= deadline
    keys = (needs.c.person_id, needs.c.need_code, pairs.c.intervention_code, pairs.c.pdu_code, identified)
    return (
        select(*keys[:3], pairs.c.pdu_code.label("referral_pdu_code"), identified,
               literal(1, Integer).label("referred"),
               func.max(case((started, 1), else_=0)).label("started"),
               func.max(case((and_(started, pairs.c.outcome == "completed"), 1), else_=0)).label("completed"))
        .select_from(needs.join(pairs, and_(pairs.c.person_id == needs.c.person_id,
                                            pairs.c.need_code == needs.c.need_code, window)))
        .group_by(*keys)
    )


def need_record_links_from_links() -> Select:
    """The rows of ``need_record_links``: each linked need record's flags over every intervention and PDU."""
    links = need_referral_links.c
    return (
        select(links.person_id, links.need_code, links.identified_date,
               *(func.max(links[flag]).label(flag) for flag in LINK_FLAGS))
        .group_by(links.person_id, links.need_code, links.identified_date)
    )


def referral_dates_that_can_count(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The referral dates that can count for need records identified from ``first`` to ``last``
    (the look-back before the first, the follow-up after the last): the pairs need no others."""
    return (first - dt.timedelta(days=ADDRESSING_LOOKBACK_DAYS), last + dt.timedelta(days=NEED_FOLLOW_UP_DAYS))


def need_link_flags(first: dt.date, last: dt.date, conditions: Sequence[ColumnElement[bool]] = (),
                    flags: Sequence[str] = LINK_FLAGS) -> Subquery:
    """One row per need record identified from ``first`` to ``last`` with at least one linked
    referral meeting ``conditions`` (on ``need_referral_links``): person_id, need_code and each flag.

    Without conditions the flags are read from ``need_record_links``, already one row per
    record: aggregating 700,000 links per view cost PostgreSQL about 1.5 s at a million referrals.
    """
    if not conditions:
        records = need_record_links.c
        return (select(records.person_id, records.need_code, *(records[flag] for flag in flags))
                .where(records.identified_date.between(first, last)).subquery())
    links = need_referral_links.c
    return (
        select(links.person_id, links.need_code, *(func.max(links[flag]).label(flag) for flag in flags))
        .where(links.identified_date.between(first, last), *conditions)
        .group_by(links.person_id, links.need_code)
        .subquery()
    )


def linked_need_records(records: Subquery, links: Subquery, carried: Sequence[str],
                        flags: Sequence[str] = LINK_FLAGS) -> Subquery:
    """One row per need record in ``records``: its ``carried`` columns and a 0/1 column per flag.

    Args:
        records: need records with person_id, need_code and ``carried``
            (one row per person and need: the needs table's key).
        links: ``need_link_flags`` for the referrals in scope (at most one row per need record).
        carried: columns of ``records`` to keep (the caller's grouping columns).
        flags: which of ``LINK_FLAGS`` to compute.
    """
    unknown = set(flags) - set(LINK_FLAGS)
    if unknown:
        raise ValueError(f"Unknown link flags {sorted(unknown)}: use {LINK_FLAGS}")
    keys = list(dict.fromkeys(("person_id", "need_code", *carried)))
    joined = records.outerjoin(links, and_(links.c.person_id == records.c.person_id,
                                           links.c.need_code == records.c.need_code))
    return (
        select(*(records.c[key] for key in keys),
               *(func.coalesce(links.c[flag], 0).label(flag) for flag in flags))
        .select_from(joined)
        .subquery()
    )
