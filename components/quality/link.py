"""The line under each page's figures that opens the Data quality page for the same filters (the
session's) with the measure that qualifies the page's headline figures most."""

from __future__ import annotations

import streamlit as st

from components.presentation import is_presenting
from components.quality.page import MEASURE_KEY
from metrics.quality.measures import MEASURES_BY_KEY

QUALITY_PAGE = "pages/data_quality.py"


def quality_caveat(measure_key: str) -> None:
    """A caveat that opens the Data quality page with its by-PDU view set to ``measure_key``.

    The sidebar's filters are kept in the session across pages, so the page opens on the same
    scope. Not drawn in presentation mode (a room cannot follow a link).
    """
    if is_presenting():
        return
    measure = MEASURES_BY_KEY[measure_key]
    if st.button(f"How complete are the records behind these figures? Data quality: "
                 f"{measure.name.lower()} and more, by PDU, for these filters",
                 icon=":material/fact_check:", type="tertiary", key="quality_link"):
        st.session_state[MEASURE_KEY] = measure_key
        st.switch_page(QUALITY_PAGE)
