"""Sufficiency gaps: for each need and subgroup, who got an intervention for it, with honest uncertainty."""

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.comparison_key import comparison_key
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.pdu_map.sufficiency import sufficiency_map
from components.presentation import is_presenting
from components.quality.link import quality_caveat
from components.sufficiency.matrix import matrix_section
from components.sufficiency.over_time import over_time_section
from components.sufficiency.page import SufficiencyView, dimension_setting, measure_and_benchmark
from components.sufficiency.sections import (
    by_need_section,
    gap_finder_section,
    headline,
    subgroup_section,
)
from metrics.sufficiency.benchmark import BENCHMARK_PHRASES
from metrics.sufficiency.headline import DEFINITION_HEADINGS

filters = sidebar_filters()
slot = page_header(
    "Sufficiency gaps",
    filters,
    lead="For each need identified in the period: was the person referred to an intervention for it, did "
    "they start and complete it, and was the work judged sufficient? Gaps are flagged only where the "
    "difference from the benchmark is bigger than chance would explain.",
)

measure_key, benchmark = measure_and_benchmark()
view = SufficiencyView(filters, measure_key, benchmark, dimension_setting(), presenting=is_presenting())
if headline(view):
    comparison_key(BENCHMARK_PHRASES[benchmark], families=("neutral",))
    by_need_section(view)
    over_time_section(view)
    slide_sentence(slot, filters, "sufficiency")
    subgroup_section(view)
    sufficiency_map(view)
    matrix_section(view)
    gap_finder_section(view)

quality_caveat("unjudged")
definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
