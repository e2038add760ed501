"""PDU comparisons: every PDU against its region or England and Wales, the way Fingertips compares areas."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.comparison.compare import compare_section
from components.comparison.headline import headline
from components.comparison.sections import (
    funnel_section,
    matrix_section,
    notes,
    profile_section,
)
from components.comparison.trend import trend_section
from components.comparison.view import ComparisonView, comparison_choices, comparison_settings, key_families
from components.comparison_key import comparison_key
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.pdu_map.comparison import comparison_map
from components.presentation import is_presenting
from components.quality.link import quality_caveat
from metrics.comparison.indicators import PAGE_DEFINITIONS

filters = sidebar_filters()
slot = page_header(
    "PDU comparisons",
    filters,
    lead="How each Probation Delivery Unit compares with its region or with England and Wales on the same "
    "filtered data. Small PDUs swing by chance, so a PDU is called better or worse only when its confidence "
    "interval excludes the benchmark.",
)

presenting = is_presenting()
if not presenting:
    st.subheader("1. Choose what to compare")
choices = comparison_choices(filters)
item, benchmark, pdu_code, unit = comparison_settings(choices, filters)
view = ComparisonView(filters, item.key, benchmark, pdu_code, presenting=presenting, unit=unit)
headline(view)
notes(view)
key = st.container()  # the one key: above the bars, or under them on a slide so the chart fits the screen
compare_section(view)
with key if not presenting else st.container():
    comparison_key(view.benchmark_name, families=key_families(choices, item if presenting else None))
if view.regions:
    st.caption("The map shows PDUs: choose PDUs under Compare to see it.")
else:
    comparison_map(view)
slide_sentence(slot, filters, "comparison")
funnel_section(view)
profile_section(view)
matrix_section(view)
trend_section(view)

quality_caveat("caseload")
definitions_expander([*(indicator.name for indicator in choices.items), *PAGE_DEFINITIONS, DISCLOSURE_CONTROL])
