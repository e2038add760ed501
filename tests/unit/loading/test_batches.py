"""Checking a dataset batch by batch: a problem in a later batch names its own row; keys and
references are checked across batches; a malformed row anywhere is reported alone.

Batches are made tiny here (a CSV block of a few rows, two rows per batch of frames) so that
the small hand-worked dataset spans many of them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data_access import read_text, validate
from data_access.frames import raw_from_frames
from data_access.problems import DatasetInvalidError, Problem, ProblemLog
from data_access.read import RawDataset, open_dataset, read_dataset
from data_access.validate import validate_dataset
from tests.dataset_builder import Rows, valid_rows, write_csv_dataset

REFERRALS = 30


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_text, "BLOCK_BYTES", 200)  # two or three referrals per CSV block
    monkeypatch.setattr(validate, "BATCH_ROWS", 2)


def many_referrals() -> Rows:
    """The valid dataset with 30 referrals (ids R001 to R030, in order), all like the first."""
    rows = valid_rows()
    template = rows["referrals"][0]
    rows["referrals"] = [dict(template, referral_id=f"R{number:03d}") for number in range(1, REFERRALS + 1)]
    return rows


def opened(tmp_path: Path, rows: Rows, source: str) -> RawDataset:
    if source == "csv":
        return open_dataset(write_csv_dataset(tmp_path / "dataset", rows))
    return raw_from_frames({name: pd.DataFrame(records) for name, records in rows.items()}, "frames")


def problems_for(tmp_path: Path, rows: Rows, source: str) -> list[Problem]:
    with pytest.raises(DatasetInvalidError) as caught:
        validate_dataset(opened(tmp_path, rows, source))
    return caught.value.problems


def test_a_csv_file_is_read_in_batches_numbered_as_in_the_file(tmp_path: Path) -> None:
    raw = opened(tmp_path, many_referrals(), "csv")
    batches = list(raw.batches("referrals", ProblemLog(), 1_000))

    assert len(batches) > 5
    assert [row for batch in batches for row in batch.index] == list(range(2, REFERRALS + 2))
    assert [value for batch in batches for value in batch["referral_id"]] == [
        f"R{number:03d}" for number in range(1, REFERRALS + 1)]


@pytest.mark.parametrize("source", ["csv", "frames"])
def test_the_typed_tables_are_the_same_in_batches(tmp_path: Path, source: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    in_batches = validate_dataset(opened(tmp_path / "small", many_referrals(), source)).tables
    monkeypatch.setattr(read_text, "BLOCK_BYTES", 2**20)
    monkeypatch.setattr(validate, "BATCH_ROWS", 1_000)
    at_once = validate_dataset(opened(tmp_path / "whole", many_referrals(), source)).tables

    assert in_batches.keys() == at_once.keys()
    for name, rows in at_once.items():
        pd.testing.assert_frame_equal(in_batches[name].reset_index(drop=True), rows.reset_index(drop=True))


@pytest.mark.parametrize("source", ["csv", "frames"])
def test_a_broken_value_in_a_later_batch_names_its_row(tmp_path: Path, source: str) -> None:
    rows = many_referrals()
    rows["referrals"][26]["outcome"] = "lost"

    problem, = problems_for(tmp_path, rows, source)
    assert (problem.row, problem.column, problem.value) == (28, "outcome", "lost")


@pytest.mark.parametrize("source", ["csv", "frames"])
def test_broken_values_in_several_batches_are_each_named(tmp_path: Path, source: str) -> None:
    rows = many_referrals()
    for index in (0, 13, 29):
        rows["referrals"][index]["end_date"] = "2024-01-01"  # before the start date

    problems = problems_for(tmp_path, rows, source)
    assert [(problem.row, problem.column) for problem in problems] == [(2, "end_date"), (15, "end_date"),
                                                                       (31, "end_date")]
    assert all("(start_date 2024-03-01)" in problem.rule for problem in problems)


@pytest.mark.parametrize("sorted_ids", [True, False])
def test_a_key_repeated_in_a_later_batch_names_both_rows(tmp_path: Path, sorted_ids: bool) -> None:
    rows = many_referrals()
    rows["referrals"][24]["referral_id"] = "R024"  # the row before has R024: a sorted file stays sorted
    if not sorted_ids:
        rows["referrals"][24]["referral_id"] = "R003"

    problem, = problems_for(tmp_path, rows, "csv")
    first = 25 if sorted_ids else 4
    assert (problem.row, problem.column) == (26, "referral_id")
    assert f"first on row {first}" in problem.rule


def test_a_two_column_key_repeated_in_a_sorted_file_is_found(tmp_path: Path) -> None:
    rows = valid_rows()
    rows["needs"].insert(1, dict(rows["needs"][0], identified_date="2024-01-11"))  # P1's first need again

    problem, = problems_for(tmp_path, rows, "csv")
    assert (problem.row, problem.column) == (3, "person_id + need_code")
    assert "first on row 2" in problem.rule


@pytest.mark.parametrize("source", ["csv", "frames"])
def test_a_reference_broken_in_a_later_batch_names_its_row(tmp_path: Path, source: str) -> None:
    rows = many_referrals()
    rows["referrals"][21]["person_id"] = "P9"

    problem, = problems_for(tmp_path, rows, source)
    assert (problem.row, problem.column, problem.value) == (23, "person_id", "P9")
    assert "must be one of the person_id values in people" in problem.rule


def test_a_malformed_row_in_a_later_batch_is_reported_alone(tmp_path: Path) -> None:
    rows = many_referrals()
    rows["referrals"][0]["outcome"] = "lost"  # a value problem in the first batch
    folder = write_csv_dataset(tmp_path / "dataset", rows)
    lines = (folder / "referrals.csv").read_text().splitlines()
    lines[20] = "R020,P1"
    (folder / "referrals.csv").write_text("\n".join(lines) + "\n")

    with pytest.raises(DatasetInvalidError) as caught:
        validate_dataset(open_dataset(folder))
    problem, = caught.value.problems
    assert (problem.file, problem.row) == ("referrals.csv", 21)
    assert "the row has 2 fields but the header has 9" in problem.rule


def test_read_dataset_still_holds_every_row(tmp_path: Path) -> None:
    raw = read_dataset(write_csv_dataset(tmp_path / "dataset", many_referrals()))
    assert len(raw.frames["referrals"]) == REFERRALS and not raw.files
