"""The Data quality page."""
