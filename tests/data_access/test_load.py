"""Loading datasets on DuckDB and PostgreSQL: round trip, repeat loads, upsert, replace, app tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import insert, select

from data_access.engine import make_engine
from data_access.load import LoadError, load_dataset, load_frames
from data_access.schema import intervention_needs, people, referrals, saved_views
from tests.data_access.loading import (
    changed_rows,
    dataset,
    load_history,
    saved_view_names,
    snapshot,
)
from tests.dataset_builder import VALID_ROW_COUNTS, valid_rows


def test_a_loaded_dataset_reads_back_with_its_types(database_url: str, tmp_path: Path) -> None:
    summary = load_dataset(dataset(tmp_path, "first"), database_url)

    assert summary.database_rows == VALID_ROW_COUNTS == summary.dataset_rows
    assert (summary.first_referral_date, summary.data_as_of) == (dt.date(2024, 1, 15), dt.date(2024, 6, 20))
    tables = snapshot(database_url)
    r1 = next(row for row in tables["referrals"] if row[0] == "R1")
    assert r1 == ("R1", "P1", "N01", "BC", "thinking_behaviour",
                  dt.date(2024, 1, 15), dt.date(2024, 3, 1), dt.date(2024, 6, 20), "completed")
    assert ("N01", dt.date(2024, 1, 1), 2150) in tables["caseload"]
    assert ("BC", "Building Choices", "accredited_programme", "group", None, "all") in tables["interventions"]
    assert next(row for row in tables["referrals"] if row[0] == "R2")[7] is None
    assert load_history(database_url) == [(1, "upsert", VALID_ROW_COUNTS, False)]


@pytest.mark.parametrize("replace", [False, True])
def test_loading_the_same_dataset_twice_gives_the_same_database(
    database_url: str, tmp_path: Path, replace: bool
) -> None:
    folder = dataset(tmp_path, "same")
    load_dataset(folder, database_url, replace=replace)
    first = snapshot(database_url)
    summary = load_dataset(folder, database_url, replace=replace)

    assert snapshot(database_url) == first
    assert summary.load_id == 2
    assert [load[0] for load in load_history(database_url)] == [1, 2]


def test_an_upsert_updates_rows_by_key_and_keeps_rows_the_dataset_leaves_out(
    database_url: str, tmp_path: Path
) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    load_dataset(dataset(tmp_path, "second", changed_rows()), database_url)

    tables = snapshot(database_url, (referrals, people, intervention_needs))
    by_id = {row[0]: row for row in tables["referrals"]}
    assert by_id["R2"][6:] == (dt.date(2024, 2, 1), dt.date(2024, 5, 1), "completed")
    assert set(by_id) == {"R1", "R2", "R3", "R4", "R5", "R6"}
    assert next(row for row in tables["people"] if row[0] == "P2")[1] == "L01"
    assert [row for row in tables["intervention_needs"] if row[0] == "BC"] == [("BC", "attitudes")]


def test_a_replace_removes_rows_the_dataset_leaves_out(database_url: str, tmp_path: Path) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    summary = load_dataset(dataset(tmp_path, "second", changed_rows()), database_url, replace=True)

    ids = {row[0] for row in snapshot(database_url, (referrals,))["referrals"]}
    assert ids == {"R1", "R2", "R3", "R4", "R6"}
    assert summary.mode == "replace" and summary.database_rows["referrals"] == 5


def test_saved_views_survive_replace_and_upsert(database_url: str, tmp_path: Path) -> None:
    folder = dataset(tmp_path, "first")
    load_dataset(folder, database_url)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(insert(saved_views).values(
            name="NE accredited", page="waiting", query_string="region=NE", created_at=dt.datetime(2025, 1, 2)))
    engine.dispose()

    load_dataset(folder, database_url, replace=True)
    load_dataset(folder, database_url)

    assert saved_view_names(database_url) == ["NE accredited"]
    assert [load[1] for load in load_history(database_url)] == ["upsert", "replace", "upsert"]


def test_a_synthetic_marker_is_recorded_with_the_load(database_url: str, tmp_path: Path) -> None:
    folder = dataset(tmp_path, "sample")
    (folder / "SYNTHETIC").write_text("synthetic sample data\n")
    assert load_dataset(folder, database_url).synthetic
    assert load_history(database_url)[-1][3] is True


def test_frames_load_like_files(database_url: str) -> None:
    frames = {name: pd.DataFrame(records) for name, records in valid_rows().items()}
    frames["referrals"]["referral_date"] = pd.to_datetime(frames["referrals"]["referral_date"])
    summary = load_frames(frames, database_url, replace=True, source="frames", synthetic=True)

    assert summary.database_rows == VALID_ROW_COUNTS
    assert load_history(database_url) == [(1, "replace", VALID_ROW_COUNTS, True)]
    engine = make_engine(database_url, read_only=True)
    with engine.connect() as connection:
        first = connection.execute(select(referrals.c.referral_date).order_by(referrals.c.referral_id)).first()
    engine.dispose()
    assert first == (dt.date(2024, 1, 15),)


def test_an_in_memory_duckdb_cannot_be_loaded(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="needs a DuckDB file"):
        load_dataset(dataset(tmp_path, "first"), "duckdb:///:memory:")


@pytest.mark.parametrize(("replace", "caseload_rows"), [(False, 2), (True, 0)])
def test_an_optional_file_left_out_is_kept_by_an_upsert_and_emptied_by_a_replace(
    database_url: str, tmp_path: Path, replace: bool, caseload_rows: int
) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    rows = valid_rows()
    del rows["caseload"]
    summary = load_dataset(dataset(tmp_path, "second", rows), database_url, replace=replace)

    assert summary.database_rows["caseload"] == caseload_rows
    assert summary.database_rows["provision"] == 2
