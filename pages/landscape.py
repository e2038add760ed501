"""Landscape: what interventions exist, for which needs, where, with how many places, against demand."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definition, definitions_expander, page_header
from components.comparison_key import comparison_key
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.landscape.commissioning import (
    no_provision_section,
    providers_section,
    ranked_section,
    shortfall_section,
)
from components.landscape.page import LandscapeView, catalogue_section, headline, treemap_section
from components.landscape.sections import availability_section, demand_section, trend_section
from components.pdu_map.landscape import landscape_map
from components.presentation import is_presenting
from components.quality.link import quality_caveat
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
no_provision_section(view)

if view.presenting:  # a slide shows the categories as tiles, readable from the back of a room; bars follow
    treemap_section(view)
    slide_sentence(slot, filters, "landscape")
    ranked_section(view)
else:
    st.subheader("The landscape at a glance", help=definition("Interventions ranked within their category"))
    ranked_section(view)
    slide_sentence(slot, filters, "landscape")
    st.subheader("The same landscape as a treemap")
    treemap_section(view)

st.subheader("Catalogue of interventions")
catalogue_section(view)

st.subheader("Where can this need be met here?")
availability_section(view)
landscape_map(view)

st.subheader("Provision against demand")
demand_section(view)

st.subheader("Shortfall in places by need and PDU", help=definition("Shortfall in places"))
shortfall_section(view)

st.subheader("Providers compared with others of the same kind",
             help=definition("Providers compared with others of the same kind"))
comparison_key("all providers of the same kind")
providers_section(view)

st.subheader("Referrals per month by category")
trend_section(view)

quality_caveat("no_need_code")
definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
