"""Landscape: what interventions exist, for which needs, where, with how many places, against demand."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, page_header
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.landscape.page import LandscapeView, catalogue_section, headline, treemap_section
from components.landscape.sections import (
    availability_section,
    demand_section,
    providers_section,
    trend_section,
)
from components.pdu_map.landscape import landscape_map
from components.presentation import is_presenting
from metrics.landscape.headline import DEFINITION_HEADINGS

filters = sidebar_filters()
slot = page_header(
    "Landscape",
    filters,
    lead="What interventions exist, for which needs, where, with how many places — and how that "
    "compares with demand. Use it to see where a need can be met when the programme queue is long.",
)
view = LandscapeView(filters, presenting=is_presenting())
headline(view)

if not view.presenting:  # on a slide the treemap's own title says it
    st.subheader("The landscape at a glance")
treemap_section(view)
slide_sentence(slot, filters, "landscape")

st.subheader("Catalogue of interventions")
catalogue_section(view)

st.subheader("Where can this need be met here?")
availability_section(view)
landscape_map(view)

st.subheader("Provision against demand")
demand_section(view)

st.subheader("Providers")
providers_section(view)

st.subheader("Referrals per month by category")
trend_section(view)

definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
