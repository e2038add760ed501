"""The follow-up window of the need-record measures: which need records have had all of it.

A need record counts as referred (started) only when an addressing referral was
made (started) within ``NEED_FOLLOW_UP_DAYS`` days of the need being identified
(see ``data_access.need_links``). A record has had full follow-up when
identified_date + ``NEED_FOLLOW_UP_DAYS`` days is on or before the data date; a
period has had it when its last day has. Periods without it read low only
because there has not yet been time, so the recent-trend test leaves them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from vocabulary.definitions import NEED_FOLLOW_UP_DAYS

#: The follow-up in weeks, for text (182 days = 26 weeks).
FOLLOW_UP_WEEKS = NEED_FOLLOW_UP_DAYS // 7


def last_fully_followed_date(data_as_of: dt.date) -> dt.date:
    """The latest identified date with full follow-up by ``data_as_of``: that date minus the window, in days."""
    return data_as_of - dt.timedelta(days=NEED_FOLLOW_UP_DAYS)


def has_full_follow_up(last_days: Iterable[dt.date], data_as_of: dt.date | None) -> np.ndarray:
    """For each period's last day, whether every need record in it has had the full follow-up.

    With no data date (an empty dataset) nothing has.
    """
    days = list(last_days)
    if data_as_of is None:
        return np.zeros(len(days), dtype=bool)
    cutoff = last_fully_followed_date(data_as_of)
    return np.array([day <= cutoff for day in days], dtype=bool)


def follow_up_note(period_end: dt.date, data_as_of: dt.date | None) -> str:
    """The caveat on the follow-up window for a period ending ``period_end``, in words."""
    window = (f"A need record counts as referred or started only when the referral was made, or started, within "
              f"{NEED_FOLLOW_UP_DAYS} days ({FOLLOW_UP_WEEKS} weeks) of the need being identified, so every "
              "need record has the same time whatever its date.")
    if data_as_of is None or bool(has_full_follow_up([period_end], data_as_of)[0]):
        return window
    cutoff = last_fully_followed_date(data_as_of)
    return (f"{window} Need records identified after {cutoff:%-d %B %Y} have not yet had all {NEED_FOLLOW_UP_DAYS} "
            f"days by the data date ({data_as_of:%-d %B %Y}): some of their referrals and starts are still to "
            "come, so the period's share of them is lower than it will be. Areas compared in the same period "
            "have had the same time.")
