"""Data quality: how complete and plausible the records behind every figure are, by PDU."""

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.filters import sidebar_filters
from components.quality.sections import by_pdu_section, impact_section, summary_section
from components.quality.view import quality_view
from metrics.quality.measures import MEASURES, NO_PROVISION

filters = sidebar_filters()
page_header(
    "Data quality",
    filters,
    lead="Every figure depends on what was recorded. A PDU that rarely records a sufficiency judgement or "
    "ethnicity, or keys the same referral twice, looks better or worse for reasons that are not about "
    "services. Each measure is the share of records with the problem, compared with England and Wales.",
)
view = quality_view(filters)
summary_section(view)
impact_section(view)
by_pdu_section(view)
definitions_expander([*(measure.name for measure in MEASURES), NO_PROVISION, "Data quality by PDU", "Data date", DISCLOSURE_CONTROL])
