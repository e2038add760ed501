"""The PDU comparisons page's headline figures and the bars a slide shows, on hand-built rows."""

from __future__ import annotations

import pandas as pd

from metrics.comparison.headline import comparison_kpis
from metrics.comparison.indicators import INDICATORS
from metrics.comparison.slide import slide_rows


def rows(*labels_and_values: tuple[str, float]) -> pd.DataFrame:
    return pd.DataFrame({
        "pdu_code": [f"P{index}" for index in range(len(labels_and_values))],
        "window": 0,
        "comparison": [label for label, _ in labels_and_values],
        "value": [value for _, value in labels_and_values],
        "benchmark": 50.0,
    })


def test_headline_counts_pdus_compared_and_those_significantly_worse_and_better():
    compared = rows(("Significantly better", 70.0), ("Better", 60.0), ("Similar", 50.0),
                    ("Significantly worse", 30.0), ("Significantly worse", 25.0), ("Not compared", float("nan")))
    kpis = comparison_kpis(compared, INDICATORS["judged_sufficient"], benchmark_name="England and Wales",
                           benchmark_value=47.25)
    assert [(kpi.label, kpi.value) for kpi in kpis] == [
        ("England and Wales", "47.2%"), ("PDUs compared", "5"), ("PDUs significantly worse", "2"),
        ("PDUs significantly better", "1")]
    assert kpis[1].delta == "of 6 selected"


def test_an_indicator_without_judgement_counts_lower_and_higher_and_several_regions_have_no_one_value():
    compared = rows(("Significantly higher", 9.0), ("Significantly lower", 1.0))
    kpis = comparison_kpis(compared, INDICATORS["referrals_per_100"], benchmark_name="Their regions",
                           benchmark_value=None)
    assert [(kpi.label, kpi.value) for kpi in kpis] == [
        ("Their regions", "each PDU's own"), ("PDUs compared", "2"), ("PDUs significantly lower", "1"),
        ("PDUs significantly higher", "1")]


def test_a_slide_shows_every_pdu_when_they_fit():
    compared = rows(*(("Similar", 50.0),) * 5)
    assert slide_rows(compared, at_most=12).equals(compared)


def test_a_slide_shows_the_significant_pdus_furthest_from_the_benchmark_and_the_pdu_of_interest():
    # Gaps from 50: P0 40, P1 5 (similar), P2 30, P3 20, P4 10 (similar), P5 35.
    compared = rows(("Significantly better", 90.0), ("Similar", 55.0), ("Significantly worse", 20.0),
                    ("Significantly worse", 30.0), ("Similar", 40.0), ("Significantly better", 85.0))
    shown = slide_rows(compared, pdu_of_interest="P4", at_most=3)
    # The three largest significant gaps (P0, P5, P2) and the PDU of interest, in the page's order.
    assert list(shown["pdu_code"]) == ["P0", "P2", "P4", "P5"]


def test_fewer_significant_than_bars_are_followed_by_the_others_furthest_from_the_benchmark():
    # Gaps from 50: 40, 30, 20, 10, 0, 10, 20; only the 10-point one at 40 is significant (a big PDU).
    compared = rows(*(("Significantly lower" if value == 40 else "Similar", float(value))
                      for value in (90, 80, 70, 60, 50, 40, 30)))
    # The significant one, then 90 (40), 80 (30) and 70 (20, before 30's equal gap in the page's order).
    assert list(slide_rows(compared, at_most=4)["value"]) == [90.0, 80.0, 70.0, 40.0]
