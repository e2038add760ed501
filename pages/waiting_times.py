"""Waiting times: who is still waiting at a snapshot date, for how long, where, and whether the list will clear."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.comparison_key import comparison_key
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.presentation import is_presenting
from components.quality.link import quality_caveat
from components.waiting.page import WAITING_DEFINITIONS, WaitingView, waiting_settings
from components.waiting.planner import planner_section
from components.waiting.sections import (
    at_risk_section,
    breakdown_section,
    completed_section,
    headline,
    shape_section,
    trend_section,
)
from components.waiting.start_sections import time_to_start_section

filters = sidebar_filters()
slot = page_header(
    "Waiting times",
    filters,
    lead="Everyone still waiting at the snapshot date, measured like NHS referral-to-treatment statistics: "
    "how long they have waited, where, and whether the list will clear. Not only the waits of those who "
    "already started, which would hide everyone still waiting.",
)

view = WaitingView(filters, waiting_settings(filters), presenting=is_presenting())
headline(view)

shape_section(view)
slide_sentence(slot, filters, "waiting")
trend_section(view)
breakdown_section(view)
comparison_key("everyone in the area shown")
time_to_start_section(view)
at_risk_section(view)
planner_section(view)
completed_section(view)

st.divider()
quality_caveat("stale")
definitions_expander([*WAITING_DEFINITIONS, DISCLOSURE_CONTROL])
