"""Landscape: what interventions exist, for which needs, where, with how many places, against demand."""

import streamlit as st

from components.blocks import DISCLOSURE_CONTROL, definitions_expander, disclosure_note, kpi_row, page_header
from components.filters import sidebar_filters
from components.landscape.page import FALLBACK_MESSAGE, catalogue_section, load_landscape, treemap_section
from components.landscape.sections import (
    availability_section,
    demand_section,
    providers_section,
    trend_section,
)
from metrics.landscape.headline import DEFINITION_HEADINGS

filters = sidebar_filters()
page_header(
    "Landscape",
    filters,
    lead="What interventions exist, for which needs, where, with how many places — and how that "
    "compares with demand. Use it to see where a need can be met when the programme queue is long.",
)
landscape = load_landscape(filters)
if not landscape.uses_provision:
    st.warning(FALLBACK_MESSAGE, icon="⚠️")
kpis = landscape.kpis()
kpi_row(kpis[:3])  # two rows: the long labels stay whole on a 1280-pixel screen
kpi_row(kpis[3:])
disclosure_note()

catalogue_rows = landscape.catalogue()
st.subheader("The landscape at a glance")
treemap_section(landscape, catalogue_rows)

st.subheader("Catalogue of interventions")
catalogue_section(catalogue_rows)

st.subheader("Where can this need be met here?")
availability_section(landscape)

st.subheader("Provision against demand")
demand_section(landscape)

st.subheader("Providers")
providers_section(landscape)

st.subheader("Referrals per month by category")
trend_section(landscape)

definitions_expander([*DEFINITION_HEADINGS, DISCLOSURE_CONTROL])
