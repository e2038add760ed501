"""The commissioning view's shortfall in places per need and PDU, and the needs with no local provision,
against values worked by hand on the shared example (tests/landscape_example.py).

Worked by hand (period of 2 months, places over 2 provision months; available: every pair with
places, so A2's AP with 0 places is not available):

- Accommodation, Alpha One: referrals CRS_ACC 10 → 5.0 a month; places CRS_ACC 10 + WOM 6 = 16 → 8.0;
  shortfall 5.0 − 8.0 = −3.0 (spare places).
- Thinking and behaviour, Alpha One: referrals AP 30 → 15.0; places AP 24 + SI 4 = 28 → 14.0; shortfall +1.0.
- Thinking and behaviour, Alpha Two: referrals AP 6 → 3.0; no place (AP has none there) → +3.0 exactly;
  shown from the count as shown (5): 2.5 a month, shortfall +2.5.
- Thinking and behaviour, Beta One: referrals SI 4 → 2.0; places 8 → 4.0; shortfall −2.0; 4 referrals
  show as "<5", so its rates are not shown.
- Relationships, Alpha Two: referrals BBR 40 → 20.0; places 12 → 6.0; shortfall +14.0.
- Every other need and PDU: no referral, no place: 0.
Needs with no local provision: accommodation in Alpha Two and Beta One; thinking and behaviour in
Alpha Two; relationships in Alpha One and Beta One: 5 pairs.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.landscape.availability import available_need_pairs, available_pairs
from metrics.landscape.gaps import gap_pair_count, pdu_need_grid
from metrics.landscape.shortfall import (
    largest_shortfalls,
    need_pdu_shortfall,
    no_provision_by_need,
    shortfall_rows,
    shortfall_table,
)
from tests.landscape_example import ACTIVITY, INTERVENTION_NEEDS, INTERVENTIONS, PDUS, PROVISION, REFERRED

NEEDS = ("accommodation", "thinking_behaviour", "relationships")


@pytest.fixture
def available() -> pd.DataFrame:
    return available_pairs(PROVISION, REFERRED, INTERVENTIONS, use_provision=True, genders=())


@pytest.fixture
def shortfall(available: pd.DataFrame) -> pd.DataFrame:
    return need_pdu_shortfall(ACTIVITY, PROVISION, available, INTERVENTION_NEEDS, PDUS, needs=NEEDS,
                              months=2.0, provision_months=2)


def _row(frame: pd.DataFrame, need: str, pdu: str) -> pd.Series:
    [index] = frame.index[(frame["need_code"] == need) & (frame["pdu_code"] == pdu)]
    return frame.loc[index]


@pytest.mark.parametrize(("need", "pdu", "referrals", "places", "shortfall_per_month"), [
    ("accommodation", "A1", 5.0, 8.0, -3.0),
    ("thinking_behaviour", "A1", 15.0, 14.0, 1.0),
    ("thinking_behaviour", "A2", 3.0, 0.0, 3.0),
    ("thinking_behaviour", "B1", 2.0, 4.0, -2.0),
    ("relationships", "A2", 20.0, 6.0, 14.0),
    ("relationships", "B1", 0.0, 0.0, 0.0),
])
def test_shortfall_is_referrals_per_month_minus_places_per_month(shortfall, need, pdu, referrals, places,
                                                                 shortfall_per_month):
    row = _row(shortfall, need, pdu)
    assert (row["referrals_per_month"], row["places_per_month"], row["shortfall_per_month"]) == pytest.approx(
        (referrals, places, shortfall_per_month))


def test_every_need_and_pdu_in_scope_has_a_row(shortfall):
    assert len(shortfall) == 9
    assert set(shortfall["need_code"]) == set(NEEDS)


def test_without_provision_places_and_shortfall_are_missing(available):
    table = need_pdu_shortfall(ACTIVITY, PROVISION, available, INTERVENTION_NEEDS, PDUS, needs=NEEDS,
                               months=2.0, provision_months=0)
    assert table["places_per_month"].isna().all() and table["shortfall_per_month"].isna().all()


def test_shown_shortfall_is_worked_from_the_rounded_count_and_sorted_largest_first(shortfall):
    rows = shortfall_rows(shortfall)
    top = largest_shortfalls(rows, count=None)
    assert list(zip(top["need"], top["pdu_name"], top["shortfall_per_month"])) == [
        ("Relationships", "Alpha Two", 14.0), ("Thinking and behaviour", "Alpha Two", 2.5),
        ("Thinking and behaviour", "Alpha One", 1.0)]
    assert list(largest_shortfalls(rows, count=2)["shortfall_per_month"]) == [14.0, 2.5]
    # 4 referrals: shown "<5", so neither the rate nor the shortfall (which would give the count back).
    beta = rows[(rows["need"] == "Thinking and behaviour") & (rows["pdu_name"] == "Beta One")].iloc[0]
    assert beta["referral_count"] == "<5"
    assert math.isnan(beta["referrals_per_month"]) and math.isnan(beta["shortfall_per_month"])
    assert rows.index[rows["pdu_name"].eq("Beta One") & rows["need"].eq("Thinking and behaviour")][0] == len(rows) - 1


def test_shortfall_table_names_the_need_and_the_pdu(shortfall):
    table = shortfall_table(largest_shortfalls(shortfall_rows(shortfall), count=1))
    assert table.iloc[0].to_dict() == {
        "Need": "Relationships", "PDU": "Alpha Two", "Region": "Region One", "Shortfall in places per month": 14.0,
        "Referrals per month": 20.0, "Places per month": 6.0, "Referrals": 40, "Interventions available": 1}


def test_needs_with_no_local_provision_are_named_with_their_pdus(available):
    grid = pdu_need_grid(available_need_pairs(available, INTERVENTION_NEEDS), PDUS, NEEDS)
    named = no_provision_by_need(grid, PDUS)
    assert named.to_dict("list") == {
        "Need": ["Accommodation", "Thinking and behaviour", "Relationships"],
        "PDUs with no provision": [2, 1, 2],
        "Where": ["Alpha Two (Region One); Beta One (Region Two)", "Alpha Two (Region One)",
                  "Alpha One (Region One); Beta One (Region Two)"],
    }
    assert named["PDUs with no provision"].sum() == gap_pair_count(grid) == 5


def test_no_gap_gives_an_empty_list():
    grid = pd.DataFrame({"need_code": ["ete"], "pdu_code": ["A1"], "intervention_count": [3]})
    assert no_provision_by_need(grid, PDUS).empty
