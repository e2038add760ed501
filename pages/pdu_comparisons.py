"""PDU comparisons: every PDU against its region or England and Wales, the way Fingertips compares areas."""

import streamlit as st

from components.blocks import (
    DISCLOSURE_CONTROL,
    caveat_note,
    definitions_expander,
    disclosure_note,
    page_header,
)
from components.comparison.page import (
    compared_for,
    comparison_data,
    comparison_settings,
    funnel_centre,
    people_filter_note,
    shown,
)
from components.comparison.sections import compare_section, funnel_section, matrix_section, profile_section
from components.comparison.trend import trend_section
from components.filters import sidebar_filters
from metrics.comparison.indicators import PAGE_DEFINITIONS
from metrics.comparison.pdu_comparison import BENCHMARKS, ENGLAND_WALES
from metrics.stats.follow_up import follow_up_note

filters = sidebar_filters()
page_header(
    "PDU comparisons",
    filters,
    lead="How each Probation Delivery Unit compares with its region or with England and Wales on the same "
    "filtered data. Small PDUs swing by chance, so a PDU is called better or worse only when its confidence "
    "interval excludes the benchmark.",
)

st.subheader("1. Choose what to compare")
data = comparison_data(filters)
item, benchmark, pdu_code = comparison_settings(data)
benchmark_name = "its region" if benchmark != ENGLAND_WALES else BENCHMARKS[ENGLAND_WALES]
caveat_note(
    "The region and PDU filters choose which PDUs are shown; England and Wales and each region are always "
    "worked out from all their PDUs. Every other filter (period, people, interventions, needs) narrows the data "
    "for PDUs and benchmarks alike."
)
disclosure_note()
if withheld_note := people_filter_note(data):
    caveat_note(withheld_note)
if item.follow_up:
    caveat_note(follow_up_note(filters.period_end, data.data_as_of))

compared = compared_for(filters, benchmark)
compare_section(shown(compared[item.key], data), item, benchmark_name=benchmark_name, pdu_code=pdu_code)
funnel_section(shown(compared[item.key], data), item, pdu_code=pdu_code,
               centre=funnel_centre(data, compared[item.key], item, benchmark))
profile_section(data, compared, pdu_code=pdu_code)
matrix_section(data, compared)
trend_section(filters, data, item, benchmark=benchmark, benchmark_name=benchmark_name, pdu_code=pdu_code)

definitions_expander([*(indicator.name for indicator in data.items), *PAGE_DEFINITIONS, DISCLOSURE_CONTROL])
