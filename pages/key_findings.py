"""Key findings: the handful of things that stand out for the filters in force, gated and ranked."""

from components.blocks import definitions_expander, page_header
from components.filters import sidebar_filters
from components.findings.period import since_setting
from components.findings.sections import FINDINGS_DEFINITIONS, finding_slides, findings_list
from components.presentation import is_presenting
from components.quality.link import quality_caveat

filters = sidebar_filters()
slot = page_header(
    "Key findings",
    filters,
    lead="What stands out for the filters in the sidebar, most important first: a difference is called a "
    "difference only where the page it comes from finds it significant (outside the 99.8% interval). "
    "Each finding links to the page and filters that show it.",
)
since = since_setting(filters)
if slot is not None and is_presenting():
    finding_slides(slot, filters, since)
else:
    findings_list(filters, since)

quality_caveat("unjudged")
definitions_expander(FINDINGS_DEFINITIONS)
