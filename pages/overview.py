"""Overview: the headline picture for the filtered scope."""

import streamlit as st

from charts.overview import referrals_and_starts_figure
from components import cache
from components.blocks import (
    DISCLOSURE_CONTROL,
    caveat_note,
    chart_card,
    definitions_expander,
    disclosure_note,
    kpi_row,
    page_header,
)
from components.filters import sidebar_filters
from components.presentation import chart_font_px
from metrics.overview import overview_kpis, referrals_and_starts_table

filters = sidebar_filters()
page_header(
    "Overview",
    filters,
    lead="Who was referred to interventions, who started, and who is still waiting — for the filters in the sidebar.",
)

counts = cache.load_overview_counts(filters)
monthly = cache.load_monthly_referrals_and_starts(filters)
kpis = overview_kpis(counts, monthly)
kpi_row(kpis)
caveat_note("The waiting list counts accredited programme referrals still waiting at the end of the period.")
disclosure_note()

st.subheader("Referrals and starts each month")
chart_card(
    referrals_and_starts_figure(monthly, font_px=chart_font_px()),
    referrals_and_starts_table(monthly),
    key="overview_trend",
    file_name="referrals_and_starts_by_month.csv",
)

definitions_expander([*(kpi.label for kpi in kpis), DISCLOSURE_CONTROL])
