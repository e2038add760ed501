"""Figures for Waiting times."""
