"""A tiny valid dataset built in code, written as CSV files or an .xlsx workbook.

Tests change exactly one thing in it (a value, a column, a file) and check
what the validator or loader says. Row numbers follow the files: the header
is row 1, so ``rows["referrals"][0]`` is row 2.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path

from openpyxl import Workbook

Rows = dict[str, list[dict[str, str]]]

_VALID: Rows = {
    "pdus": [
        {"pdu_code": "N01", "pdu_name": "Newcastle", "region_code": "NE", "region_name": "North East"},
        {"pdu_code": "L01", "pdu_name": "Camden and Islington", "region_code": "LDN", "region_name": "London"},
    ],
    "caseload": [
        {"pdu_code": "N01", "month": "2024-01", "people_supervised": "2150"},
        {"pdu_code": "L01", "month": "2024-01", "people_supervised": "1980"},
    ],
    "interventions": [
        {"intervention_code": "BC", "intervention_name": "Building Choices", "category": "accredited_programme",
         "needs": "thinking_behaviour;attitudes", "delivery": "group", "provider": "", "target_group": ""},
        {"intervention_code": "CRS_ACC", "intervention_name": "CRS Accommodation",
         "category": "commissioned_rehabilitative_service", "needs": "accommodation", "delivery": "one_to_one",
         "provider": "Nacro", "target_group": "all"},
        {"intervention_code": "CRS_WS", "intervention_name": "CRS Women's Services",
         "category": "commissioned_rehabilitative_service", "needs": "", "delivery": "mixed",
         "provider": "Advance", "target_group": "women"},
    ],
    "provision": [
        {"pdu_code": "N01", "intervention_code": "BC", "month": "2024-01", "places": "24"},
        {"pdu_code": "L01", "intervention_code": "CRS_ACC", "month": "2024-01", "places": "0"},
    ],
    "people": [
        {"person_id": "P1", "pdu_code": "N01", "gender": "male", "ethnicity_group": "white", "age_band": "25-34",
         "risk_level": "medium", "sentence_type": "community_order", "sentence_end_date": "2025-06-30"},
        {"person_id": "P2", "pdu_code": "N01", "gender": "female", "ethnicity_group": "black", "age_band": "18-24",
         "risk_level": "high", "sentence_type": "licence", "sentence_end_date": ""},
        {"person_id": "P3", "pdu_code": "L01", "gender": "male", "ethnicity_group": "unknown", "age_band": "50+",
         "risk_level": "low", "sentence_type": "suspended_sentence_order", "sentence_end_date": "2024-12-31"},
    ],
    "needs": [
        {"person_id": "P1", "need_code": "thinking_behaviour", "identified_date": "2024-01-10",
         "sufficiency": "insufficient"},
        {"person_id": "P1", "need_code": "accommodation", "identified_date": "2024-01-10", "sufficiency": ""},
        {"person_id": "P2", "need_code": "accommodation", "identified_date": "2024-02-01",
         "sufficiency": "sufficient"},
    ],
    "referrals": [
        {"referral_id": "R1", "person_id": "P1", "pdu_code": "N01", "intervention_code": "BC",
         "need_code": "thinking_behaviour", "referral_date": "2024-01-15", "start_date": "2024-03-01",
         "end_date": "2024-06-20", "outcome": "completed"},
        {"referral_id": "R2", "person_id": "P1", "pdu_code": "N01", "intervention_code": "CRS_ACC",
         "need_code": "accommodation", "referral_date": "2024-01-15", "start_date": "", "end_date": "",
         "outcome": "open"},
        {"referral_id": "R3", "person_id": "P2", "pdu_code": "N01", "intervention_code": "CRS_WS",
         "need_code": "", "referral_date": "2024-02-05", "start_date": "", "end_date": "2024-02-20",
         "outcome": "withdrawn"},
        {"referral_id": "R4", "person_id": "P3", "pdu_code": "L01", "intervention_code": "BC",
         "need_code": "", "referral_date": "2024-03-01", "start_date": "2024-03-01", "end_date": "2024-04-01",
         "outcome": "did_not_complete"},
        {"referral_id": "R5", "person_id": "P3", "pdu_code": "L01", "intervention_code": "BC",
         "need_code": "attitudes", "referral_date": "2024-05-01", "start_date": "2024-05-10", "end_date": "",
         "outcome": "open"},
    ],
}

#: Rows per database table when the valid dataset is loaded.
VALID_ROW_COUNTS = {
    "pdus": 2, "caseload": 2, "interventions": 3, "intervention_needs": 3, "provision": 2,
    "people": 3, "needs": 3, "referrals": 5,
}


def valid_rows() -> Rows:
    """A fresh copy of the valid dataset, safe to change."""
    return copy.deepcopy(_VALID)


def write_csv_dataset(folder: Path, rows: Rows | None = None) -> Path:
    """Write ``rows`` (default: the valid dataset) as one CSV file per table; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in (valid_rows() if rows is None else rows).items():
        write_csv(folder / f"{name}.csv", records)
    return folder


def write_csv(path: Path, records: list[dict[str, str]], header: list[str] | None = None) -> None:
    """Write records as a UTF-8 CSV file with a header row (``header`` defaults to the first record's keys)."""
    names = header if header is not None else list(records[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows([record.get(name, "") for name in names] for record in records)


def write_xlsx_dataset(path: Path, rows: Rows | None = None) -> Path:
    """Write ``rows`` (default: the valid dataset) as a workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, records in (valid_rows() if rows is None else rows).items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(records[0]))
        for record in records:
            sheet.append([value if value != "" else None for value in record.values()])
    workbook.save(path)
    return path
