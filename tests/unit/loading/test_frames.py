"""In-memory frames are turned into dataset text and checked by the same rules as files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.frames import as_text, raw_from_frames
from data_access.problems import DatasetInvalidError
from data_access.validate import validate_dataset
from tests.dataset_builder import VALID_ROW_COUNTS, valid_rows


def typed_frames() -> dict[str, pd.DataFrame]:
    """The valid dataset as a generator would hold it: dates as datetime64, counts as numbers, gaps as NaN."""
    frames = {name: pd.DataFrame(records).replace("", np.nan) for name, records in valid_rows().items()}
    for name, column in [("referrals", "referral_date"), ("referrals", "start_date"), ("referrals", "end_date"),
                         ("people", "sentence_end_date"), ("needs", "identified_date")]:
        frames[name][column] = pd.to_datetime(frames[name][column])
    frames["caseload"]["month"] = pd.to_datetime(frames["caseload"]["month"] + "-01")
    frames["caseload"]["people_supervised"] = frames["caseload"]["people_supervised"].astype(float)
    frames["provision"]["places"] = frames["provision"]["places"].astype(int)
    return frames


def test_typed_frames_validate_like_the_files() -> None:
    valid = validate_dataset(raw_from_frames(typed_frames(), "test"))
    assert valid.row_counts == VALID_ROW_COUNTS
    assert valid.tables["caseload"]["month"].iloc[0] == pd.Timestamp("2024-01-01")


def test_values_become_contract_text() -> None:
    assert as_text(pd.Series(pd.to_datetime(["2024-03-01", None]))).tolist() == ["2024-03-01", ""]
    assert as_text(pd.Series(pd.to_datetime(["2024-03-01", "2024-03-05"])), month=True).tolist() == [
        "2024-03", "2024-03-05"]
    assert as_text(pd.Series(pd.to_datetime(["2024-03-01 10:30"]))).tolist() == ["2024-03-01 10:30"]
    assert as_text(pd.Series([3.0, np.nan, 2.5])).tolist() == ["3", "", "2.5"]
    assert as_text(pd.Series([" a ", None], dtype=object)).tolist() == ["a", ""]


def test_frame_problems_use_csv_row_numbers_and_file_names() -> None:
    frames = typed_frames()
    frames["referrals.csv"] = frames.pop("referrals")
    frames["referrals.csv"].loc[1, "outcome"] = "lost"
    with pytest.raises(DatasetInvalidError) as caught:
        validate_dataset(raw_from_frames(frames, "test"))
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("referrals", 3, "outcome")


def test_a_missing_frame_is_reported() -> None:
    frames = typed_frames()
    del frames["people"]
    with pytest.raises(DatasetInvalidError, match="people: required table is missing"):
        raw_from_frames(frames, "test")


def test_an_empty_required_frame_is_reported() -> None:
    frames = typed_frames()
    frames["referrals"] = frames["referrals"].iloc[0:0]
    with pytest.raises(DatasetInvalidError, match="referrals: the file has a header but no data rows"):
        raw_from_frames(frames, "test")
