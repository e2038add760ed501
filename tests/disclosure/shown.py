"""What one figure on screen tells a reader about the true value behind it.

A ``Shown`` holds the interval of true values consistent with what is displayed,
under the policy in ``policy.py``: "<5" is 1–4; a count that is a multiple of 5
may have been rounded (±2, a 5 is 5–7); a count that is not a multiple of 5
cannot have been rounded, so it is exact; a percentage is known to its printed
decimals, or to the full precision of a number in a chart's data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from tests.disclosure.policy import ROUND_TO, ROUNDING_REACH, SMALL_HIGH, SMALL_LOW, SUPPRESSED_TEXTS

COUNT: Final = "count"
PERCENT: Final = "percent"
OTHER: Final = "other"
_NUMBER = re.compile(r"^[−-]?\d[\d,]*(\.\d+)?$")
_ABOUT = re.compile(r"^about (\d[\d,]*)$")
#: Full-precision floats (chart data) are taken as exact to this relative tolerance.
_FLOAT_TOLERANCE: Final = 1e-9


@dataclass(frozen=True)
class Shown:
    """One displayed figure: its kind, its text, and the true values it allows (``low``..``high``)."""

    kind: str
    text: str
    low: float
    high: float
    suppressed: bool = False
    #: The figure is a plain number as drawn or printed (not "<5", not "about N").
    plain: bool = True

    @property
    def is_zero(self) -> bool:
        return self.low == 0 and self.high == 0


def suppressed_count(text: str = "<5") -> Shown:
    return Shown(COUNT, text, SMALL_LOW, SMALL_HIGH, suppressed=True, plain=False)


def count_interval(value: float) -> tuple[float, float]:
    """The true counts a displayed whole number ``value`` allows."""
    if value == 0 or value % ROUND_TO:
        return value, value
    if value == ROUND_TO:
        return value, value + ROUNDING_REACH
    return value - ROUNDING_REACH, value + ROUNDING_REACH


def decimals_of(value: float) -> int | None:
    """The fewest decimals (up to 6) that print ``value`` exactly; None for a full-precision float."""
    for places in range(7):
        if abs(value - round(value, places)) < 1e-9 * max(1.0, abs(value)):
            return places
    return None


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("*", "").replace("−", "-")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", ""))


def read_count(raw: object) -> Shown | None:
    """A count as displayed ("<5", "1,235", 12.0, "about 120"); None when nothing is shown or it is not a count."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    text = str(raw).strip()
    if text.lower() in SUPPRESSED_TEXTS:
        return suppressed_count(text)
    about = _ABOUT.match(text)
    if about:  # rounded to the nearest 10 by the app: allow a generous ±5
        value = float(about.group(1).replace(",", ""))
        return Shown(COUNT, text, max(0.0, value - 5), value + 5, plain=False)
    value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else _number(text)
    if value is None or value != int(value) or value < 0:
        return None  # a placeholder such as 2.5 behind "<5", or not a whole count
    low, high = count_interval(float(value))
    return Shown(COUNT, text, low, high)


def read_percent(raw: object) -> Shown | None:
    """A percentage as displayed ("36.4%", 36.4, a chart's 36.3636…); None when hidden."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    text = str(raw).strip()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
        places = decimals_of(value)
    else:
        value = _number(text.removesuffix("%"))
        if value is None:
            return None
        digits = text.removesuffix("%").split(".")
        places = len(digits[1]) if len(digits) == 2 else 0
    half = _FLOAT_TOLERANCE * max(1.0, abs(value)) if places is None else 0.5 * 10 ** -places
    return Shown(PERCENT, text, value - half, value + half)


def read_other(raw: object) -> Shown | None:
    """A figure that is not a count of people (places, weeks, rates): kept, never attacked."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else _number(str(raw))
    if value is None:
        return None
    return Shown(OTHER, str(raw), float(value), float(value))


def read(kind: str, raw: object) -> Shown | None:
    """Read ``raw`` as a figure of ``kind``; a "<5" is a suppressed count whatever the column says."""
    if raw is not None and str(raw).strip().lower() in SUPPRESSED_TEXTS:
        return suppressed_count(str(raw).strip())
    return {COUNT: read_count, PERCENT: read_percent}.get(kind, read_other)(raw)


def small_integers(low: float, high: float) -> list[int]:
    """The whole numbers 1–4 within ``low``..``high`` (allowing for floating-point noise)."""
    first = max(SMALL_LOW, math.ceil(low - 1e-9))
    last = min(SMALL_HIGH, math.floor(high + 1e-9))
    return list(range(first, last + 1))
