"""The Sufficiency gaps page's headline figures and its least-met need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import format_count, format_percent, is_suppressed_percent
from metrics.sufficiency.gaps import people_gap_count
from metrics.sufficiency.measures import MEASURES, measure_table
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, code_label

#: Headline labels, exactly as in the issue and in docs/definitions.md.
NEEDS_IDENTIFIED: Final = "Needs identified"
JUDGED_SUFFICIENT: Final = MEASURES["sufficient"].label
REFERRED: Final = MEASURES["referred"].label
STARTED: Final = MEASURES["started"].label
LEAST_MET_NEED: Final = "Least-met need against all needs"
#: Headline names for the two long need labels (the definition and the tables give them in full).
SHORT_NEED_NAMES: Final[dict[str, str]] = {"ete": "ETE", "lifestyle": "Lifestyle"}
#: Every docs/definitions.md heading the page shows under "Definitions used on this page".
DEFINITION_HEADINGS: Final[tuple[str, ...]] = (
    NEEDS_IDENTIFIED, JUDGED_SUFFICIENT, REFERRED, STARTED, MEASURES["completed"].label, LEAST_MET_NEED,
    "Need record", "Addressing referral", "Follow-up window", "Sufficiency benchmark", "Comparison with the benchmark",
    "PDU × need matrix", "Gap finder", "People the gap represents", "Sufficiency over time", "Recent trend", "Disclosure control",
)


@dataclass(frozen=True)
class LeastMetNeed:
    """The least-met need against all needs selected (see docs/definitions.md, "Least-met need")."""

    need_code: str
    value_pct: float
    numerator_count: int
    denominator_count: int
    all_needs_pct: float
    all_needs_numerator_count: int
    all_needs_denominator_count: int

    @property
    def shortfall_pct_points(self) -> float:
        """All needs' judged-sufficient share minus the need's, in percentage points (negative: above)."""
        return self.all_needs_pct - self.value_pct

    @property
    def people_count(self) -> int:
        """How many more of the need's judged records would be sufficient at the all-needs rate (people)."""
        return int(people_gap_count(self.numerator_count, self.denominator_count, self.all_needs_pct))


def least_met_need(counts: pd.DataFrame) -> LeastMetNeed | None:
    """The need with the lowest judged-sufficient share, with the share for all needs together.

    Only needs with at least ``MIN_DENOMINATOR_FOR_PERCENT`` judged records take
    part; ties go to the first need code alphabetically. None when fewer than two
    needs qualify (a need is then compared with little but itself).
    """
    by_need = measure_table(counts, MEASURES["sufficient"], ["need_code"])
    eligible = by_need[by_need["denominator_count"] >= MIN_DENOMINATOR_FOR_PERCENT]
    if len(eligible) < 2:
        return None
    worst = eligible.sort_values(["value_pct", "need_code"], kind="stable").iloc[0]
    overall = measure_table(counts, MEASURES["sufficient"], []).iloc[0]
    return LeastMetNeed(str(worst["need_code"]), float(worst["value_pct"]), int(worst["numerator_count"]),
                        int(worst["denominator_count"]), float(overall["value_pct"]),
                        int(overall["numerator_count"]), int(overall["denominator_count"]))


def _shortfall_shown(need: LeastMetNeed) -> bool:
    """Whether both shares may be shown (the percentage rule), so their difference may be too."""
    return not (is_suppressed_percent(need.denominator_count, need.numerator_count)
                or is_suppressed_percent(need.all_needs_denominator_count, need.all_needs_numerator_count))


def least_met_kpi(counts: pd.DataFrame) -> Kpi:
    """"Least-met need" as a headline figure (the meeting pack): the need as the value, its shortfall
    in points and people beneath it, with disclosure control."""
    need = least_met_need(counts)
    if need is None:
        return Kpi(LEAST_MET_NEED, "–", delta="Fewer than two needs have 10 judged records", delta_color="off",
                   delta_arrow="off")
    name = SHORT_NEED_NAMES.get(need.need_code, code_label(need.need_code))
    if not _shortfall_shown(need):
        note = "Shortfall suppressed (small numbers)"
    elif need.shortfall_pct_points <= 0:
        note = "Not below all needs"
    else:
        note = (f"{need.shortfall_pct_points:.1f} points below all needs "
                f"({format_count(need.people_count)} people)")
    return Kpi(LEAST_MET_NEED, name, delta=note, delta_color="off", delta_arrow="off")


def least_met_sentence(counts: pd.DataFrame) -> str:
    """"Least-met need" in one sentence (Markdown) for the page, beside its definition, with disclosure control.

    Example: "**Accommodation**: 33.3% judged sufficient against 50.0% for all needs selected,
    16.7 percentage points lower: 5 more people would have been judged sufficient at the all-needs rate."
    """
    need = least_met_need(counts)
    if need is None:
        return "No need is singled out: fewer than two needs have 10 judged records."
    name = code_label(need.need_code)
    if not _shortfall_shown(need):
        return f"**{name}**: its share and shortfall are suppressed (small numbers)."
    if need.shortfall_pct_points <= 0:  # small needs left out of the ranking can pull all needs lower
        return (f"**{name}**: {need.value_pct:.1f}% judged sufficient, not below {need.all_needs_pct:.1f}% for all "
                "needs selected.")
    return (f"**{name}**: {need.value_pct:.1f}% judged sufficient against {need.all_needs_pct:.1f}% for all needs "
            f"selected, **{need.shortfall_pct_points:.1f} percentage points lower**: "
            f"**{format_count(need.people_count)}** more people would have been judged sufficient at the "
            "all-needs rate.")


def _share(counts: pd.DataFrame, key: str) -> str:
    overall = measure_table(counts, MEASURES[key], []).iloc[0]
    return format_percent(overall["value_pct"], overall["denominator_count"])


def sufficiency_kpis(counts: pd.DataFrame) -> list[Kpi]:
    """Needs identified, Judged sufficient, Referred for the need, Started for the need (the least-met
    need has a line of its own: ``least_met_sentence``).

    ``counts`` is the counts frame for the view's area (any grouping); values
    are formatted with disclosure control.
    """
    return [
        Kpi(NEEDS_IDENTIFIED, format_count(counts["need_count"].sum())),
        Kpi(JUDGED_SUFFICIENT, _share(counts, "sufficient")),
        Kpi(REFERRED, _share(counts, "referred")),
        Kpi(STARTED, _share(counts, "started")),
    ]
