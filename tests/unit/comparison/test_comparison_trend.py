"""The PDU of interest's quarterly series against its benchmark, and its table."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.comparison.indicators import indicator
from metrics.comparison.trend import (
    FOLLOW_UP_COLUMN,
    follow_up_trend_note,
    trend_frame,
    trend_table,
    trend_words,
)
from metrics.stats.trend import trend_quarters

QUARTERS = trend_quarters(dt.date(2025, 3, 31), dt.date(2023, 4, 1))  # eight quarters, windows 0..7
AS_OF = dt.date(2025, 3, 31)


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
                         benchmark_type="region", benchmark_code="R1", data_as_of=AS_OF)
    assert len(series) == 8
    assert series["benchmark"].tolist() == [45.0] * 8
    assert series["value"].iloc[0] == 10.0 and series["value"].iloc[-1] == 45.0
    # Window 2 has a denominator of 8: its value and interval are hidden, its counts are not used to show it.
    assert series.loc[2, "suppressed"] and np.isnan(series.loc[2, ["value", "value_lower95"]].astype(float)).all()


def test_trend_words_use_the_last_five_quarters():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001",
                         data_as_of=AS_OF)
    assert trend_words(series, indicator("judged_sufficient")) == "Increasing and getting better"
    assert trend_words(series, indicator("removed_without_start")) == "Increasing and getting worse"


def test_table_applies_disclosure_control():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001",
                         data_as_of=AS_OF)
    table = trend_table(series, indicator("judged_sufficient"), pdu_name="Alpha", benchmark_name="England and Wales")
    assert table.loc[2, "Need records judged sufficient"] == "<5"
    assert np.isnan(table.loc[2, "Alpha (%)"])
    # Beside the withheld value the benchmark is blank, so it cannot be read as this row's percentage.
    assert np.isnan(table.loc[2, "Benchmark: England and Wales (%)"])
    assert not np.isnan(table.loc[7, "Benchmark: England and Wales (%)"])
    assert table.loc[7, "Need records with a judgement"] == "1,000"
    assert table["Quarter"].iloc[-1] == "3 months to 31 Mar 2025"


def _started(numerators: list[int]) -> pd.DataFrame:
    """"Need records started (%)" for PDU A: the given numerators of 1,000 need records per quarter."""
    rows = [("pdu", "A", window, numerator, 1000) for window, numerator in enumerate(numerators)]
    rows += [("national", "E92000001", window, 4000, 10000) for window in range(len(numerators))]
    counts = pd.DataFrame(rows, columns=["area_type", "area_code", "window", "started_count", "need_count"])
    return indicator("needs_started").compute(counts)


# Quarters end 30 Jun 2023 … 31 Mar 2025. Windows 1-5 hold 418, 425, 420, 416, 421 of 1,000 started: hand-worked,
# scores 1-5, Σr = 2,100, p̄ = 0.42, x̄ = 3, Σrx = 6,297 against Σr·x̄ = 6,300, so χ² = 3² ÷ (0.42 × 0.58 × 10,000)
# = 0.0037: no change. The last two quarters read 32.8% and 24.4%, as in issue 11, only because their
# need records have had less time: with them the last five quarters give χ² = 440² ÷ (0.3658 × 0.6342 × 10,000)
# = 83.5 (decreasing).
STARTED = [422, 418, 425, 420, 416, 421, 328, 244]


def test_quarters_without_full_follow_up_are_left_out_of_the_trend_test():
    # Data as of 31 March 2025: 182 days earlier is 30 September 2024 (31 + 30 + 31 + 31 + 28 + 31 = 182 days
    # from 30 September to 31 March), so the quarters ending 31 December 2024 and 31 March 2025 lack it.
    item = indicator("needs_started")
    series = trend_frame(_started(STARTED), QUARTERS, item, pdu_code="A", benchmark_type="national",
                         benchmark_code="E92000001", data_as_of=AS_OF)
    assert series["follow_up_complete"].tolist() == [True] * 6 + [False] * 2
    assert trend_words(series, item) == "No significant change"
    # The same numbers tested up to the data date, as before the fix, lean to a fall that is not there.
    assert trend_words(series.assign(follow_up_complete=True), item) == "Decreasing and getting worse"
    table = trend_table(series, item, pdu_name="Alpha", benchmark_name="England and Wales")
    assert table[FOLLOW_UP_COLUMN].tolist() == ["Yes"] * 6 + ["Not yet: left out of the trend test"] * 2
    assert "3 months to 31 Dec 2024" in follow_up_trend_note(series, item)


@pytest.mark.parametrize(("as_of", "complete"), [
    (dt.date(2025, 3, 31), 6),  # 30 Sep 2024 + 182 days = 31 Mar 2025: that quarter has just had it
    (dt.date(2025, 3, 30), 5),  # a day earlier it has not
])
def test_a_quarter_has_full_follow_up_182_days_after_its_last_day(as_of, complete):
    series = trend_frame(_started(STARTED), QUARTERS, indicator("needs_started"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001", data_as_of=as_of)
    assert int(series["follow_up_complete"].sum()) == complete


def test_too_few_quarters_with_full_follow_up_are_not_tested():
    item = indicator("needs_referred")
    counts = pd.DataFrame([("pdu", "A", window, 500, 1000) for window in range(8)],
                          columns=["area_type", "area_code", "window", "referred_count", "need_count"])
    series = trend_frame(item.compute(counts), QUARTERS, item, pdu_code="A", benchmark_type="national",
                         benchmark_code="E92000001", data_as_of=dt.date(2024, 12, 28))
    # 28 Dec 2024 − 182 days = 29 Jun 2024: only the four quarters to 31 Mar 2024 have had full follow-up.
    assert int(series["follow_up_complete"].sum()) == 4
    assert trend_words(series, item).startswith("Not tested: fewer than 5 three-month periods")


def test_indicators_without_a_follow_up_window_test_every_quarter():
    series = trend_frame(_values(), QUARTERS, indicator("judged_sufficient"), pdu_code="A",
                         benchmark_type="national", benchmark_code="E92000001", data_as_of=AS_OF)
    assert series["follow_up_complete"].all()
    assert follow_up_trend_note(series, indicator("judged_sufficient")) is None
    table = trend_table(series, indicator("judged_sufficient"), pdu_name="Alpha", benchmark_name="E&W")
    assert FOLLOW_UP_COLUMN not in table.columns
