"""Shared fixtures: one engine fixture that runs data-access tests on DuckDB and PostgreSQL.

PostgreSQL tests run when TEST_DATABASE_URL is set (``.ci/run`` sets it) and skip
otherwise. Each PostgreSQL test gets a fresh schema, dropped afterwards, so tests
never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from data_access.engine import with_search_path

BACKENDS = ("duckdb", "postgresql")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend, as a SQLAlchemy URL."""
    if request.param == "duckdb":
        yield f"duckdb:///{tmp_path / 'test.duckdb'}"
        return
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield with_search_path(base, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


_SKIPPED_IN_CI: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Remember skips: in CI every test must run."""
    if report.skipped and os.environ.get("CI") == "true":
        _SKIPPED_IN_CI.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a CI run in which any test was skipped (a skipped test proves nothing)."""
    if _SKIPPED_IN_CI:
        print(f"\n{len(_SKIPPED_IN_CI)} test(s) skipped in CI, which must run every test:")
        for nodeid in _SKIPPED_IN_CI:
            print(f"  {nodeid}")
        session.exitstatus = 1
