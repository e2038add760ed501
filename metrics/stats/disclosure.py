"""Disclosure control, in one place: applied to every figure, table, chart and download.

The policy (thresholds are the named constants in ``vocabulary.definitions``; the
reasons are in docs/definitions.md, "Disclosure control"):

- **Counts** of people or their records (referrals, need records, starts, people
  waiting …) are shown as: 0 → 0; 1–4 → "<5"; 5 or more → rounded to the nearest
  multiple of 5 (12 → 10, 13 → 15). Every shown count is therefore 0 or a multiple
  of 5, so no sum or difference of shown counts can give a value from 1 to 4: a
  total minus its parts, consecutive month-end lists against the month's flows,
  or a total minus those started cannot recover a suppressed count.
- **Percentages** of a count over a count (and their confidence limits) are hidden
  when the denominator is under 10, when the numerator is 1–4, or when the
  denominator minus the numerator is 1–4: otherwise the percentage times the
  denominator (or its complement) would give the hidden count back.

Capacity (places), numbers of interventions or PDUs, waits in weeks and rates per
100 (guarded in ``metrics.comparison.pdu_comparison``) are not counts of people and are not rounded.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, ROUND_COUNTS_TO, SUPPRESS_COUNT_BELOW

SUPPRESSED_COUNT = f"<{SUPPRESS_COUNT_BELOW}"
SUPPRESSED_PERCENT = "suppressed"
#: A count of 5 or more hidden because, with the figures beside it, it would pin a "<5" (secondary suppression).
HIDDEN_COUNT = "hidden"


def is_suppressed_count(count: float | None) -> bool:
    """Whether a count must be hidden (1 to SUPPRESS_COUNT_BELOW - 1)."""
    return count is not None and not _missing(count) and 0 < count < SUPPRESS_COUNT_BELOW


def shown_count(count: float | None) -> float | None:
    """The value of a count a user may see (people): 0, a multiple of 5, or None (suppressed or missing)."""
    if count is None or _missing(count) or is_suppressed_count(count):
        return None
    return float(math.floor(count / ROUND_COUNTS_TO + 0.5) * ROUND_COUNTS_TO)


def shown_counts(counts: pd.Series) -> pd.Series:
    """``shown_count`` of each value, as float64 with NaN where suppressed or missing (for charts)."""
    values = pd.to_numeric(counts, errors="coerce").astype("float64")
    rounded = np.floor(values / ROUND_COUNTS_TO + 0.5) * ROUND_COUNTS_TO
    return rounded.where(~((values > 0) & (values < SUPPRESS_COUNT_BELOW)))


def is_suppressed_percent(denominator: float | None, numerator: float | None = None) -> bool:
    """Whether a percentage numerator/denominator must be hidden.

    Hidden when the denominator is under ``MIN_DENOMINATOR_FOR_PERCENT``, or when the
    numerator or the complement (denominator − numerator) is a suppressed count.
    """
    if denominator is None or _missing(denominator) or denominator < MIN_DENOMINATOR_FOR_PERCENT:
        return True
    if numerator is None or _missing(numerator):
        return False
    return is_suppressed_count(numerator) or is_suppressed_count(denominator - numerator)


def implied_numerator(value_pct: float | None, denominator: float | None) -> float | None:
    """The count a percentage of ``denominator`` stands for (value × denominator ÷ 100, to a whole count)."""
    if value_pct is None or denominator is None or _missing(value_pct) or _missing(denominator):
        return None
    return float(round(value_pct * denominator / 100))


def percent_value_hidden(value_pct: float | None, denominator: float | None) -> bool:
    """Whether the percentage rule hides ``value_pct`` of ``denominator`` (numerator implied by the value)."""
    return is_suppressed_percent(denominator, implied_numerator(value_pct, denominator))


def format_count(count: float | None) -> str:
    """A count for display: 0, "<5", or rounded to the nearest 5 with thousands separators; "–" when missing."""
    if count is None or _missing(count):
        return "–"
    shown = shown_count(count)
    return SUPPRESSED_COUNT if shown is None else f"{int(shown):,}"


def format_percent(
    value_pct: float | None,
    denominator: float | None,
    *,
    numerator: float | None = None,
    decimals: int = 1,
) -> str:
    """A percentage for display, or "suppressed" under the percentage rule.

    ``numerator`` defaults to the count ``value_pct`` implies; pass it explicitly
    when ``value_pct`` is a confidence limit rather than the estimate itself.
    """
    count = implied_numerator(value_pct, denominator) if numerator is None else numerator
    if is_suppressed_percent(denominator, count):
        return SUPPRESSED_PERCENT
    if value_pct is None or _missing(value_pct):
        return "–"
    return f"{value_pct:.{decimals}f}%"


def percent_hidden(values_pct: pd.Series, denominators: pd.Series) -> pd.Series:
    """Boolean mask: which percentages (of the matching denominators) the percentage rule hides."""
    return pd.Series(
        [percent_value_hidden(value, den) for value, den in zip(values_pct, denominators)],
        index=values_pct.index, dtype=bool,
    )


def scaled_from_shown(values: pd.Series, counts: pd.Series, *, count_is: str = "numerator") -> pd.Series:
    """A measure that is a count scaled by an exact, non-person figure (referrals per month, starts per
    place, places per 100 people), recomputed from the count as shown so it cannot give the exact count back.

    ``count_is``: "numerator" when the measure grows with the count, "denominator" when it shrinks.
    NaN where the count is suppressed (1–4); a zero count keeps its value.
    """
    exact = pd.to_numeric(counts, errors="coerce").astype("float64")
    shown = shown_counts(exact)
    measure = pd.to_numeric(values, errors="coerce").astype("float64")
    factor = shown / exact if count_is == "numerator" else exact / shown
    return measure.where(exact == 0, measure * factor).where(shown.notna())


def shown_range(count: float) -> tuple[float, float]:
    """The true counts a reader knows a count lies in, from how it is shown: 0 → 0–0, "<5" → 1–4,
    a shown 5 → 5–7 (3 and 4 read "<5"), any other shown multiple of 5 → ±2."""
    shown = shown_count(count)
    if shown is None:
        return 1.0, float(SUPPRESS_COUNT_BELOW - 1)
    if shown == 0:
        return 0.0, 0.0
    reach = ROUND_COUNTS_TO // 2
    return max(shown - reach, float(SUPPRESS_COUNT_BELOW)), shown + reach


def relation_pins_a_suppressed_count(terms: list[tuple[int, float]]) -> bool:
    """Whether a relation Σ sign × count = 0 between counts, read as shown, pins a suppressed one.

    Rounding leaves one gap: a shown 5 means 5–7, so a total shown as 5 with parts 5, "<5"
    and "<5" forces both "<5" to be 1. For each suppressed count in ``terms`` (sign, exact
    count), the other terms' shown ranges bound it; a bound that leaves a single value from
    1 to 4 is a disclosure, and the caller must hide one more figure of the relation.
    """
    ranges = [(sign, *shown_range(count)) for sign, count in terms]
    for index, (sign, count) in enumerate(terms):
        if not is_suppressed_count(count):
            continue
        others = [term for position, term in enumerate(ranges) if position != index]
        # sign × x = −Σ (other sign × other count): bound the right-hand side term by term.
        low = -sum(other * (top if other > 0 else bottom) for other, bottom, top in others)
        high = -sum(other * (bottom if other > 0 else top) for other, bottom, top in others)
        low, high = (low, high) if sign > 0 else (-high, -low)
        if len([value for value in range(1, SUPPRESS_COUNT_BELOW) if low <= value <= high]) == 1:
            return True
    return False


def total_pins_a_part(total: float, parts: list[float]) -> bool:
    """Whether a shown total and its shown parts (total = Σ parts) pin a suppressed part."""
    return relation_pins_a_suppressed_count([(1, total), *((-1, part) for part in parts)])


def suppress_table(
    table: pd.DataFrame,
    *,
    count_columns: tuple[str, ...] = (),
    percent_columns: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Apply disclosure control to a table for display or download.

    Args:
        table: one row per reported group.
        count_columns: columns of people or record counts; 1–4 become "<5", the
            rest are rounded to the nearest 5.
        percent_columns: value column -> its denominator column; values hidden by
            the percentage rule (and their interval columns, named
            ``<value>_lower*``/``<value>_upper*`` or ``<value> …``) become empty.

    Returns:
        A copy; suppressed counts are the string "<5" (object column), shown counts
        whole numbers, suppressed percentages missing values.
    """
    safe = table.copy()
    for column, denominator in (percent_columns or {}).items():
        hidden = percent_hidden(safe[column].astype("float64"), safe[denominator].astype("float64"))
        related = [name for name in safe.columns if name == column or name.startswith(f"{column}_")]
        for name in related:
            safe[name] = safe[name].astype("float64").where(~hidden)
    for column in count_columns:
        safe[column] = [
            SUPPRESSED_COUNT if is_suppressed_count(value) else _whole(shown_count(value), value)
            for value in safe[column]
        ]
        safe[column] = safe[column].astype("object")
    return safe


def _whole(shown: float | None, original: object) -> object:
    return original if shown is None else int(shown)


def _missing(value: float) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False
