"""Words and numbers shared by the finding rules; every number goes through disclosure control."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from metrics.stats.disclosure import SUPPRESSED_COUNT, SUPPRESSED_PERCENT, format_count, format_percent

#: Comparison labels the findings call a difference: the benchmark outside the 99.8% interval.
SIGNIFICANT_PREFIX: Final = "Significantly "
#: Names listed in a sentence before "and N more".
NAMED_AT_MOST: Final = 3


def is_significant(label: object) -> bool:
    """Whether a comparison label calls the difference significant (outside the 99.8% interval)."""
    return isinstance(label, str) and label.startswith(SIGNIFICANT_PREFIX)


def direction(label: object) -> int:
    """+1 for a significantly higher or better value, −1 for lower or worse, 0 when not significant."""
    if not is_significant(label):
        return 0
    return 1 if str(label).removeprefix(SIGNIFICANT_PREFIX) in ("higher", "better") else -1


def hidden(text: str) -> bool:
    """Whether a formatted figure is hidden by disclosure control (or missing)."""
    return text in (SUPPRESSED_PERCENT, SUPPRESSED_COUNT, "–")


def share_text(row: Mapping[str, object], *, value: str = "value_pct", numerator: str = "numerator_count",
               denominator: str = "denominator_count") -> tuple[str, str] | None:
    """A share and its 95% interval as shown, e.g. ("31.2%", "95% CI 29.0–33.5%"); None when hidden.

    The limits are hidden with the value (the percentage rule decides on the estimate's counts).
    """
    count, total = row[numerator], row[denominator]
    shown = format_percent(row[value], total, numerator=count)  # type: ignore[arg-type]
    if hidden(shown):
        return None
    low = format_percent(row[f"{value}_lower95"], total, numerator=count)  # type: ignore[arg-type]
    high = format_percent(row[f"{value}_upper95"], total, numerator=count)  # type: ignore[arg-type]
    return shown, f"95% CI {low.removesuffix('%')}–{high}"


def count_text(count: float) -> str:
    """A count of people as shown: rounded to the nearest 5, "fewer than 5" for 1–4."""
    shown = format_count(count)
    return "fewer than 5" if shown == SUPPRESSED_COUNT else shown


def listed(names: Sequence[str], *, at_most: int = NAMED_AT_MOST) -> str:
    """Names joined for a sentence: "A", "A and B", "A, B and C", "A, B, C and 2 more"."""
    named = list(names[:at_most])
    rest = len(names) - len(named)
    if rest:
        return f"{', '.join(named)} and {rest} more"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def lower_first(text: str) -> str:
    """``text`` with its first letter lower-cased, for use mid-sentence ("Accommodation" stays as it is
    only at the start of a sentence)."""
    return text[:1].lower() + text[1:]
