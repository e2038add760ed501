"""Interventions Landscape: entry point. Configures the app and its pages; draws no widgets.

Each page draws the shared sidebar filters itself (components.filters.sidebar_filters),
so that filters behave the same in the browser and under AppTest.
"""

import streamlit as st

from components.access import pages_for_visitor
from components.navigation import remember_pages

st.set_page_config(
    page_title="Interventions Landscape",
    page_icon="🧭",
    layout="wide",
    initial_sidebar_state="expanded",
)

# No page URL equals its file's name: a fresh server starts in Streamlit's older
# folder-based mode, which would run pages/<name>.py alone for /<name>; with these
# URLs that mode falls back to this script, which sets the pages up properly.
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/key_findings.py", title="Key findings", icon=":material/lightbulb:", url_path="key-findings"),
    st.Page("pages/landscape.py", title="Landscape", icon=":material/map:", url_path="interventions-landscape"),
    st.Page("pages/waiting_times.py", title="Waiting times", icon=":material/hourglass_top:", url_path="waiting-times"),
    st.Page("pages/sufficiency_gaps.py", title="Sufficiency gaps", icon=":material/extension:", url_path="sufficiency-gaps"),
    st.Page("pages/pdu_comparisons.py", title="PDU comparisons", icon=":material/balance:", url_path="pdu-comparisons"),
    st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:", url_path="data-quality"),
    st.Page("pages/about_the_data.py", title="About the data", icon=":material/description:", url_path="about"),
]

# With sign-in configured (issue 19), a visitor who has not signed in gets only the sign-in
# screen, and admins also get the admin pages (outside PAGES: not in presentation mode's order).
page = st.navigation(pages_for_visitor(PAGES))
remember_pages(PAGES, page)  # the one page order: Previous / Next, saved views
page.run()
