"""Users (admins only, when sign-in is on): who may use the app, their role and home region."""

import streamlit as st

from components.access import require_role
from components.admin import user_form, users_table
from components.filters import sidebar_filters
from vocabulary.access import Role

sidebar_filters()
require_role(Role.ADMIN)
st.title("Users")
st.markdown("Who may use the dashboard, with what role and home region. "
            "Viewers read, download and save private views; editors also share views and delete shared ones; "
            "admins also manage users and read the audit trail.")
users_table()
user_form()
