"""Data quality: how complete and plausible the records behind every figure are."""
