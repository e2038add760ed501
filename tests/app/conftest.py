"""AppTest fixtures: the app run against a small synthetic DuckDB database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine
from tests.sample_database import build_sample_database

APP_TIMEOUT_SECONDS = 60
#: AppTest resolves relative paths against the calling file, so name the entry point absolutely.
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of the shared synthetic test database."""
    return build_sample_database(tmp_path_factory.mktemp("app_db") / "sample.duckdb")


@pytest.fixture
def database(sample_database_url: str) -> Iterator[Engine]:
    """A read-only engine on the shared test database, for working out what a page should show."""
    engine = make_engine(sample_database_url, read_only=True)
    yield engine
    engine.dispose()


@pytest.fixture
def app(sample_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The dashboard, not yet run: call ``app.run()`` then ``app.switch_page(...)``."""
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    yield AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


def open_page(app: AppTest, page: str, **query: str) -> AppTest:
    """Run the app, then switch to ``page`` (a path such as "pages/overview.py") with a query string."""
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app
