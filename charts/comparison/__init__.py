"""Figures for PDU comparisons."""
