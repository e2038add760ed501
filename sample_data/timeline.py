"""The time frame of a sample dataset and day-number helpers.

Dates are handled as whole days since 1970-01-01 in int64 arrays while
generating (fast and exact), with NO_DATE marking an empty date. The dataset
covers three years of activity up to ``as_of``; people whose supervision began
in the year before that window are included too, so that the window opens with
a realistic backlog of people already waiting rather than an empty list.
Referrals that had ended before the window opened are left out, as an extract of
the last three years would leave them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

import numpy as np

NO_DATE: Final[int] = -1
HISTORY_YEARS: Final[int] = 3
WARM_UP_YEARS: Final[int] = 1
_EPOCH: Final[dt.date] = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Whole days from 1970-01-01 to ``day``."""
    return (day - _EPOCH).days


def _years_before(day: dt.date, years: int) -> dt.date:
    """The first of the month ``years`` years before the month after ``day``."""
    year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
    return dt.date(year - years, month, 1)


@dataclass(frozen=True)
class Window:
    """Day numbers bounding a dataset: warm-up start <= history start <= as of."""

    as_of: int
    history_start: int
    warm_up_start: int

    @classmethod
    def ending(cls, as_of: dt.date) -> Window:
        """The window of HISTORY_YEARS whole months ending with the month of ``as_of``."""
        return cls(
            as_of=day_number(as_of),
            history_start=day_number(_years_before(as_of, HISTORY_YEARS)),
            warm_up_start=day_number(_years_before(as_of, HISTORY_YEARS + WARM_UP_YEARS)),
        )

    def months(self) -> np.ndarray:
        """First days (datetime64[D]) of the calendar months from history start to as of."""
        first = np.datetime64(self.history_start, "D").astype("datetime64[M]")
        last = np.datetime64(self.as_of, "D").astype("datetime64[M]")
        return np.arange(first, last + 1).astype("datetime64[D]")


def to_datetime64(days: np.ndarray) -> np.ndarray:
    """Day numbers to datetime64[D], NO_DATE becoming NaT."""
    dates = days.astype("datetime64[D]")
    dates[days == NO_DATE] = np.datetime64("NaT")
    return dates


def month_strings(months: np.ndarray) -> np.ndarray:
    """datetime64 month starts as contract ``YYYY-MM`` strings."""
    return np.datetime_as_string(months.astype("datetime64[M]"), unit="M")
