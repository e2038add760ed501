"""Waiting times: who is still waiting at a snapshot date, for how long, where, and whether the list will clear."""

import streamlit as st

from components.blocks import definitions_expander, page_header, scope_labels
from components.filters import sidebar_filters
from components.waiting import waiting_data, waiting_settings
from components.waiting_sections import (
    at_risk_section,
    breakdown_section,
    completed_section,
    headline,
    shape_section,
    trend_section,
)
from components.waiting_start_sections import planner_section, time_to_start_section
from metrics.waiting_kpis import HEADLINE_LABELS

filters = sidebar_filters()
page_header(
    "Waiting times",
    filters,
    lead="Everyone still waiting at the snapshot date, measured like NHS referral-to-treatment statistics: "
    "how long they have waited, where, and whether the list will clear. Not only the waits of those who "
    "already started, which would hide everyone still waiting.",
)

settings = waiting_settings(filters)
data = waiting_data(filters, settings)
headline(data)

names = scope_labels()
shape_section(data)
trend_section(data.scope)
breakdown_section(data, names)
time_to_start_section(data, names)
at_risk_section(data, names)
planner_section(data)
completed_section(data.scope, names)

st.divider()
definitions_expander([
    "Waiting times scope", "Snapshot date", "Waiting at the snapshot date", *HEADLINE_LABELS,
    "Weeks waited bands", "Additions, starts and removals", "Time to start", "Started within target",
    "At risk of not starting before the sentence ends", "What-if capacity planner", "Completed waits",
    "Disclosure control",
])
