"""Loads written batch by batch stay all or nothing, on both databases.

Rows are written while later batches are still being checked, so a problem found late
(a broken value in the last batch, a key repeated across batches) must still leave the
database exactly as it was, and be reported as a problem with the dataset, not as a
database error. Batches are made tiny so that the small dataset spans many of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access import read_text, validate
from data_access.load import load_dataset
from data_access.problems import DatasetInvalidError
from tests.data_access.loading import dataset, leftover_files, snapshot, version
from tests.dataset_builder import Rows, valid_rows


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_text, "BLOCK_BYTES", 200)
    monkeypatch.setattr(validate, "BATCH_ROWS", 2)


def many_rows() -> Rows:
    """The valid dataset with 30 referrals and 12 people, so that both span several batches."""
    rows = valid_rows()
    rows["people"] += [dict(rows["people"][0], person_id=f"P{number:02d}") for number in range(10, 19)]
    template = rows["referrals"][0]
    rows["referrals"] = [dict(template, referral_id=f"R{number:03d}") for number in range(1, 31)]
    return rows


def test_a_dataset_loads_the_same_in_batches(database_url: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    load_dataset(dataset(tmp_path, "batches", many_rows()), database_url, replace=True)
    in_batches = snapshot(database_url)
    monkeypatch.setattr(read_text, "BLOCK_BYTES", 2**20)
    monkeypatch.setattr(validate, "BATCH_ROWS", 1_000)
    load_dataset(dataset(tmp_path, "whole", many_rows()), database_url, replace=True)

    assert snapshot(database_url) == in_batches
    assert len(in_batches["referrals"]) == 30


@pytest.mark.parametrize("replace", [False, True])
def test_a_problem_in_the_last_batch_leaves_the_database_as_it_was(
    database_url: str, tmp_path: Path, replace: bool
) -> None:
    load_dataset(dataset(tmp_path, "first"), database_url)
    before, version_before = snapshot(database_url), version(database_url)
    rows = many_rows()
    rows["referrals"][29]["outcome"] = "lost"  # people, needs and 28 referrals are written first

    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(dataset(tmp_path, "bad", rows), database_url, replace=replace)

    problem, = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("referrals.csv", 31, "outcome")
    assert snapshot(database_url) == before
    assert version(database_url) == version_before
    assert leftover_files(database_url) == []


def test_a_key_repeated_across_batches_is_a_problem_not_a_database_error(
    database_url: str, tmp_path: Path
) -> None:
    """PostgreSQL refuses the repeated person as its COPY runs; the loader still checks the rest
    of the dataset and reports the problem (and any others), not the database's complaint."""
    rows = many_rows()
    rows["people"][10]["person_id"] = "P1"
    rows["referrals"][25]["outcome"] = "lost"

    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(dataset(tmp_path, "bad", rows), database_url, replace=True)

    found = {(problem.file, problem.row, problem.column) for problem in caught.value.problems}
    assert found == {("people.csv", 12, "person_id"), ("referrals.csv", 27, "outcome")}
    assert leftover_files(database_url) == []
