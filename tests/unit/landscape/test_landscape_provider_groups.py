"""Providers compared within their group (category, needs, who for), against values worked by hand.

The example: two accommodation CRS providers (X in P1 and P2, Y in P3) and the Probation Service's
accredited programme (Z). Ended after starting: X 40 completed of 50 (80%), Y 10 of 50 (20%), Z 90 of 100.
Within the accommodation CRS group the benchmark is (40 + 10) ÷ 100 = 50%; pooled with the programme it
would have been 140 ÷ 200 = 70%. Wilson 99.8% (z = 3.0902) for 40 of 50: centre (0.8 + z²/100) ÷ (1 + z²/50)
= 0.7519, half-width 2.5947 × √(0.0032 + z²/10,000) = 0.1672, so 58.5%–91.9%: 50% lies below, so X is
"Significantly better"; Y (20%, 8.1%–41.5%) "Significantly worse". Z is alone in its group: compared with
itself, "Similar".
Waiting at the snapshot: 12 for X, each 70 days: median 10.0 weeks; 3 for Y: shown "<5", median not shown.
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.landscape.provider_groups import (
    compared_provider_table,
    compared_providers,
    group_choices,
    provider_groups,
)

INTERVENTIONS = pd.DataFrame({
    "intervention_code": ["ACC-1", "ACC-2", "ACC-3", "AP"],
    "category": ["commissioned_rehabilitative_service"] * 3 + ["accredited_programme"],
    "provider": ["X Housing", "X Housing", "Y Homes", "Probation Service"],
    "target_group": ["all"] * 4,
})
INTERVENTION_NEEDS = pd.DataFrame({"intervention_code": ["ACC-1", "ACC-2", "ACC-3", "AP", "AP"],
                                   "need_code": ["accommodation"] * 3 + ["thinking_behaviour", "attitudes"]})
PDUS = pd.DataFrame({"pdu_code": ["P1", "P2", "P3"], "region_name": ["North", "South", "North"]})
AVAILABLE = pd.DataFrame({"pdu_code": ["P1", "P2", "P3", "P1", "P3"],
                          "intervention_code": ["ACC-1", "ACC-2", "ACC-3", "AP", "AP"]})
ACTIVITY = pd.DataFrame(
    [("P1", "ACC-1", 40, 30, 25, 5, 4), ("P2", "ACC-2", 30, 25, 15, 5, 1), ("P3", "ACC-3", 70, 60, 10, 40, 20),
     ("P1", "AP", 150, 120, 90, 10, 30)],
    columns=["pdu_code", "intervention_code", "referral_count", "start_count", "completion_count",
             "non_completion_count", "removal_count"])
HISTOGRAM = pd.DataFrame({"pdu_code": ["P1", "P3"], "intervention_code": ["ACC-1", "ACC-3"],
                          "wait_days": [70, 30], "waiting_count": [12, 3]})


@pytest.fixture
def compared() -> pd.DataFrame:
    groups = provider_groups(INTERVENTIONS, INTERVENTION_NEEDS)
    return compared_providers(ACTIVITY, HISTOGRAM, AVAILABLE, groups, PDUS)


def _provider(compared: pd.DataFrame, name: str) -> pd.Series:
    return compared.set_index("provider").loc[name]


def test_groups_are_category_needs_and_who_for():
    groups = provider_groups(INTERVENTIONS, INTERVENTION_NEEDS).set_index("intervention_code")
    assert groups.loc["ACC-1", "group_name"] == "Commissioned Rehabilitative Services: Accommodation"
    assert groups.loc["ACC-1", "group"] == groups.loc["ACC-3", "group"] != groups.loc["AP", "group"]
    assert groups.loc["AP", "group_name"] == "Accredited programmes: Thinking and behaviour; Attitudes"
    women = INTERVENTIONS.assign(target_group=["women", "all", "all", "all"])
    assert provider_groups(women, INTERVENTION_NEEDS).set_index("intervention_code").loc["ACC-1", "group_name"] == (
        "Commissioned Rehabilitative Services: Accommodation (women only)")


def test_a_provider_is_compared_with_its_own_group_only(compared):
    x, y, z = (_provider(compared, name) for name in ("X Housing", "Y Homes", "Probation Service"))
    assert (x["completion_pct"], y["completion_pct"], z["completion_pct"]) == pytest.approx((80.0, 20.0, 90.0))
    assert x["completion_benchmark"] == pytest.approx(50.0) and y["completion_benchmark"] == pytest.approx(50.0)
    assert z["completion_benchmark"] == pytest.approx(90.0)
    assert x["completion_pct_lower998"] == pytest.approx(58.46, abs=0.01)
    assert (x["completion_comparison"], y["completion_comparison"], z["completion_comparison"]) == (
        "Significantly better", "Significantly worse", "Similar")
    assert (x["provider_count"], z["provider_count"]) == (2, 1)


def test_volumes_waits_and_where_each_operates(compared):
    x, y = _provider(compared, "X Housing"), _provider(compared, "Y Homes")
    assert (x["referral_count"], x["start_count"], y["referral_count"]) == (70, 55, 70)
    assert (x["waiting_count"], x["median_wait_weeks"]) == (12, pytest.approx(10.0))
    assert y["waiting_count"] == 3 and pd.isna(y["median_wait_weeks"])
    assert (x["pdu_count"], x["regions"]) == (2, "North; South")
    assert (y["pdu_count"], y["regions"]) == (1, "North")


def test_groups_with_something_to_compare_are_offered_first(compared):
    assert list(group_choices(compared).values()) == [
        "Commissioned Rehabilitative Services: Accommodation", "Accredited programmes: Thinking and behaviour; Attitudes"]


def test_the_table_applies_disclosure_control(compared):
    table = compared_provider_table(compared[compared["provider"] == "Y Homes"])
    row = table.iloc[0]
    assert row["Waiting now"] == "<5" and pd.isna(row["Median wait (weeks)"])
    assert row["Referrals"] == 70 and row["Completion rate (%)"] == 20.0
    assert row["Completion rate compared with the group"] == "Significantly worse"
    assert row["Where it operates (regions)"] == "North"


def test_no_activity_and_nobody_waiting_leaves_nothing_to_compare():
    groups = provider_groups(INTERVENTIONS, INTERVENTION_NEEDS)
    compared = compared_providers(ACTIVITY.iloc[0:0], HISTOGRAM.iloc[0:0], AVAILABLE, groups, PDUS)
    assert compared.empty and group_choices(compared) == {}
