"""Waiting times: who is still waiting at a snapshot date, for how long, where, and whether the list will clear."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header, scope_labels
from components.filters import sidebar_filters
from components.waiting.page import WAITING_DEFINITIONS, waiting_data, waiting_settings
from components.waiting.sections import (
    at_risk_section,
    breakdown_section,
    completed_section,
    headline,
    shape_section,
    trend_section,
)
from components.waiting.start_sections import planner_section, time_to_start_section

filters = sidebar_filters()
page_header(
    "Waiting times",
    filters,
    lead="Everyone still waiting at the snapshot date, measured like NHS referral-to-treatment statistics: "
    "how long they have waited, where, and whether the list will clear. Not only the waits of those who "
    "already started, which would hide everyone still waiting.",
)

settings = waiting_settings(filters)
waiting = waiting_data(filters, settings)
headline(waiting)

names = scope_labels()
shape_section(waiting)
trend_section(waiting.scope)
breakdown_section(waiting, names)
time_to_start_section(waiting, names)
at_risk_section(waiting, names)
planner_section(waiting)
completed_section(waiting.scope, names)

st.divider()
definitions_expander([*WAITING_DEFINITIONS, DISCLOSURE_CONTROL])
