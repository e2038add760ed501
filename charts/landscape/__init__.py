"""Figures for the Landscape page."""
