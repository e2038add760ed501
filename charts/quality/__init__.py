"""Data quality charts."""
