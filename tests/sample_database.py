"""A small synthetic database shared by the app and browser tests (built once per session)."""

from __future__ import annotations

from pathlib import Path

from data_access.load import load_frames
from sample_data.generate import generate_frames

#: Small enough to build in seconds, large enough for every page to have signals.
TEST_PEOPLE_COUNT = 4_000
TEST_SEED = 11


def build_sample_database(path: Path) -> str:
    """Generate and load the test dataset into a DuckDB file; return its URL."""
    url = f"duckdb:///{path}"
    frames = generate_frames(people_count=TEST_PEOPLE_COUNT, seed=TEST_SEED)
    load_frames(frames, url, replace=True, source="test sample", synthetic=True)
    return url
