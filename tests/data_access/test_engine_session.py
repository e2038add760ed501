"""The app's PostgreSQL sessions carry the settings its aggregate queries are tuned for."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from data_access.engine import POSTGRES_WORK_MEM, make_engine


def test_postgres_sessions_have_work_memory_and_no_jit():
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    engine = make_engine(base, read_only=True)
    try:
        with engine.connect() as connection:
            # Server defaults are 4MB and on; these are what the app's connect hook sets.
            assert connection.execute(text("SHOW work_mem")).scalar_one() == POSTGRES_WORK_MEM
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
    finally:
        engine.dispose()
