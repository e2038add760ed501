"""A small synthetic database shared by the app and browser tests (built once per session)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from data_access.engine import with_search_path
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


@contextmanager
def sample_in_postgres_schema(*, skip_reason: str, frames: dict[str, pd.DataFrame] | None = None) -> Iterator[str]:
    """The test dataset (or ``frames``) loaded into a fresh PostgreSQL schema, dropped afterwards; skips
    (with ``skip_reason``) when TEST_DATABASE_URL is not set. Yields the schema's URL."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip(skip_reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = with_search_path(base, schema)
    try:
        if frames is None:
            frames = generate_frames(people_count=TEST_PEOPLE_COUNT, seed=TEST_SEED)
        load_frames(frames, url, replace=True, source="test sample", synthetic=True)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
