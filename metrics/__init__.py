"""Pure pandas/numpy measures: every figure the dashboard shows is defined here once."""
