"""The sample data reproduces the published findings and the planted signals, within tolerance.

Targets (HM Inspectorate of Probation research bulletin, March 2024, and the
foundation issue): about half of judged needs insufficient, accommodation the
worst; lower sufficiency for ethnic minority groups; roughly 40% of accredited
programme referrals never start; waits of months with a long tail; a growing
waiting list; a few percent unknown ethnicity; planted PDUs and programmes
clearly worse than their region.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sample_data.generate import PLANTED_SIGNALS, generate_frames
from vocabulary.definitions import NEEDS

AS_OF = dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate_frames(people_count=20_000, seed=2024, as_of=AS_OF)


@pytest.fixture(scope="module")
def judged(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Judged need records with the person's PDU, region and ethnicity."""
    people = frames["people"].merge(frames["pdus"], on="pdu_code")
    needs = frames["needs"].dropna(subset=["sufficiency"]).merge(people, on="person_id")
    return needs.assign(insufficient=needs["sufficiency"] == "insufficient")


@pytest.fixture(scope="module")
def accredited(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Accredited programme referrals with region and wait to start in weeks."""
    referrals = frames["referrals"].merge(frames["interventions"], on="intervention_code")
    referrals = referrals[referrals["category"] == "accredited_programme"]
    referrals = referrals.merge(frames["pdus"], on="pdu_code")
    wait_days = (referrals["start_date"] - referrals["referral_date"]).dt.days
    return referrals.assign(wait_weeks=wait_days / 7)


def _waiting_at(referrals: pd.DataFrame, day: str) -> int:
    snapshot = pd.Timestamp(day)
    waiting = ((referrals["referral_date"] <= snapshot)
               & (referrals["start_date"].isna() | (referrals["start_date"] > snapshot))
               & (referrals["end_date"].isna() | (referrals["end_date"] > snapshot)))
    return int(waiting.sum())


def test_volumes_per_person(frames: dict[str, pd.DataFrame]) -> None:
    assert 6.4 < len(frames["needs"]) / 20_000 < 7.0
    assert 3.0 < len(frames["referrals"]) / 20_000 < 3.6


def test_about_half_of_judged_needs_are_insufficient(frames: dict, judged: pd.DataFrame) -> None:
    not_judged_share = frames["needs"]["sufficiency"].isna().mean()
    assert 0.15 <= not_judged_share <= 0.25
    assert 0.45 <= judged["insufficient"].mean() <= 0.55


def test_accommodation_is_the_worst_need(judged: pd.DataFrame) -> None:
    by_need = judged.groupby("need_code")["insufficient"].mean()
    assert set(by_need.index) == set(NEEDS)
    assert by_need.idxmax() == "accommodation"
    assert by_need["accommodation"] > by_need.drop("accommodation").max() + 0.05


def test_ethnic_minority_groups_have_lower_sufficiency(judged: pd.DataFrame) -> None:
    sufficient = 1 - judged.groupby("ethnicity_group")["insufficient"].mean()
    minority = judged[judged["ethnicity_group"].isin(["asian", "black", "mixed", "other"])]
    assert (sufficient[["asian", "black", "mixed", "other"]] < sufficient["white"]).all()
    assert sufficient["white"] - (1 - minority["insufficient"].mean()) > 0.04


def test_ethnicity_is_unknown_in_a_few_percent(frames: dict[str, pd.DataFrame]) -> None:
    assert 0.01 <= (frames["people"]["ethnicity_group"] == "unknown").mean() <= 0.06


def test_about_40_percent_of_accredited_referrals_never_start(accredited: pd.DataFrame) -> None:
    assert 0.35 <= accredited["start_date"].isna().mean() <= 0.45
    removed = accredited["outcome"].isin(["withdrawn", "not_suitable"])
    assert 0.2 <= (removed & accredited["start_date"].isna()).mean() <= 0.35


def test_accredited_waits_are_months_with_a_long_tail(accredited: pd.DataFrame) -> None:
    waits = accredited["wait_weeks"].dropna()
    assert 10 <= waits.median() <= 20
    assert (waits > 52).sum() > 0.005 * len(waits)
    assert waits.quantile(0.9) > 2 * waits.median()


def test_accredited_waiting_list_grows_over_three_years(accredited: pd.DataFrame) -> None:
    year_ends = [_waiting_at(accredited, day)
                 for day in ("2023-11-30", "2024-10-31", "2025-10-31", "2026-10-31")]
    assert year_ends == sorted(year_ends)
    assert year_ends[-1] > 1.5 * year_ends[0]


def test_planted_low_sufficiency_pdus_are_worse_than_their_region(judged: pd.DataFrame) -> None:
    for pdu_code in PLANTED_SIGNALS["low_sufficiency_pdus"]["pdus"]:
        region = judged.loc[judged["pdu_code"] == pdu_code, "region_code"].iloc[0]
        in_region = judged[judged["region_code"] == region]
        own = in_region.loc[in_region["pdu_code"] == pdu_code, "insufficient"].mean()
        others = in_region.loc[in_region["pdu_code"] != pdu_code, "insufficient"].mean()
        assert own > others + 0.1, pdu_code


def test_planted_long_wait_pdus_wait_longer_than_their_region(accredited: pd.DataFrame) -> None:
    for pdu_code in PLANTED_SIGNALS["long_wait_pdus"]["pdus"]:
        region = accredited.loc[accredited["pdu_code"] == pdu_code, "region_code"].iloc[0]
        in_region = accredited[accredited["region_code"] == region]
        own = in_region.loc[in_region["pdu_code"] == pdu_code, "wait_weeks"].median()
        others = in_region.loc[in_region["pdu_code"] != pdu_code, "wait_weeks"].median()
        assert own > 1.4 * others, pdu_code


def test_planted_long_wait_programmes_wait_longer(accredited: pd.DataFrame) -> None:
    national = accredited["wait_weeks"].median()
    by_programme = accredited.groupby("intervention_code")["wait_weeks"].median()
    for code in PLANTED_SIGNALS["long_wait_programmes"]["interventions"]:
        assert by_programme[code] > 1.3 * national, code
    planted = PLANTED_SIGNALS["long_wait_programme_in_region"]
    programme = accredited[accredited["intervention_code"] == planted["intervention"]]
    in_region = programme["region_code"] == planted["region"]
    assert (programme.loc[in_region, "wait_weeks"].median()
            > 1.4 * programme.loc[~in_region, "wait_weeks"].median())


def test_only_the_planted_pdus_lack_provision_for_a_need(frames: dict) -> None:
    addressed = frames["interventions"].assign(
        need_code=frames["interventions"]["needs"].str.split(";")).explode("need_code")
    offered = frames["provision"].merge(addressed, on="intervention_code")
    covered = offered.groupby("pdu_code")["need_code"].agg(set)
    gaps = {(pdu_code, need) for pdu_code in frames["pdus"]["pdu_code"] for need in NEEDS
            if need not in covered.get(pdu_code, set())}
    planted = {(pdu_code, need)
               for signal, need in (("no_accommodation_provision_pdus", "accommodation"),
                                    ("no_finance_provision_pdus", "finance"))
               for pdu_code in PLANTED_SIGNALS[signal]["pdus"]}
    assert gaps == planted
