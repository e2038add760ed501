"""How a need record is linked to the referrals that address it, within a fixed follow-up window.

Used by the Sufficiency gaps and PDU comparisons queries, so that "referred",
"started" and "completed" for a need mean the same on both pages. Each page
supplies the addressing pairs (one row per referral and need it addresses:
person_id, need_code, referral_date, start_date, outcome) under its filters.

A pair counts for a need record of the same person and need when its referral
was made on or after identified_date − ``ADDRESSING_LOOKBACK_DAYS``. The record
is then *referred* when such a referral was made by identified_date +
``NEED_FOLLOW_UP_DAYS``; *started* when such a referral started by that day; and
*completed* when a referral that started by that day has outcome "completed"
(the completion itself may come later). Every need record thus has the same
182 days to be referred or started, whatever its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Integer, Subquery, and_, case, func, literal, select

from vocabulary.definitions import ADDRESSING_LOOKBACK_DAYS, NEED_FOLLOW_UP_DAYS

#: The flags ``linked_need_records`` can add (each 1 or 0 per need record).
LINK_FLAGS: tuple[str, ...] = ("referred", "started", "completed")


def referral_dates_that_can_count(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The referral dates that can count for need records identified from ``first`` to ``last``
    (the look-back before the first, the follow-up after the last): the pairs need no others."""
    return (first - dt.timedelta(days=ADDRESSING_LOOKBACK_DAYS), last + dt.timedelta(days=NEED_FOLLOW_UP_DAYS))


def linked_need_records(records: Subquery, pairs: Subquery, carried: Sequence[str],
                        flags: Sequence[str] = LINK_FLAGS) -> Subquery:
    """One row per need record in ``records``: its ``carried`` columns and a 0/1 column per flag.

    Args:
        records: need records with person_id, need_code, identified_date and ``carried``
            (one row per person and need: the needs table's key).
        pairs: addressing pairs (person_id, need_code, referral_date, start_date, outcome).
        carried: columns of ``records`` to keep (the caller's grouping columns).
        flags: which of ``LINK_FLAGS`` to compute.
    """
    unknown = set(flags) - set(LINK_FLAGS)
    if unknown:
        raise ValueError(f"Unknown link flags {sorted(unknown)}: use {LINK_FLAGS}")
    identified = records.c.identified_date
    deadline = identified + literal(NEED_FOLLOW_UP_DAYS, Integer)
    started = pairs.c.start_date <= deadline
    conditions = {
        "referred": pairs.c.referral_date <= deadline,
        "started": started,
        "completed": and_(started, pairs.c.outcome == "completed"),
    }
    keys = list(dict.fromkeys(("person_id", "need_code", *carried)))
    joined = records.outerjoin(pairs, and_(
        pairs.c.person_id == records.c.person_id,
        pairs.c.need_code == records.c.need_code,
        pairs.c.referral_date >= identified - literal(ADDRESSING_LOOKBACK_DAYS, Integer),
    ))
    return (
        select(*(records.c[key] for key in keys),
               *(func.max(case((conditions[flag], 1), else_=0)).label(flag) for flag in flags))
        .select_from(joined)
        .group_by(*(records.c[key] for key in keys))
        .subquery()
    )
