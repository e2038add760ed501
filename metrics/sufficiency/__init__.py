"""Sufficiency gaps: the cascade from need to completion, judged sufficiency, benchmarks and gaps."""
