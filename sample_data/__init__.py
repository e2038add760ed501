"""Seeded synthetic sample data for Interventions Landscape, in data-contract form.

``python -m sample_data.generate --out DIR`` writes a dataset; see generate.py.
"""
