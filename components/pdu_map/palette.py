"""Colours of the map categories that are not comparison labels (those come from ``COMPARISON_COLOURS``).

Quintiles use a single-hue blue scale (the Analysis Function's advice for ordered
categories), lightest lowest; interventions per PDU the same scale, a gap in the
theme's "Significantly worse" red with a cross written on it.
"""

from __future__ import annotations

from typing import Final

from charts.theme import COMPARISON_COLOURS
from metrics.stats.quintiles import NO_VALUE, QUINTILE_LABELS

BLUES: Final = ("#DCE9F5", "#A7C7E7", "#6BACE6", "#2073BC", "#12436D")
QUINTILE_COLOURS: Final[dict[str, str]] = {**dict(zip(QUINTILE_LABELS, BLUES, strict=True)),
                                           NO_VALUE: COMPARISON_COLOURS["Not compared"]}
GAP: Final = "No intervention (gap)"
GAP_MARK: Final = "✕"
#: (label, smallest count in the band), fewest first.
COUNT_BANDS: Final[tuple[tuple[str, int], ...]] = (
    (GAP, 0), ("1 intervention", 1), ("2–3 interventions", 2), ("4–6 interventions", 4), ("7 or more", 7),
)
COUNT_COLOURS: Final[dict[str, str]] = {GAP: COMPARISON_COLOURS["Significantly worse"],
                                        **dict(zip([label for label, _ in COUNT_BANDS[1:]], BLUES[1:], strict=True))}


def count_band(count: int) -> str:
    """The band of a count of interventions (``COUNT_BANDS``)."""
    return next(label for label, lowest in reversed(COUNT_BANDS) if count >= lowest)
