"""Benchmarks: scripts that print their figures (speed targets are never timed tests)."""
