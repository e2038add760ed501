"""Provider rates with Wilson intervals against published values (Newcombe 1998, Stat Med 17:857, Table I)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.landscape.providers import NO_PROVIDER, provider_outcomes
from metrics.landscape.tables import provider_table


def _activity() -> pd.DataFrame:
    rows = [
        # Provider X: 81 of 263 ended-after-start completed (Newcombe example a: 25.53% to 36.62%);
        # 15 of 148 leaving the list removed without start (example b: 6.24% to 16.05%), split over two PDUs.
        ("P1", "X1", 300, 100, 50, 100, 10),
        ("P2", "X1", 100, 33, 31, 82, 5),
        # Provider Y: 3 of 5 completed (under 10: not compared); 0 of 9 removed.
        ("P1", "Y1", 12, 9, 3, 2, 0),
        # An intervention with no provider recorded.
        ("P1", "Z1", 4, 1, 0, 0, 1),
    ]
    return pd.DataFrame(rows, columns=["pdu_code", "intervention_code", "referral_count", "start_count",
                                       "completion_count", "non_completion_count", "removal_count"])


INTERVENTIONS = pd.DataFrame({"intervention_code": ["X1", "Y1", "Z1"], "provider": ["X Trust", "Y CIC", None]})


def test_counts_rates_and_wilson_limits_per_provider():
    table = provider_outcomes(_activity(), INTERVENTIONS).set_index("provider")
    x = table.loc["X Trust"]
    assert (x["referral_count"], x["start_count"], x["ended_after_start_count"], x["left_list_count"]) == (
        400, 133, 263, 148)
    assert x["completion_pct"] == pytest.approx(81 / 263 * 100)
    assert (x["completion_pct_lower95"], x["completion_pct_upper95"]) == pytest.approx((25.53, 36.62), abs=0.01)
    assert x["removal_pct"] == pytest.approx(15 / 148 * 100)
    assert (x["removal_pct_lower95"], x["removal_pct_upper95"]) == pytest.approx((6.24, 16.05), abs=0.01)
    assert NO_PROVIDER in table.index
    assert list(table.index) == ["X Trust", "Y CIC", NO_PROVIDER]  # by referrals


def test_comparison_with_all_providers():
    table = provider_outcomes(_activity(), INTERVENTIONS).set_index("provider")
    # All providers: (81 + 3) completed of (263 + 5) = 31.34%, inside X's 95% interval -> Similar.
    assert table.loc["X Trust", "completion_benchmark"] == pytest.approx(84 / 268 * 100)
    assert table.loc["X Trust", "completion_comparison"] == "Similar"
    # Y has 5 ended after starting: under the minimum of 10, so not compared.
    assert table.loc["Y CIC", "completion_comparison"] == "Not compared"


def test_display_table_suppresses_small_counts_and_rates():
    shown = provider_table(provider_outcomes(_activity(), INTERVENTIONS)).set_index("Provider")
    assert shown.loc["Y CIC", "Completions"] == "<5"
    assert math.isnan(shown.loc["Y CIC", "Completion rate (%)"])
    assert math.isnan(shown.loc["Y CIC", "Completion rate lower 95% (%)"])
    assert shown.loc["X Trust", "Completion rate (%)"] == pytest.approx(30.8)
    assert shown.loc[NO_PROVIDER, "Referrals"] == "<5"
