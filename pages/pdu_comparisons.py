"""PDU comparisons: every PDU against its region or England and Wales, the way Fingertips compares areas."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.comparison.headline import headline
from components.comparison.sections import (
    compare_section,
    funnel_section,
    matrix_section,
    notes,
    profile_section,
)
from components.comparison.trend import trend_section
from components.comparison.view import ComparisonView, comparison_choices, comparison_settings
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.pdu_map.comparison import comparison_map
from components.presentation import is_presenting
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
item, benchmark, pdu_code = comparison_settings(choices)
view = ComparisonView(filters, item.key, benchmark, pdu_code, presenting=presenting)
headline(view)
notes(view)

compare_section(view)
comparison_map(view)
slide_sentence(slot, filters, "comparison")
funnel_section(view)
profile_section(view)
matrix_section(view)
trend_section(view)

definitions_expander([*(indicator.name for indicator in choices.items), *PAGE_DEFINITIONS, DISCLOSURE_CONTROL])
