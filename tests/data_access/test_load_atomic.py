"""All or nothing: failed loads change nothing, readers never see a half-loaded state, the CLI reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from data_access.engine import make_engine
from data_access.load import load_dataset
from data_access.problems import DatasetInvalidError
from data_access.schema import referrals
from tests.data_access.loading import changed_rows, dataset, leftover_files, snapshot, version
from tests.dataset_builder import valid_rows

REPO_ROOT = Path(__file__).resolve().parents[2]


class WriteInterruptedError(RuntimeError):
    """Raised from a progress callback to break a load part-way through writing."""


def referral_count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(referrals)).scalar_one()


def test_a_dataset_that_breaks_the_contract_changes_nothing(database_url: str, tmp_path: Path) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    before, version_before = snapshot(database_url), version(database_url)
    rows = changed_rows()
    rows["referrals"][0]["outcome"] = "lost"

    with pytest.raises(DatasetInvalidError):
        load_dataset(dataset(tmp_path, "bad", rows), database_url, replace=True)

    assert snapshot(database_url) == before
    assert version(database_url) == version_before


@pytest.mark.parametrize("replace", [False, True])
def test_a_failure_part_way_through_writing_changes_nothing(
    database_url: str, tmp_path: Path, replace: bool
) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    before, version_before = snapshot(database_url), version(database_url)

    def fail_after_people(step: str, rows_done: int, rows_total: int) -> None:
        if step == "people":
            raise WriteInterruptedError("stop after people were written")

    with pytest.raises(WriteInterruptedError):
        load_dataset(dataset(tmp_path, "second", changed_rows()), database_url, replace=replace,
                     progress=fail_after_people)

    assert snapshot(database_url) == before
    assert version(database_url) == version_before
    assert leftover_files(database_url) == []


def test_a_reader_sees_the_old_data_until_the_load_commits(database_url: str, tmp_path: Path) -> None:
    rows = valid_rows()
    rows["referrals"] = rows["referrals"][:3]
    load_dataset(dataset(tmp_path, "three", rows), database_url)
    version_before = version(database_url)
    reader = make_engine(database_url, read_only=True)
    postgres = reader.dialect.name == "postgresql"
    connection = reader.connect()
    if postgres:
        # A load must never block a reader; fail fast rather than hang if it does.
        connection.exec_driver_sql("SET statement_timeout = '5s'")
        connection.commit()
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    assert referral_count(connection) == 3
    seen_during_load: list[int] = []

    def look(step: str, rows_done: int, rows_total: int) -> None:
        if step in ("people", "referrals"):  # after the old rows were deleted (PostgreSQL replace)
            seen_during_load.append(referral_count(connection))
            with reader.connect() as another:  # a reader that starts during the load
                if postgres:
                    another.exec_driver_sql("SET statement_timeout = '5s'")
                seen_during_load.append(referral_count(another))

    load_dataset(dataset(tmp_path, "five"), database_url, replace=True, progress=look)

    assert seen_during_load == [3, 3, 3, 3]
    assert referral_count(connection) == 3  # its snapshot (PostgreSQL) or its file (DuckDB) is the old one
    connection.close()
    reader.dispose()  # DuckDB hands new connections the open database while any connection to it is alive
    assert version(database_url) != version_before
    fresh = make_engine(database_url, read_only=True)
    with fresh.connect() as new_connection:
        assert referral_count(new_connection) == 5
    fresh.dispose()


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "data_access.load", *arguments], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_command_line_prints_every_problem_and_exits_non_zero(database_url: str, tmp_path: Path) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    before = snapshot(database_url)
    rows = valid_rows()
    rows["people"][0]["gender"] = "F"
    rows["referrals"][2]["end_date"] = ""

    finished = run_cli(str(dataset(tmp_path, "bad", rows)), "--database-url", database_url)

    assert finished.returncode == 1
    assert "2 problems found" in finished.stderr
    assert "people.csv, row 2, column gender, value 'F': must be one of: female, male, unknown" in finished.stderr
    assert "referrals.csv, row 4, column end_date, value (empty): outcome withdrawn needs an end_date" in (
        finished.stderr)
    assert "Nothing was loaded" in finished.stderr and "Traceback" not in finished.stderr
    assert snapshot(database_url) == before


def test_the_command_line_loads_and_prints_a_summary(database_url: str, tmp_path: Path) -> None:
    finished = run_cli(str(dataset(tmp_path, "first")), "--database-url", database_url, "--replace")

    assert finished.returncode == 0, finished.stderr
    assert "(replace) as load 1" in finished.stdout
    assert "referrals" in finished.stdout and "Referral dates from 2024-01-15" in finished.stdout
    assert "Checked 20 rows: no problems" in finished.stderr
    assert ("Derived tables built: referral_facts 5 rows, need_referral_links 2 rows, need_records_linked 3 rows"
            in finished.stderr)
    assert "Time: prepare" in finished.stdout


def test_the_command_line_reports_a_missing_folder_without_a_traceback(tmp_path: Path) -> None:
    finished = run_cli(str(tmp_path / "nowhere"), "--database-url", f"duckdb:///{tmp_path / 'db.duckdb'}")
    assert finished.returncode == 1
    assert "does not exist" in finished.stderr and "Traceback" not in finished.stderr
    assert not (tmp_path / "db.duckdb").exists()
    assert run_cli("--no-such-option", str(tmp_path)).returncode == 2
