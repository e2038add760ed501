"""Disclosure control, in one place: applied to every figure, table, chart and download.

Rules (thresholds are the named constants in ``metrics.definitions``):
- a count of 1 to 4 people is shown as "<5" (zero is shown: it discloses nothing);
- no percentage is shown when its denominator is under 10.
"""

from __future__ import annotations

import math

import pandas as pd

from metrics.definitions import MIN_DENOMINATOR_FOR_PERCENT, SUPPRESS_COUNT_BELOW

SUPPRESSED_COUNT = f"<{SUPPRESS_COUNT_BELOW}"
SUPPRESSED_PERCENT = "suppressed"


def is_suppressed_count(count: float | None) -> bool:
    """Whether a count must be hidden (1 to SUPPRESS_COUNT_BELOW - 1)."""
    return count is not None and not _missing(count) and 0 < count < SUPPRESS_COUNT_BELOW


def is_suppressed_percent(denominator: float | None) -> bool:
    """Whether a percentage on ``denominator`` must be hidden."""
    return denominator is None or _missing(denominator) or denominator < MIN_DENOMINATOR_FOR_PERCENT


def format_count(count: float | None) -> str:
    """A count for display: thousands separators, "<5" for small counts, "–" when missing."""
    if count is None or _missing(count):
        return "–"
    if is_suppressed_count(count):
        return SUPPRESSED_COUNT
    return f"{int(round(count)):,}"


def format_percent(value_pct: float | None, denominator: float | None, *, decimals: int = 1) -> str:
    """A percentage for display, or "suppressed" when its denominator is too small."""
    if is_suppressed_percent(denominator):
        return SUPPRESSED_PERCENT
    if value_pct is None or _missing(value_pct):
        return "–"
    return f"{value_pct:.{decimals}f}%"


def suppress_table(
    table: pd.DataFrame,
    *,
    count_columns: tuple[str, ...] = (),
    percent_columns: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Apply disclosure control to a table for display or download.

    Args:
        table: one row per reported group.
        count_columns: columns of people or referral counts; 1–4 become "<5".
        percent_columns: value column -> its denominator column; values on a
            denominator under the minimum (and their interval columns, named
            ``<value>_lower*``/``<value>_upper*``) become empty.

    Returns:
        A copy; suppressed counts are the string "<5" (object column),
        suppressed percentages are missing values.
    """
    safe = table.copy()
    for column, denominator in (percent_columns or {}).items():
        hidden = safe[denominator].apply(is_suppressed_percent)
        related = [name for name in safe.columns if name == column or name.startswith(f"{column}_")]
        for name in related:
            safe[name] = safe[name].astype("float64").where(~hidden)
    for column in count_columns:
        original = safe[column]
        safe[column] = original.astype("object").where(
            ~original.apply(is_suppressed_count), SUPPRESSED_COUNT
        )
    return safe


def _missing(value: float) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False
