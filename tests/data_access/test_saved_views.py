"""Saved views: round trip, naming rules and, on DuckDB, living beside a read-only data file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access import saved_views
from data_access.engine import duckdb_path, make_engine
from data_access.load import load_dataset
from data_access.saved_views import (
    DuplicateViewNameError,
    InvalidViewNameError,
    SavedView,
    SavedViewsBusyError,
    ViewNotFoundError,
    delete_view,
    get_view,
    list_views,
    save_view,
    validate_view_name,
    views_database_url,
)
from data_access.schema import dataset_loads
from tests.dataset_builder import write_csv_dataset

NOON = dt.datetime(2025, 3, 17, 12, 0)


@pytest.fixture
def store(database_url: str) -> Iterator[str]:
    """The app database URL whose saved views a test uses (pooled connections closed afterwards)."""
    yield database_url
    saved_views.close_connections()


def test_round_trip_save_list_get_delete(store):
    first = save_view(store, "Team meeting", "/waiting-times", "region=EM&target_weeks=8", created_at=NOON)
    save_view(store, "board paper", "/", "?category=accredited_programme&present=1", created_at=NOON)

    assert first == SavedView("Team meeting", "/waiting-times", "region=EM&target_weeks=8", NOON)
    assert [view.name for view in list_views(store)] == ["board paper", "Team meeting"]
    assert get_view(store, "board paper").query_string == "category=accredited_programme&present=1"
    assert get_view(store, "board paper").page == "/"

    delete_view(store, "Team meeting")
    assert [view.name for view in list_views(store)] == ["board paper"]
    with pytest.raises(ViewNotFoundError, match="no saved view called 'Team meeting'"):
        get_view(store, "Team meeting")


def test_empty_store_lists_nothing(store):
    assert list_views(store) == []


def test_names_are_unique_ignoring_case(store):
    save_view(store, "East Midlands", "/", "region=EM")
    with pytest.raises(DuplicateViewNameError, match="'East Midlands' already exists"):
        save_view(store, "east midlands", "/landscape", "region=EM")
    assert len(list_views(store)) == 1


def test_deleting_a_missing_view_says_so(store):
    with pytest.raises(ViewNotFoundError, match="no saved view called 'Nope'"):
        delete_view(store, "Nope")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "the name is empty"),
        ("    ", "the name is empty"),
        ("x" * 61, "61 characters long: use at most 60"),
        ("Leeds/Bradford", r"remove '/'"),
        ("Q1; drop table", r"remove ';'"),
        ("Café views", r"remove 'é'"),
        ("tabs\there", r"remove '\\t'"),
    ],
)
def test_bad_names_get_a_clear_error_and_nothing_is_saved(store, name, message):
    with pytest.raises(InvalidViewNameError, match=message):
        save_view(store, name, "/", "")
    assert list_views(store) == []


def test_name_rule_edges():
    assert validate_view_name("  Region_North-East 2025  ") == "Region_North-East 2025"
    assert validate_view_name("x" * 60) == "x" * 60
    assert issubclass(InvalidViewNameError, ValueError)


@pytest.fixture
def loaded_duckdb(tmp_path: Path) -> str:
    """A DuckDB data file holding the tiny test dataset, loaded as the app's loads are."""
    url = f"duckdb:///{tmp_path / 'app.duckdb'}"
    load_dataset(write_csv_dataset(tmp_path / "dataset"), url, replace=True)
    return url


def test_duckdb_views_are_written_while_the_app_holds_the_data_file_read_only(loaded_duckdb):
    app_engine = make_engine(loaded_duckdb, read_only=True)
    with app_engine.connect() as connection:  # the app's open, read-only hold on the data file
        connection.execute(select(dataset_loads.c.load_id)).all()
        save_view(loaded_duckdb, "While reading", "/", "region=EM")
        assert [view.name for view in list_views(loaded_duckdb)] == ["While reading"]
    app_engine.dispose()
    path = duckdb_path(loaded_duckdb)
    assert views_database_url(loaded_duckdb) == f"duckdb:///{path.parent / 'app.views.duckdb'}"


def test_duckdb_views_survive_a_load_that_swaps_the_data_file(loaded_duckdb, tmp_path):
    save_view(loaded_duckdb, "Before the load", "/", "region=EM")
    before = duckdb_path(loaded_duckdb).stat().st_ino
    load_dataset(tmp_path / "dataset", loaded_duckdb, replace=True)
    assert duckdb_path(loaded_duckdb).stat().st_ino != before  # a new file was swapped in
    assert [view.name for view in list_views(loaded_duckdb)] == ["Before the load"]


def test_duckdb_views_file_held_by_another_process_gives_a_busy_error(loaded_duckdb, monkeypatch):
    views_path = views_database_url(loaded_duckdb).removeprefix("duckdb:///")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys; c = duckdb.connect({views_path!r}); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(saved_views, "BUSY_TIMEOUT_SECONDS", 0.3)
        with pytest.raises(SavedViewsBusyError, match="locked by another process"):
            save_view(loaded_duckdb, "Blocked", "/", "")
    finally:
        holder.communicate("")
    save_view(loaded_duckdb, "After release", "/", "")
    assert [view.name for view in list_views(loaded_duckdb)] == ["After release"]


def test_duckdb_list_sees_a_view_saved_by_another_process(loaded_duckdb):
    save_view(loaded_duckdb, "Ours", "/", "")
    assert [view.name for view in list_views(loaded_duckdb)] == ["Ours"]  # now remembered
    subprocess.run(
        [sys.executable, "-c",
         f"from data_access.saved_views import save_view; save_view({loaded_duckdb!r}, 'Theirs', '/', '')"],
        check=True, cwd=Path(__file__).resolve().parents[2],
    )
    assert [view.name for view in list_views(loaded_duckdb)] == ["Ours", "Theirs"]
