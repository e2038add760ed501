"""A small dataset with planted data-quality problems, each in one known place, and nothing else wrong.

Period 2024. Planted: a duplicate referral (N01), a stale open referral (N01), a PDU with no
sufficiency judgements (W01), a person of unknown ethnicity (L01), referrals without a need code
(one matched through its intervention in L01, one not in N01), a referral and a need record dated
after the data date (S01, W01), two caseload months missing (L01), and a PDU with referrals but no
provision (S01). ``EXPECTED_PROBLEMS`` lists every non-zero problem count per PDU.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.dataset_builder import Rows, write_csv_dataset

PERIOD = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
_PDUS = {"N01": ("Newcastle", "NE", "North East"), "L01": ("Camden", "LDN", "London"),
         "W01": ("Cardiff", "WAL", "Wales"), "S01": ("Southampton", "SC", "South Central")}


def _referral(rid: str, person: str, pdu: str, code: str, need: str, referred: str, start: str = "",
              end: str = "", outcome: str = "open") -> dict[str, str]:
    return {"referral_id": rid, "person_id": person, "pdu_code": pdu, "intervention_code": code,
            "need_code": need, "referral_date": referred, "start_date": start, "end_date": end, "outcome": outcome}


def _person(pid: str, pdu: str, ethnicity: str = "white") -> dict[str, str]:
    return {"person_id": pid, "pdu_code": pdu, "gender": "male", "ethnicity_group": ethnicity, "age_band": "25-34",
            "risk_level": "medium", "sentence_type": "community_order", "sentence_end_date": ""}


def _need(pid: str, need: str, identified: str, sufficiency: str) -> dict[str, str]:
    return {"person_id": pid, "need_code": need, "identified_date": identified, "sufficiency": sufficiency}


def planted_rows(*, clean: bool = False) -> Rows:
    """The dataset; with ``clean`` the same shape with none of the problems planted."""
    caseload_months = {code: 12 for code in _PDUS} | ({} if clean else {"L01": 10})
    provided = ("N01", "L01", "W01") + (("S01",) if clean else ())
    people = [_person("P1", "N01"), _person("P2", "N01"), _person("P3", "L01"), _person("P4", "W01"),
              _person("P5", "L01", "white" if clean else "unknown"), _person("P6", "S01")]
    needs = [_need("P1", "thinking_behaviour", "2024-01-10", "insufficient"),
             _need("P1", "accommodation", "2024-01-10", "sufficient"),
             _need("P2", "accommodation", "2024-02-01", "sufficient"),
             _need("P4", "accommodation", "2024-03-01", "sufficient" if clean else ""),
             _need("P4", "attitudes", "2024-04-01", "insufficient" if clean else "")]
    if not clean:
        needs.append(_need("P4", "finance", "2099-01-01", "sufficient"))
    referrals = [
        _referral("R1", "P1", "N01", "BC", "thinking_behaviour", "2024-01-15", "2024-03-01", "2024-06-20", "completed"),
        _referral("R2", "P1", "N01", "CRS_ACC", "accommodation", "2024-01-15", "", "2024-02-01", "withdrawn"),
        _referral("R3", "P2", "N01", "CRS_WS", "accommodation", "2024-02-05", "", "2024-02-20", "withdrawn"),
        _referral("R4", "P3", "L01", "BC", "attitudes", "2024-03-01", "2024-03-01", "2024-04-01", "did_not_complete"),
        _referral("R10", "P2", "N01", "CRS_ACC", "accommodation", "2024-06-01"),  # open, not stale
        _referral("R11", "P4", "W01", "BC", "attitudes", "2024-05-01", "2024-05-10", "2024-07-01", "completed"),
        _referral("R12", "P5", "L01", "CRS_ACC", "accommodation", "2024-05-01", "", "2024-05-20", "withdrawn"),
        _referral("R16", "P6", "S01", "CRS_ACC", "accommodation", "2024-05-01", "", "2024-05-20", "withdrawn"),
        # 15 days after R6 (or after R1 in the clean data): outside the duplicate window
        _referral("R7", "P1", "N01", "BC", "thinking_behaviour", "2024-02-04", "", "2024-02-10", "withdrawn"),
    ]
    if not clean:
        referrals += [
            _referral("R6", "P1", "N01", "BC", "thinking_behaviour", "2024-01-20", "", "2024-01-25", "withdrawn"),
            _referral("R9", "P2", "N01", "CRS_ACC", "accommodation", "2023-06-01"),  # stale at 31 Dec 2024
            _referral("R13", "P3", "L01", "BC", "", "2024-07-01", "", "2024-07-09", "withdrawn"),
            _referral("R14", "P2", "N01", "CRS_WS", "", "2024-08-01", "", "2024-08-09", "withdrawn"),
            _referral("R15", "P6", "S01", "CRS_ACC", "accommodation", "2099-02-01"),
        ]
    return {
        "pdus": [{"pdu_code": code, "pdu_name": name, "region_code": region, "region_name": region_name}
                 for code, (name, region, region_name) in _PDUS.items()],
        "caseload": [{"pdu_code": code, "month": f"2024-{month:02d}", "people_supervised": "500"}
                     for code, months in caseload_months.items() for month in range(1, months + 1)],
        "interventions": [
            {"intervention_code": "BC", "intervention_name": "Building Choices", "category": "accredited_programme",
             "needs": "thinking_behaviour;attitudes", "delivery": "group", "provider": "", "target_group": "all"},
            {"intervention_code": "CRS_ACC", "intervention_name": "CRS Accommodation",
             "category": "commissioned_rehabilitative_service", "needs": "accommodation", "delivery": "one_to_one",
             "provider": "Nacro", "target_group": "all"},
            {"intervention_code": "CRS_WS", "intervention_name": "CRS Women's Services",
             "category": "commissioned_rehabilitative_service", "needs": "", "delivery": "mixed",
             "provider": "Advance", "target_group": "all"},
        ],
        "provision": [{"pdu_code": code, "intervention_code": "CRS_ACC", "month": "2024-03", "places": "10"}
                      for code in provided],
        "people": people,
        "needs": needs,
        "referrals": referrals,
    }


#: Every non-zero problem count the planted dataset must give, per (PDU, column); all others are 0.
EXPECTED_PROBLEMS: dict[tuple[str, str], int] = {
    ("N01", "duplicate_count"): 1,
    ("N01", "stale_count"): 1,
    ("W01", "unjudged_count"): 2,
    ("L01", "ethnicity_unknown_count"): 1,
    ("L01", "no_need_code_count"): 1,
    ("L01", "via_intervention_count"): 1,
    ("N01", "no_need_code_count"): 1,
    ("S01", "future_referral_count"): 1,
    ("W01", "future_need_count"): 1,
}
#: PDUs missing caseload months in 2024, and how many.
EXPECTED_MISSING_MONTHS = {"L01": 2}
#: PDUs with referrals in 2024 but no provision.
EXPECTED_NO_PROVISION = ("S01",)


def write_planted_dataset(folder: Path, *, clean: bool = False) -> Path:
    """Write the dataset as CSV files; return the folder."""
    return write_csv_dataset(folder, planted_rows(clean=clean))
