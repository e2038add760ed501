"""Sufficiency gaps: for each need and subgroup, who got an intervention for it, with honest uncertainty."""

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.pdu_map.sufficiency import sufficiency_map
from components.presentation import is_presenting
from components.sufficiency.page import SufficiencyView, dimension_setting, measure_and_benchmark
from components.sufficiency.sections import (
    by_need_section,
    gap_finder_section,
    headline,
    rug_section,
    subgroup_section,
)
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
    by_need_section(view)
    slide_sentence(slot, filters, "sufficiency")
    subgroup_section(view)
    sufficiency_map(view)
    rug_section(view)
    gap_finder_section(view)

definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
