"""Fixtures for the disclosure attacker: the sample database (DuckDB, and PostgreSQL when
TEST_DATABASE_URL is set), the names of areas, and what the attacker learns before the sweep."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from data_access.engine import make_engine
from data_access.queries import data_as_of, filter_options
from tests.disclosure.ledger import LEDGER
from tests.disclosure.relations import Study
from tests.disclosure.render import area_names, render
from tests.disclosure.scopes import training_scopes
from tests.sample_database import (
    build_sample_database,
    sample_in_postgres_schema,
)


@pytest.fixture(scope="session")
def disclosure_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shared synthetic test database, as a DuckDB file."""
    return build_sample_database(tmp_path_factory.mktemp("disclosure_db") / "sample.duckdb")


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """The same dataset loaded into a fresh PostgreSQL schema (skipped without TEST_DATABASE_URL)."""
    with sample_in_postgres_schema(skip_reason="TEST_DATABASE_URL is not set: PostgreSQL sweep skipped") as url:
        yield url


@pytest.fixture(scope="session")
def area_titles(disclosure_database_url: str) -> Callable[[str], str]:
    """Writes PDU and region names in titles as "<area>", so a grid has one title in every scope."""
    engine = make_engine(disclosure_database_url, read_only=True)
    try:
        options = filter_options(engine)
    finally:
        engine.dispose()
    return area_names([*options["pdus"]["pdu_name"], *options["regions"]["region_name"]])


@pytest.fixture(scope="session")
def data_date(disclosure_database_url: str) -> object:
    engine = make_engine(disclosure_database_url, read_only=True)
    try:
        return data_as_of(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def study(disclosure_database_url: str, area_titles: Callable[[str], str]) -> Study:
    """What the attacker learns from England and Wales and the regions: which figures add up."""
    learned = Study()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", disclosure_database_url)
        for scope in training_scopes():
            learned.views[scope.id] = render(scope, title_of=area_titles)
            for view in learned.views[scope.id]:
                learned.book.study(view)
    return learned


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many suppressed cells the attacker tried, and what it found."""
    for line in LEDGER.lines():
        terminalreporter.write_line(line)

