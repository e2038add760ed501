"""All SQL and file IO: the data contract, validation, loading and queries."""
