"""Streamlit building blocks shared by pages: the only Streamlit code besides pages."""
