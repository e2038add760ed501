"""What each page's map colours a PDU by: comparison, quintile among all PDUs, or interventions with gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.pdu_map.comparison import comparison_areas
from components.pdu_map.landscape import landscape_areas
from components.pdu_map.palette import GAP, GAP_MARK, count_band
from metrics.comparison.indicators import INDICATORS


def _compared(values: list[float | None], comparisons: list[str]) -> pd.DataFrame:
    count = len(values)
    value = pd.Series(values, dtype="float64")
    return pd.DataFrame({"pdu_code": [f"P{index}" for index in range(count)],
                         "pdu_name": [f"PDU {index}" for index in range(count)], "region_code": "R1", "window": 0,
                         "value": value, "value_lower95": value - 1, "value_upper95": value + 1,
                         "numerator": [3] * count, "denominator": [200] * count, "benchmark": 10.0,
                         "comparison": comparisons, "suppressed": value.isna()})


def test_a_judged_indicator_is_coloured_by_its_comparison_label():
    every = _compared([12.0, 8.0, None], ["Better", "Significantly worse", "Not compared"])
    spec = comparison_areas(every, every, INDICATORS["judged_sufficient"], benchmark_name="England and Wales")
    assert list(spec.areas["label"]) == ["Better", "Significantly worse", "Not compared"]
    assert list(spec.areas["figure"]) == ["12.0%", "8.0%", "suppressed"]
    # Disclosure: a numerator of 3 is shown as "<5" in the hover, never as 3.
    assert all("<5" in text and ": 3<" not in text for text in spec.areas["hover"])


def test_an_indicator_without_judgement_is_coloured_by_quintile_among_every_pdu():
    every = _compared([float(value) for value in range(1, 11)], ["Higher"] * 10)
    shown = every[every["pdu_code"].isin(["P0", "P9"])]
    spec = comparison_areas(every, shown, INDICATORS["referrals_per_100"], benchmark_name="its region")
    # Of ten PDUs 1..10, the value 1 is in the lowest fifth and 10 in the highest, zoomed in or not.
    assert list(spec.areas["label"]) == ["Lowest fifth", "Highest fifth"]
    assert "quintile" in spec.title


def test_landscape_marks_a_pdu_with_no_intervention_for_the_need_as_a_gap():
    grid = pd.DataFrame({"need_code": ["accommodation"] * 3 + ["finance"], "pdu_code": ["P1", "P2", "P3", "P1"],
                         "region_code": "R1", "intervention_count": np.array([0, 3, 8, 1])})
    pdus = pd.DataFrame({"pdu_code": ["P1", "P2", "P3"], "pdu_name": ["One", "Two", "Three"]})
    spec = landscape_areas(grid, pdus, "accommodation")
    assert list(spec.areas["label"]) == [GAP, "2–3 interventions", "7 or more"]
    assert list(spec.areas["mark"]) == [GAP_MARK, "", ""]
    assert "A gap" in spec.areas["hover"].iloc[0]


def test_count_bands():
    assert [count_band(count) for count in (0, 1, 2, 3, 4, 6, 7, 40)] == [
        GAP, "1 intervention", "2–3 interventions", "2–3 interventions", "4–6 interventions", "4–6 interventions",
        "7 or more", "7 or more"]
