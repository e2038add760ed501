"""Sufficiency gaps: for each need and subgroup, who got an intervention for it, with honest uncertainty."""

from components.blocks import (
    DISCLOSURE_CONTROL,
    caveat_note,
    definitions_expander,
    disclosure_note,
    kpi_row,
    page_header,
    scope_labels,
)
from components.filters import sidebar_filters
from components.sufficiency.page import (
    dimension_setting,
    follow_up_caveat,
    measure_and_benchmark,
    nothing_in_scope,
    sufficiency_data,
)
from components.sufficiency.sections import by_need_section, gap_finder_section, rug_section, subgroup_section
from metrics.sufficiency.headline import DEFINITION_HEADINGS, sufficiency_kpis

filters = sidebar_filters()
page_header(
    "Sufficiency gaps",
    filters,
    lead="For each need identified in the period: was the person referred to an intervention for it, did "
    "they start and complete it, and was the work judged sufficient? Gaps are flagged only where the "
    "difference from the benchmark is bigger than chance would explain.",
)

measure_key, benchmark = measure_and_benchmark()
data = sufficiency_data(filters, measure_key, benchmark, dimension_setting())
kpi_row(sufficiency_kpis(data.area))
caveat_note(
    "A referral addresses a need when its need code is that need, or, with no need code, when its intervention "
    "addresses it; it counts if made no more than 90 days before the need was identified. The "
    "intervention and category filters narrow which referrals count; they do not remove need records."
)
disclosure_note()
caveat_note(follow_up_caveat(filters))

if not nothing_in_scope(data):
    names = scope_labels()
    by_need_section(data, names)
    subgroup_section(data, names)
    rug_section(data, names)
    gap_finder_section(data, names)

definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
