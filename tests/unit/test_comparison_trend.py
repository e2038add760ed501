"""The PDU of interest's quarterly series against its benchmark, and its table."""

import datetime as dt

import numpy as np
import pandas as pd

from metrics.comparison_trend import trend_frame, trend_table, trend_words
from metrics.indicators import indicator
from metrics.trend import trend_quarters

QUARTERS = trend_quarters(dt.date(2025, 3, 31), dt.date(2023, 4, 1))  # eight quarters, windows 0..7


def _values() -> pd.DataFrame:
    rows = []
    for window in range(8):
        # The PDU rises 100, 150, ... of 1,000 (significant and robust from window 3 on); window 2 has 3 of 8.
        numerator, denominator = (3, 8) if window == 2 else (100 + 50 * window, 1000)
        rows.append(("pdu", "A", window, numerator, denominator))
        rows.append(("national", "E92000001", window, 4000, 10000))
        rows.append(("region", "R1", window, 900, 2000))
    values = pd.DataFrame(rows, columns=["area_type", "area_code", "window", "sufficient_count", "judged_count"])
    return indicator("judged_sufficient").compute(values)


def test_series_has_every_quarter_the_pdu_and_its_benchmark():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="region", benchmark_code="R1")
    assert len(series) == 8
    assert series["benchmark"].tolist() == [45.0] * 8
    assert series["value"].iloc[0] == 10.0 and series["value"].iloc[-1] == 45.0
    # Window 2 has a denominator of 8: its value and interval are hidden, its counts are not used to show it.
    assert series.loc[2, "suppressed"] and np.isnan(series.loc[2, ["value", "value_lower95"]].astype(float)).all()


def test_trend_words_use_the_last_five_quarters():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001")
    assert trend_words(series, indicator("judged_sufficient")) == "Increasing and getting better"
    assert trend_words(series, indicator("removed_without_start")) == "Increasing and getting worse"


def test_table_applies_disclosure_control():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001")
    table = trend_table(series, indicator("judged_sufficient"), pdu_name="Alpha", benchmark_name="England and Wales")
    assert table.loc[2, "Need records judged sufficient"] == "<5"
    assert np.isnan(table.loc[2, "Alpha (%)"])
    assert table.loc[7, "Need records with a judgement"] == "1,000"
    assert table["Quarter"].iloc[-1] == "3 months to 31 Mar 2025"
