"""Derived tables: summaries of the raw (contract) tables, rebuilt by every load in its transaction."""
