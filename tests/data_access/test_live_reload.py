"""A load while the app is reading: old data until the load commits, then the new data.

``components.cache.current_engine`` is the app's only way to the database. DuckDB
shares one open database per file within a process, so the app must not open the
new file while a query still holds the old one.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from components import cache
from data_access.load import load_dataset
from data_access.schema import referrals
from tests.dataset_builder import valid_rows, write_csv_dataset


def referral_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(referrals)).scalar()


@pytest.fixture
def app_database(database_url, tmp_path, monkeypatch):
    load_dataset(write_csv_dataset(tmp_path / "first"), database_url, replace=True)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr(cache, "_ENGINES", {})
    yield database_url
    for _, engine in cache._ENGINES.values():
        engine.dispose()


def load_fewer_referrals(database_url, folder) -> None:
    rows = valid_rows()
    rows["referrals"] = rows["referrals"][:3]
    load_dataset(write_csv_dataset(folder, rows), database_url, replace=True)


def test_the_app_reads_old_data_until_a_load_commits_then_the_new(app_database, tmp_path):
    engine, version = cache.current_engine()
    assert referral_count(engine) == 5
    busy = engine.connect()  # another session's query, still running when the load commits
    load_fewer_referrals(app_database, tmp_path / "second")
    during_engine, during_version = cache.current_engine()
    assert referral_count(during_engine) in (5, 3)  # never a mixture, never an error
    busy.close()
    after_engine, after_version = cache.current_engine()
    assert after_version != version
    assert referral_count(after_engine) == 3


def test_a_duckdb_engine_is_not_replaced_while_its_connection_is_in_use(tmp_path, monkeypatch):
    url = f"duckdb:///{tmp_path / 'app.duckdb'}"
    load_dataset(write_csv_dataset(tmp_path / "first"), url, replace=True)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(cache, "_ENGINES", {})
    engine, version = cache.current_engine()
    busy = engine.connect()
    load_fewer_referrals(url, tmp_path / "second")
    during_engine, during_version = cache.current_engine()
    # Still the old engine and the old version: its cached results stay consistent.
    assert (during_engine, during_version) == (engine, version)
    assert referral_count(during_engine) == 5
    busy.close()
    after_engine, after_version = cache.current_engine()
    assert after_engine is not engine and after_version != version
    assert referral_count(after_engine) == 3
    after_engine.dispose()


class _Run:
    """Stands in for one run of the page script (``cache._this_run``): what the version is kept for."""


def test_a_run_reads_the_data_version_once_and_the_next_run_sees_the_load(app_database, tmp_path, monkeypatch):
    run = _Run()
    monkeypatch.setattr(cache, "_this_run", lambda: run)
    engine, version = cache.current_engine()
    assert referral_count(engine) == 5
    load_fewer_referrals(app_database, tmp_path / "second")
    # Later sections of the same run read the data the run started with: one version for the whole page.
    assert cache.current_engine() == (engine, version)
    run = _Run()  # the next run (the lambda reads ``run`` when called)
    after_engine, after_version = cache.current_engine()
    assert after_version != version
    assert referral_count(after_engine) == 3
