"""Reading datasets: malformed files get a clear problem (never a traceback); the xlsx form; lenient headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from data_access.problems import DatasetInvalidError, Problem
from data_access.read import read_dataset
from data_access.validate import validate_dataset
from tests.dataset_builder import valid_rows, write_csv, write_csv_dataset, write_xlsx_dataset


def read_problems(path: Path, **options: float) -> list[Problem]:
    with pytest.raises(DatasetInvalidError) as caught:
        validate_dataset(read_dataset(path, **options))
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_csv_dataset(tmp_path / "dataset")


def test_a_file_that_is_not_utf8_names_the_line(folder: Path) -> None:
    text = (folder / "pdus.csv").read_text(encoding="utf-8").replace("Newcastle", "Newcastle upon Tyne é")
    (folder / "pdus.csv").write_bytes(text.encode("cp1252"))
    problem = only(read_problems(folder))
    assert (problem.file, problem.row) == ("pdus.csv", 2)
    assert "not UTF-8" in problem.rule


def test_a_utf8_byte_order_mark_is_accepted(folder: Path) -> None:
    (folder / "pdus.csv").write_bytes(b"\xef\xbb\xbf" + (folder / "pdus.csv").read_bytes())
    assert len(read_dataset(folder).frames["pdus"]) == 2


def test_a_binary_file_is_not_csv(folder: Path) -> None:
    (folder / "needs.csv").write_bytes(b"person_id\x00\x00need_code\n")
    problem = only(read_problems(folder))
    assert problem.file == "needs.csv" and "not a CSV text file" in problem.rule


def test_an_empty_file(folder: Path) -> None:
    (folder / "people.csv").write_bytes(b"")
    problem = only(read_problems(folder))
    assert problem.file == "people.csv" and "the file is empty" in problem.rule


def test_a_required_file_with_a_header_but_no_rows(folder: Path) -> None:
    (folder / "referrals.csv").write_text((folder / "referrals.csv").read_text().splitlines()[0] + "\n")
    assert "no data rows" in only(read_problems(folder)).rule


def test_a_missing_required_file(folder: Path) -> None:
    (folder / "referrals.csv").rename(folder / "referrals.xlsx")
    problem = only(read_problems(folder))
    assert problem.file == "referrals.csv"
    assert "required file is missing (found referrals.xlsx" in problem.rule


def test_optional_files_and_columns_may_be_left_out(folder: Path) -> None:
    (folder / "caseload.csv").unlink()
    (folder / "provision.csv").unlink()
    rows = valid_rows()
    write_csv(folder / "interventions.csv", rows["interventions"],
              header=["intervention_code", "intervention_name", "category", "needs", "delivery"])
    valid = validate_dataset(read_dataset(folder))
    assert "caseload" not in valid.tables and "provision" not in valid.tables
    assert set(valid.tables["interventions"]["target_group"]) == {"all"}


def test_a_missing_required_column_names_the_column(folder: Path) -> None:
    rows = valid_rows()["referrals"]
    write_csv(folder / "referrals.csv", rows, header=[name for name in rows[0] if name != "outcome"])
    problem = only(read_problems(folder))
    assert (problem.file, problem.row, problem.column) == ("referrals.csv", 1, "outcome")
    assert "required column is missing" in problem.rule


def test_a_file_over_the_size_limit(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limit_mb = ((folder / "referrals.csv").stat().st_size - 1) / 2**20
    problem = only(read_problems(folder, max_file_mb=limit_mb))
    assert problem.file == "referrals.csv" and "over the" in problem.rule and "limit" in problem.rule
    monkeypatch.setenv("DATASET_MAX_FILE_MB", str(limit_mb))
    assert only(read_problems(folder)).file == "referrals.csv"


def test_a_row_with_too_few_fields_is_named(folder: Path) -> None:
    path = folder / "pdus.csv"
    path.write_text(path.read_text() + "Z01,Zed\n")
    problem = only(read_problems(folder))
    assert (problem.file, problem.row) == ("pdus.csv", 4)
    assert "the row has 2 fields but the header has 4" in problem.rule


def test_a_path_that_is_not_a_dataset(tmp_path: Path) -> None:
    assert "does not exist" in only(read_problems(tmp_path / "nowhere")).rule
    (tmp_path / "people.csv").write_text("person_id\n")
    assert "neither a folder nor an .xlsx workbook" in only(read_problems(tmp_path / "people.csv")).rule


def test_headers_are_trimmed_case_insensitive_in_any_order_and_values_trimmed(folder: Path) -> None:
    rows = valid_rows()["people"]
    header = list(reversed(rows[0]))
    for record in rows:
        record["gender"] = f"  {record['gender']} "
    write_csv(folder / "people.csv", [{f" {name.upper()} ": record[name] for name in header} for record in rows])
    people = validate_dataset(read_dataset(folder)).tables["people"]
    assert list(people.columns[:2]) == ["person_id", "pdu_code"]
    assert people["gender"].tolist() == ["male", "female", "male"]


def test_unknown_columns_and_files_are_ignored_with_a_warning(folder: Path) -> None:
    rows = valid_rows()["people"]
    write_csv(folder / "people.csv", [dict(record, notes="x") for record in rows])
    write_csv(folder / "extra.csv", [{"a": "1"}])
    warnings = read_dataset(folder).warnings
    assert any("people.csv" in warning and "notes" in warning for warning in warnings)
    assert any("extra.csv" in warning for warning in warnings)


def test_blank_lines_are_skipped_without_shifting_row_numbers(folder: Path) -> None:
    path = folder / "people.csv"
    lines = path.read_text().splitlines()
    lines.insert(2, "")
    lines[3] = lines[3].replace("female", "F")
    path.write_text("\n".join(lines) + "\n")
    problem = only(read_problems(folder))
    assert (problem.file, problem.row, problem.column) == ("people.csv", 4, "gender")


def test_a_valid_workbook_reads_like_the_csv_folder(folder: Path, tmp_path: Path) -> None:
    from_csv = validate_dataset(read_dataset(folder)).tables
    from_xlsx = validate_dataset(read_dataset(write_xlsx_dataset(tmp_path / "dataset.xlsx"))).tables
    for name, rows in from_csv.items():
        pd.testing.assert_frame_equal(from_xlsx[name], rows, check_dtype=False)


def test_excel_dates_and_numbers_become_contract_text(tmp_path: Path) -> None:
    path = write_xlsx_dataset(tmp_path / "dataset.xlsx")
    workbook = load_workbook(path)
    workbook["caseload"]["B2"] = dt.datetime(2024, 1, 1)  # Excel's reading of "2024-01"
    workbook["caseload"]["C2"] = 2150.0
    workbook["referrals"]["F2"] = dt.datetime(2024, 1, 15)
    workbook.save(path)
    tables = validate_dataset(read_dataset(path)).tables
    assert tables["caseload"]["people_supervised"].iloc[0] == 2150
    assert tables["referrals"]["referral_date"].iloc[0] == pd.Timestamp("2024-01-15")


def test_a_broken_value_in_a_workbook_names_the_sheet_and_row(tmp_path: Path) -> None:
    rows = valid_rows()
    rows["referrals"][2]["outcome"] = "lost"
    problem = only(read_problems(write_xlsx_dataset(tmp_path / "dataset.xlsx", rows)))
    assert (problem.file, problem.row, problem.column) == ("dataset.xlsx, sheet referrals", 4, "outcome")


def test_a_workbook_missing_a_sheet_or_not_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx_dataset(tmp_path / "dataset.xlsx")
    workbook = load_workbook(path)
    del workbook["needs"]
    workbook.save(path)
    assert only(read_problems(path)).rule == "required sheet is missing"
    (tmp_path / "fake.xlsx").write_text("pdu_code\nN01\n")
    assert "not a readable .xlsx workbook" in only(read_problems(tmp_path / "fake.xlsx")).rule


def test_a_synthetic_marker_file_or_sheet_marks_the_dataset(folder: Path, tmp_path: Path) -> None:
    assert not read_dataset(folder).synthetic
    (folder / "SYNTHETIC").write_text("Generated by sample_data.generate\n")
    assert read_dataset(folder).synthetic
    path = write_xlsx_dataset(tmp_path / "dataset.xlsx")
    workbook = load_workbook(path)
    workbook.create_sheet("SYNTHETIC")
    workbook.save(path)
    assert read_dataset(path).synthetic and not read_dataset(path).warnings


def test_a_file_separated_by_semicolons_is_named_as_such(folder: Path) -> None:
    path = folder / "pdus.csv"
    path.write_text(path.read_text().replace(",", ";"))
    problem = only(read_problems(folder))
    assert (problem.file, problem.row) == ("pdus.csv", 1)
    assert "separated by ';'" in problem.rule
