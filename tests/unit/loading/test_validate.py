"""Every rule of the data contract: one broken rule per bad dataset, and the message that names it.

Each bad case starts from the tiny valid dataset in ``tests/dataset_builder.py``
and changes exactly one value (or adds one duplicate row); the validator must
report exactly one problem, naming the file, the row as the user sees it
(header = row 1), the column and the rule.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data_access.problems import DatasetInvalidError, Problem
from data_access.read import read_dataset
from data_access.validate import ValidDataset, validate_dataset
from tests.dataset_builder import VALID_ROW_COUNTS, Rows, valid_rows, write_csv_dataset


def validated(tmp_path: Path, rows: Rows | None = None) -> ValidDataset:
    return validate_dataset(read_dataset(write_csv_dataset(tmp_path / "dataset", rows)))


def problems_for(tmp_path: Path, rows: Rows) -> list[Problem]:
    with pytest.raises(DatasetInvalidError) as caught:
        validated(tmp_path, rows)
    return caught.value.problems


def with_value(file: str, index: int, column: str, value: str) -> Rows:
    rows = valid_rows()
    rows[file][index][column] = value
    return rows


def with_duplicate(file: str, index: int) -> Rows:
    rows = valid_rows()
    rows[file].append(dict(rows[file][index]))
    return rows


def test_the_valid_dataset_passes(tmp_path: Path) -> None:
    assert validated(tmp_path).row_counts == VALID_ROW_COUNTS


# (file, index of the row changed, column, new value, words of the rule broken)
ONE_BROKEN_VALUE = [
    ("pdus", 0, "pdu_name", "", "a value is required"),
    ("pdus", 1, "region_code", "", "a value is required"),
    ("pdus", 1, "region_name", "", "a value is required"),
    ("caseload", 0, "pdu_code", "X99", "must be one of the pdu_code values in pdus.csv"),
    ("caseload", 0, "month", "2024-1", "must be a month in the form YYYY-MM"),
    ("caseload", 1, "month", "2024-13", "must be a month in the form YYYY-MM"),
    ("caseload", 0, "people_supervised", "-5", "must be a whole number from 0"),
    ("caseload", 0, "people_supervised", "3.5", "must be a whole number from 0"),
    ("caseload", 0, "people_supervised", "99999999999", "must be a whole number from 0"),
    ("caseload", 1, "people_supervised", "", "a value is required"),
    ("interventions", 0, "intervention_name", "", "a value is required"),
    ("interventions", 0, "category", "accredited", "must be one of: accredited_programme"),
    ("interventions", 0, "needs", "thinking_behaviour;housing", "each code must be one of: accommodation"),
    ("interventions", 1, "delivery", "online", "must be one of: group, one_to_one, mixed"),
    ("interventions", 2, "target_group", "children", "must be one of: all, women, men"),
    ("provision", 0, "pdu_code", "X99", "must be one of the pdu_code values in pdus.csv"),
    ("provision", 0, "intervention_code", "NOPE", "must be one of the intervention_code values in interventions.csv"),
    ("provision", 1, "month", "Jan 2024", "must be a month in the form YYYY-MM"),
    ("provision", 1, "places", "-1", "must be a whole number from 0"),
    ("people", 1, "pdu_code", "X99", "must be one of the pdu_code values in pdus.csv"),
    ("people", 0, "gender", "F", "must be one of: female, male, unknown"),
    ("people", 0, "ethnicity_group", "", "a value is required"),
    ("people", 2, "age_band", "50-64", "must be one of: 18-24"),
    ("people", 1, "risk_level", "very high", "must be one of: low"),
    ("people", 1, "sentence_type", "prison", "must be one of: community_order"),
    ("people", 0, "sentence_end_date", "30/06/2025", "must be a real date in the form YYYY-MM-DD"),
    ("needs", 2, "person_id", "P9", "must be one of the person_id values in people.csv"),
    ("needs", 0, "need_code", "housing", "must be one of: accommodation"),
    ("needs", 1, "identified_date", "2023-02-29", "must be a real date in the form YYYY-MM-DD"),
    ("needs", 2, "sufficiency", "yes", "must be one of: sufficient, insufficient"),
    ("referrals", 0, "person_id", "P9", "must be one of the person_id values in people.csv"),
    ("referrals", 1, "pdu_code", "X99", "must be one of the pdu_code values in pdus.csv"),
    ("referrals", 2, "intervention_code", "NOPE", "must be one of the intervention_code values in interventions.csv"),
    ("referrals", 3, "need_code", "housing", "must be one of: accommodation"),
    ("referrals", 4, "referral_date", "", "a value is required"),
    ("referrals", 4, "referral_date", "2024-5-1", "must be a real date in the form YYYY-MM-DD"),
    ("referrals", 0, "start_date", "2024-01-01", "start_date must not be before referral_date"),
    ("referrals", 0, "end_date", "2024-02-01", "end_date must not be before start_date"),
    ("referrals", 2, "end_date", "2024-02-01", "end_date must not be before referral_date"),
    ("referrals", 1, "outcome", "cancelled", "must be one of: open, completed"),
    ("referrals", 1, "end_date", "2024-02-01", "an open referral must not have an end_date"),
    ("referrals", 0, "start_date", "", "outcome completed needs a start_date"),
    ("referrals", 3, "start_date", "", "outcome did_not_complete needs a start_date"),
    ("referrals", 0, "end_date", "", "outcome completed needs an end_date"),
    ("referrals", 2, "end_date", "", "outcome withdrawn needs an end_date"),
]


@pytest.mark.parametrize(("file", "index", "column", "value", "rule"), ONE_BROKEN_VALUE)
def test_one_broken_value_gives_one_problem_naming_file_row_column_and_rule(
    tmp_path: Path, file: str, index: int, column: str, value: str, rule: str
) -> None:
    problems = problems_for(tmp_path, with_value(file, index, column, value))

    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (f"{file}.csv", index + 2, column, value)
    assert rule in problem.rule
    assert str(problem).startswith(f"{file}.csv, row {index + 2}, column {column}, value ")


# (file, index of the row repeated, key columns as reported)
ONE_DUPLICATE_KEY = [
    ("pdus", 1, "pdu_code"),
    ("caseload", 0, "pdu_code + month"),
    ("interventions", 2, "intervention_code"),
    ("provision", 1, "pdu_code + intervention_code + month"),
    ("people", 0, "person_id"),
    ("needs", 1, "person_id + need_code"),
    ("referrals", 3, "referral_id"),
]


@pytest.mark.parametrize(("file", "index", "key"), ONE_DUPLICATE_KEY)
def test_a_repeated_key_is_reported_on_the_later_row_with_the_first(
    tmp_path: Path, file: str, index: int, key: str
) -> None:
    rows = with_duplicate(file, index)
    problems = problems_for(tmp_path, rows)

    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.row, problem.column) == (f"{file}.csv", len(rows[file]) + 1, key)
    assert "must be unique" in problem.rule
    assert f"first on row {index + 2}" in problem.rule


def test_a_withdrawn_referral_may_have_no_start_date_and_not_suitable_too(tmp_path: Path) -> None:
    rows = with_value("referrals", 2, "outcome", "not_suitable")
    assert validated(tmp_path, rows).row_counts["referrals"] == 5


def test_an_empty_target_group_means_all(tmp_path: Path) -> None:
    interventions = validated(tmp_path).tables["interventions"].set_index("intervention_code")
    assert interventions.loc["BC", "target_group"] == "all"


def test_parsed_tables_have_proper_types_and_missing_values(tmp_path: Path) -> None:
    tables = validated(tmp_path).tables
    referrals = tables["referrals"].set_index("referral_id")

    assert referrals.loc["R1", "start_date"] == pd.Timestamp("2024-03-01")
    assert pd.isna(referrals.loc["R2", "end_date"])
    assert pd.isna(referrals.loc["R3", "need_code"])
    assert tables["caseload"]["month"].tolist() == [pd.Timestamp("2024-01-01")] * 2
    assert tables["provision"]["places"].tolist() == [24, 0]
    assert pd.isna(tables["interventions"].set_index("intervention_code").loc["BC", "provider"])


def test_the_needs_list_becomes_one_row_per_intervention_and_need(tmp_path: Path) -> None:
    rows = with_value("interventions", 0, "needs", " attitudes ; thinking_behaviour;attitudes;")
    pairs = validated(tmp_path, rows).tables["intervention_needs"]
    assert sorted(map(tuple, pairs.to_numpy().tolist())) == [
        ("BC", "attitudes"), ("BC", "thinking_behaviour"), ("CRS_ACC", "accommodation"),
    ]


def test_every_problem_is_collected_not_just_the_first(tmp_path: Path) -> None:
    rows = with_value("people", 0, "gender", "F")
    rows["referrals"][1]["outcome"] = "cancelled"
    rows["pdus"][0]["pdu_name"] = ""

    problems = problems_for(tmp_path, rows)
    assert {(problem.file, problem.row, problem.column) for problem in problems} == {
        ("people.csv", 2, "gender"), ("referrals.csv", 3, "outcome"), ("pdus.csv", 2, "pdu_name"),
    }


def test_the_report_is_capped_but_counts_every_problem(tmp_path: Path) -> None:
    rows = valid_rows()
    template = rows["referrals"][1]
    rows["referrals"] += [dict(template, referral_id=f"X{number}", outcome="lost") for number in range(120)]

    with pytest.raises(DatasetInvalidError) as caught:
        validated(tmp_path, rows)
    report = caught.value.report(limit=50)

    assert caught.value.total == 120
    assert report.count("referrals.csv, row") == 50
    assert "Showing 50 of 120" in report
    assert "120  referrals.csv, column outcome: must be one of" in report
    assert "the first data row is row 2" in report
