"""Audit trail (admins only, when sign-in is on): who signed in, viewed, downloaded and changed what."""

import streamlit as st

from components.access import require_role
from components.admin import audit_filter, audit_table
from components.filters import sidebar_filters
from vocabulary.access import Role

sidebar_filters()
require_role(Role.ADMIN)
st.title("Audit trail")
st.markdown("Sign-ins, page views with their filters, downloads, saved views, "
            "data loads and user changes. It names no person in the data. "
            "Events older than the retention period are removed by `python -m data_access.audit purge`.")
audit_table(audit_filter())
