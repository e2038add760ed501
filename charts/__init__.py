"""Plotly figure builders: each draws exactly the frame it is given."""
