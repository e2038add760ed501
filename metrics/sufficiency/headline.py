"""The Sufficiency gaps page's five headline figures."""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import format_count, format_percent
from metrics.sufficiency.measures import MEASURES, measure_table
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, code_label

#: Headline labels, exactly as in the issue and in docs/definitions.md.
NEEDS_IDENTIFIED: Final = "Needs identified"
JUDGED_SUFFICIENT: Final = MEASURES["sufficient"].label
REFERRED: Final = MEASURES["referred"].label
STARTED: Final = MEASURES["started"].label
LARGEST_GAP: Final = "Largest gap"
#: Every docs/definitions.md heading the page shows under "Definitions used on this page".
DEFINITION_HEADINGS: Final[tuple[str, ...]] = (
    NEEDS_IDENTIFIED, JUDGED_SUFFICIENT, REFERRED, STARTED, MEASURES["completed"].label, LARGEST_GAP,
    "Need record", "Addressing referral", "Follow-up window", "Sufficiency benchmark", "Comparison with the benchmark",
    "Gap finder", "People the gap represents", "Disclosure control",
)


def largest_gap(counts: pd.DataFrame) -> tuple[str, float] | None:
    """The need with the lowest judged-sufficient share, and that share in percent.

    Only needs with at least ``MIN_DENOMINATOR_FOR_PERCENT`` judged records take
    part (a smaller share is not shown, so it cannot head the list); ties go to
    the first need code alphabetically. None when no need qualifies.
    """
    by_need = measure_table(counts, MEASURES["sufficient"], ["need_code"])
    eligible = by_need[by_need["denominator_count"] >= MIN_DENOMINATOR_FOR_PERCENT]
    if eligible.empty:
        return None
    worst = eligible.sort_values(["value_pct", "need_code"], kind="stable").iloc[0]
    return str(worst["need_code"]), float(worst["value_pct"])


def _share(counts: pd.DataFrame, key: str) -> str:
    overall = measure_table(counts, MEASURES[key], []).iloc[0]
    return format_percent(overall["value_pct"], overall["denominator_count"])


def sufficiency_kpis(counts: pd.DataFrame) -> list[Kpi]:
    """Needs identified, Judged sufficient, Referred for the need, Started for the need, Largest gap.

    ``counts`` is the counts frame for the view's area (any grouping); values
    are formatted with disclosure control. "Largest gap" shows the share as its
    value and the need's name beneath it.
    """
    gap = largest_gap(counts)
    gap_kpi = (
        Kpi(LARGEST_GAP, f"{gap[1]:.1f}%", delta=code_label(gap[0]), delta_color="off", delta_arrow="off")
        if gap else Kpi(LARGEST_GAP, "–", delta="No need has 10 judged records", delta_color="off",
                        delta_arrow="off")
    )
    return [
        Kpi(NEEDS_IDENTIFIED, format_count(counts["need_count"].sum())),
        Kpi(JUDGED_SUFFICIENT, _share(counts, "sufficient")),
        Kpi(REFERRED, _share(counts, "referred")),
        Kpi(STARTED, _share(counts, "started")),
        gap_kpi,
    ]
