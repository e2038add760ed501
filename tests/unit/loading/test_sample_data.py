"""The sample data generator: interface, determinism and every data-contract rule.

The contract checks are written here against the frames directly (independently
of data_access.validate), and the written CSVs are checked as text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from sample_data.generate import generate_frames, main, write_dataset
from vocabulary.definitions import (
    AGE_BANDS,
    CATEGORIES,
    DELIVERY_MODES,
    ETHNICITY_GROUPS,
    GENDERS,
    NEEDS,
    OUTCOMES,
    RISK_LEVELS,
    SENTENCE_TYPES,
    TARGET_GROUPS,
)

AS_OF = dt.date(2026, 10, 31)
CONTRACT_COLUMNS = {
    "pdus": ["pdu_code", "pdu_name", "region_code", "region_name"],
    "caseload": ["pdu_code", "month", "people_supervised"],
    "interventions": ["intervention_code", "intervention_name", "category", "needs", "delivery",
                      "provider", "target_group"],
    "provision": ["pdu_code", "intervention_code", "month", "places"],
    "people": ["person_id", "pdu_code", "gender", "ethnicity_group", "age_band", "risk_level",
               "sentence_type", "sentence_end_date"],
    "needs": ["person_id", "need_code", "identified_date", "sufficiency"],
    "referrals": ["referral_id", "person_id", "pdu_code", "intervention_code", "need_code",
                  "referral_date", "start_date", "end_date", "outcome"],
}
REGION_NAMES = {
    "North East", "North West", "Yorkshire and the Humber", "Wales", "West Midlands",
    "East Midlands", "South West", "South Central", "East of England", "London",
    "Kent, Surrey and Sussex", "Greater Manchester",
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate_frames(people_count=4_000, seed=7, as_of=AS_OF)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


def test_same_seed_gives_byte_identical_files_and_another_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("first", 11), ("again", 11), ("other", 12)):
        write_dataset(generate_frames(people_count=3_000, seed=seed), tmp_path / name)
    first, again, other = (_files(tmp_path / name) for name in ("first", "again", "other"))
    assert sorted(first) == sorted(f"{name}.csv" for name in CONTRACT_COLUMNS)
    assert first == again
    assert first["referrals.csv"] != other["referrals.csv"]
    assert first["needs.csv"] != other["needs.csv"]


def test_frames_have_exactly_the_contract_columns(frames: dict[str, pd.DataFrame]) -> None:
    assert {name: list(frame.columns) for name, frame in frames.items()} == CONTRACT_COLUMNS


def test_written_csv_uses_contract_text_forms(tmp_path: Path, frames: dict) -> None:
    write_dataset(frames, tmp_path)
    referrals_text = (tmp_path / "referrals.csv").read_text(encoding="utf-8")
    assert "\r" not in referrals_text
    assert referrals_text.splitlines()[0] == ",".join(CONTRACT_COLUMNS["referrals"])
    written = pd.read_csv(tmp_path / "referrals.csv", dtype=str, keep_default_na=False)
    assert written["referral_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert written["start_date"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    caseload = pd.read_csv(tmp_path / "caseload.csv", dtype=str)
    assert caseload["month"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert not list(tmp_path.glob(".*partial"))


def test_keys_are_unique(frames: dict[str, pd.DataFrame]) -> None:
    keys = {"pdus": ["pdu_code"], "caseload": ["pdu_code", "month"],
            "interventions": ["intervention_code"],
            "provision": ["pdu_code", "intervention_code", "month"], "people": ["person_id"],
            "needs": ["person_id", "need_code"], "referrals": ["referral_id"]}
    for name, columns in keys.items():
        assert not frames[name].duplicated(columns).any(), name


def test_references_exist(frames: dict[str, pd.DataFrame]) -> None:
    pdu_codes = set(frames["pdus"]["pdu_code"])
    intervention_codes = set(frames["interventions"]["intervention_code"])
    person_ids = set(frames["people"]["person_id"])
    for name in ("caseload", "provision", "people", "referrals"):
        assert set(frames[name]["pdu_code"]) <= pdu_codes, name
    for name in ("provision", "referrals"):
        assert set(frames[name]["intervention_code"]) <= intervention_codes, name
    for name in ("needs", "referrals"):
        assert set(frames[name]["person_id"]) <= person_ids, name


@pytest.mark.parametrize(("name", "column", "allowed"), [
    ("interventions", "category", CATEGORIES), ("interventions", "delivery", DELIVERY_MODES),
    ("interventions", "target_group", TARGET_GROUPS), ("people", "gender", GENDERS),
    ("people", "ethnicity_group", ETHNICITY_GROUPS), ("people", "age_band", AGE_BANDS),
    ("people", "risk_level", RISK_LEVELS), ("people", "sentence_type", SENTENCE_TYPES),
    ("needs", "need_code", NEEDS), ("referrals", "outcome", OUTCOMES),
])
def test_enumerations_hold(frames: dict, name: str, column: str, allowed: tuple) -> None:
    assert set(frames[name][column]) <= set(allowed)


def test_optional_codes_are_valid_or_empty(frames: dict[str, pd.DataFrame]) -> None:
    sufficiency = frames["needs"]["sufficiency"]
    assert set(sufficiency.dropna()) == {"sufficient", "insufficient"}
    assert sufficiency.isna().any()
    need_code = frames["referrals"]["need_code"]
    assert set(need_code.dropna()) <= set(NEEDS)
    assert 0.03 < need_code.isna().mean() < 0.15
    listed = frames["interventions"]["needs"].str.split(";").explode()
    assert set(listed) <= set(NEEDS)


def test_counts_are_non_negative_integers(frames: dict[str, pd.DataFrame]) -> None:
    for name, column in (("caseload", "people_supervised"), ("provision", "places")):
        values = frames[name][column]
        assert pd.api.types.is_integer_dtype(values) and (values >= 0).all(), name


def test_referral_dates_and_outcomes_are_consistent(frames: dict[str, pd.DataFrame]) -> None:
    referrals = frames["referrals"]
    start, end, outcome = referrals["start_date"], referrals["end_date"], referrals["outcome"]
    assert referrals["referral_date"].notna().all()
    assert end[outcome == "open"].isna().all()
    finished = outcome.isin(["completed", "did_not_complete"])
    assert start[finished].notna().all() and end[finished].notna().all()
    assert end[outcome.isin(["withdrawn", "not_suitable"])].notna().all()
    assert (start.dropna() >= referrals.loc[start.notna(), "referral_date"]).all()
    started = start.notna() & end.notna()
    assert (end[started] >= start[started]).all()
    assert (end.dropna() >= referrals.loc[end.notna(), "referral_date"]).all()
    latest = referrals[["referral_date", "start_date", "end_date"]].max().max()
    assert latest <= pd.Timestamp(AS_OF)
    assert (start == referrals["referral_date"]).any()
    assert (outcome.isin(["withdrawn", "not_suitable"]) & start.isna()).any()
    assert (outcome.isin(["withdrawn"]) & start.notna()).any()


def test_identified_dates_are_not_after_as_of(frames: dict[str, pd.DataFrame]) -> None:
    assert frames["needs"]["identified_date"].notna().all()
    assert frames["needs"]["identified_date"].max() <= pd.Timestamp(AS_OF)


def test_identifiers_are_pseudonymised_strings(frames: dict[str, pd.DataFrame]) -> None:
    assert frames["people"]["person_id"].str.fullmatch(r"P\d{7}").all()
    assert frames["referrals"]["referral_id"].str.fullmatch(r"R\d{7}").all()


def test_targeted_interventions_are_referred_only_for_their_group(frames: dict) -> None:
    referrals = frames["referrals"].merge(frames["interventions"]).merge(frames["people"])
    assert set(referrals.loc[referrals["target_group"] == "women", "gender"]) == {"female"}
    assert set(referrals.loc[referrals["target_group"] == "men", "gender"]) == {"male"}
    womens_crs = frames["interventions"]["intervention_name"].str.startswith("Women's Services")
    assert (frames["interventions"].loc[womens_crs, "target_group"] == "women").all()


def test_referral_need_is_one_the_intervention_addresses(frames: dict) -> None:
    referrals = frames["referrals"].dropna(subset=["need_code"]).merge(frames["interventions"])
    addressed = [need in listed.split(";") for need, listed in
                 zip(referrals["need_code"], referrals["needs"], strict=True)]
    assert all(addressed)


def test_map_has_the_twelve_regions_and_108_pdus(frames: dict[str, pd.DataFrame]) -> None:
    pdus = frames["pdus"]
    assert set(pdus["region_name"]) == REGION_NAMES
    assert len(pdus) == 108
    per_region = pdus.groupby("region_name").size()
    assert per_region["London"] == 18 and per_region["Kent, Surrey and Sussex"] == 5
    assert pdus.groupby("region_code")["region_name"].nunique().eq(1).all()


def test_caseload_scales_with_people_to_2200_per_pdu_at_full_scale(frames: dict) -> None:
    caseload = frames["caseload"]
    assert caseload["month"].nunique() == 36
    assert caseload["month"].max() == "2026-10" and caseload["month"].min() == "2023-11"
    full_scale_per_pdu = caseload["people_supervised"].mean() * 240_000 / 4_000
    assert 2_000 < full_scale_per_pdu < 2_500
    per_pdu = caseload.groupby("pdu_code")["people_supervised"].mean()
    assert per_pdu.max() > 2 * per_pdu.min()


def test_catalogue_names_real_programmes_in_every_category(frames: dict) -> None:
    interventions = frames["interventions"]
    names = set(interventions["intervention_name"])
    assert {"Building Choices", "Thinking Skills Programme", "Building Better Relationships",
            "Horizon", "iHorizon", "New Me Strengths", "Living as New Me",
            "Healthy Identity Intervention", "Kaizen"} <= names
    assert set(interventions["category"]) == set(CATEGORIES)
    crs = interventions[interventions["category"] == "commissioned_rehabilitative_service"]
    assert crs["provider"].notna().all() and crs["provider"].nunique() > 5


def test_command_line_writes_the_dataset_and_reports(tmp_path: Path, capsys) -> None:
    main(["--out", str(tmp_path), "--people", "500", "--seed", "3"])
    printed = capsys.readouterr().out
    assert sorted(path.name for path in tmp_path.glob("*.csv")) == sorted(
        f"{name}.csv" for name in CONTRACT_COLUMNS)
    assert "people.csv: 500 rows" in printed
    assert re.search(r"total \d+\.\d s", printed)


def test_the_loader_validator_finds_no_problem(tmp_path: Path, frames: dict) -> None:
    from data_access.read import read_dataset
    from data_access.validate import validate_dataset

    write_dataset(frames, tmp_path)
    valid = validate_dataset(read_dataset(tmp_path))
    assert valid.warnings == []
    assert valid.row_counts["referrals"] == len(frames["referrals"])
    assert AS_OF - dt.timedelta(days=7) <= valid.referral_date_range()[1] <= AS_OF


def test_written_dataset_is_marked_synthetic_for_the_loader(tmp_path):
    from data_access.read import read_dataset
    from sample_data.generate import generate_frames, write_dataset

    write_dataset(generate_frames(people_count=500, seed=3), tmp_path)
    assert (tmp_path / "SYNTHETIC").exists()
    assert read_dataset(tmp_path).synthetic is True
