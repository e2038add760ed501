"""Figures for Sufficiency gaps."""
