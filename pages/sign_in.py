"""Sign in: the only page a visitor sees until they have signed in (when sign-in is configured)."""

import streamlit as st

from components.access import configuration_problems, sign_in_screen

problems = configuration_problems()
if problems:
    st.title("Interventions Landscape")
    st.error("Sign-in is configured but its settings are incomplete, so the app will not open:\n\n"
             + "\n".join(f"- {problem}" for problem in problems)
             + "\n\nFix `.streamlit/secrets.toml` (see docs/deployment.md) and restart the app.")
    st.stop()
sign_in_screen()
