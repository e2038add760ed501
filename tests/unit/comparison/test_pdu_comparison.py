"""PDUs against a benchmark, the spine chart's orientation, and the display tables."""

import numpy as np
import pandas as pd
import pytest

from metrics.comparison.indicators import indicator
from metrics.comparison.pdu_comparison import compare_pdus, is_value_suppressed, parse_benchmark
from metrics.comparison.spine import spine_position, spine_rows
from metrics.comparison.tables import COMPARED_COLUMN, comparison_table, matrix_tables, spine_table

PDUS = pd.DataFrame({"pdu_code": ["A", "B", "C"], "pdu_name": ["Alpha", "Beta", "Gamma"],
                     "region_code": ["R1", "R1", "R2"], "region_name": ["One", "One", "Two"]})


def _values(rows: list[tuple]) -> pd.DataFrame:
    """Area values with limits given by hand: (area_type, area_code, numerator, denominator, value,
    lower95, upper95, lower998, upper998)."""
    columns = ["area_type", "area_code", "numerator", "denominator", "value", "value_lower95", "value_upper95",
               "value_lower998", "value_upper998"]
    return pd.DataFrame(rows, columns=columns).assign(window=0)


VALUES = _values([
    ("pdu", "A", 30, 100, 30.0, 22.0, 39.0, 18.0, 44.0),  # below 40 at 95% and at 99.8% -> significant
    ("pdu", "B", 60, 100, 60.0, 50.1, 69.0, 45.0, 74.0),
    ("pdu", "C", 3, 8, 37.5, 13.0, 69.0, 8.0, 80.0),  # denominator 8: suppressed, not compared
    ("region", "R1", 90, 200, 45.0, 38.0, 52.0, 35.0, 55.0),
    ("region", "R2", 3, 8, 37.5, 13.0, 69.0, 8.0, 80.0),
    ("national", "E92000001", 93, 208, 44.7, 38.0, 51.0, 36.0, 53.0),
])


def test_high_is_good_against_england_and_wales():
    compared = compare_pdus(VALUES, PDUS, indicator("judged_sufficient"), benchmark="england_wales")
    labels = dict(zip(compared["pdu_code"], compared["comparison"]))
    assert labels == {"A": "Significantly worse", "B": "Significantly better", "C": "Not compared"}
    assert compared["benchmark"].tolist() == [44.7] * 3
    assert np.isnan(compared.loc[compared["pdu_code"] == "C", "value"]).all()


def test_low_is_good_reverses_the_words():
    compared = compare_pdus(VALUES, PDUS, indicator("removed_without_start"), benchmark="england_wales")
    labels = dict(zip(compared["pdu_code"], compared["comparison"]))
    assert labels["A"] == "Significantly better" and labels["B"] == "Significantly worse"


def test_region_benchmark_uses_each_pdus_own_region():
    compared = compare_pdus(VALUES, PDUS, indicator("judged_sufficient"), benchmark="region")
    benchmarks = dict(zip(compared["pdu_code"], compared["benchmark"]))
    assert benchmarks == {"A": 45.0, "B": 45.0, "C": 37.5}
    # B's 95% interval 50.1–69.0 excludes 45.0 but its 99.8% interval 45.0–74.0 includes it: Better.
    assert compared.set_index("pdu_code").loc["B", "comparison"] == "Better"


def test_no_judgement_indicator_says_higher_or_lower():
    compared = compare_pdus(VALUES, PDUS, indicator("referrals_per_100"), benchmark="england_wales")
    assert set(compared["comparison"]) == {"Significantly lower", "Significantly higher", "Not compared"}


def test_rates_hide_small_numerators_and_missing_denominators():
    hidden = is_value_suppressed(indicator("waiting_per_100"), pd.Series([4, 5, 0, 7]),
                                 pd.Series([100.0, 100.0, 100.0, np.nan]))
    assert hidden.tolist() == [True, False, False, True]


def test_unknown_benchmark_is_refused():
    with pytest.raises(ValueError):
        parse_benchmark("moon")


@pytest.mark.parametrize(
    ("polarity", "lowest_side"),
    [("high_is_good", -1.0), ("low_is_good", 1.0), ("no_judgement", -1.0)],
)
def test_spine_puts_better_on_the_right(polarity, lowest_side):
    # Centre 50, range 20–70: half-width 30. The lowest PDU (20) sits at -1 unless low is good.
    position = spine_position(np.array([20.0, 50.0, 65.0]), centre=50.0, lowest=20.0, highest=70.0,
                              polarity=polarity)
    assert position[0] == pytest.approx(lowest_side)
    assert position[1] == 0.0
    assert position[2] == pytest.approx(-lowest_side * 0.5)


def test_spine_rows_for_a_low_is_good_indicator():
    compared = compare_pdus(VALUES, PDUS, indicator("removed_without_start"), benchmark="england_wales")
    spine = spine_rows([indicator("removed_without_start")], {"removed_without_start": compared},
                       {"removed_without_start": 44.7}, "A")
    row = spine.iloc[0]
    # A has the lowest value, 30, of those shown (A 30, B 60): best, so on the right. Half-width
    # max(44.7 - 30, 60 - 44.7) = 15.3, so A sits at (44.7 - 30) / 15.3 = 0.961 and B at -1.
    assert row["lowest"] == 30.0 and row["highest"] == 60.0
    assert row["pos_value"] == pytest.approx(14.7 / 15.3)
    assert row["pos_highest"] == pytest.approx(-1.0)
    assert row["pos_highest"] < 0 < row["pos_lowest"]
    assert row["comparison"] == "Significantly better"


def test_tables_show_the_comparison_and_hide_small_counts():
    compared = compare_pdus(VALUES, PDUS, indicator("judged_sufficient"), benchmark="england_wales")
    table = comparison_table(compared, indicator("judged_sufficient"), benchmark_name="England and Wales")
    assert table.columns[-1] == COMPARED_COLUMN
    gamma = table[table["PDU"] == "Gamma"].iloc[0]
    assert gamma["Need records judged sufficient"] == "<5"
    assert np.isnan(gamma["Value (%)"]) and np.isnan(gamma["Lower 95% limit"])
    values, labels = matrix_tables([indicator("judged_sufficient")], {"judged_sufficient": compared}, ["B", "A"])
    assert values["PDU"].tolist() == ["Beta", "Alpha"]
    assert labels["Needs sufficient"].tolist() == ["Significantly better", "Significantly worse"]


def test_spine_table_says_suppressed():
    compared = compare_pdus(VALUES, PDUS, indicator("judged_sufficient"), benchmark="england_wales")
    items = [indicator("judged_sufficient")]
    spine = spine_rows(items, {"judged_sufficient": compared}, {"judged_sufficient": 44.7}, "C")
    table = spine_table(spine, items, pdu_name="Gamma")
    assert table.loc[0, "Gamma"] == "suppressed"
    assert table.loc[0, "England and Wales"] == "44.7%"


def test_a_pdu_without_data_is_listed_as_not_compared():
    # No one waits in C, so the median's values have no row for it: it is still listed, with 0 waiting.
    values = VALUES[VALUES["area_code"] != "C"].assign(numerator=np.nan)
    compared = compare_pdus(values, PDUS, indicator("median_wait"), benchmark="england_wales")
    gamma = compared.set_index("pdu_code").loc["C"]
    assert gamma["comparison"] == "Not compared" and gamma["denominator"] == 0 and np.isnan(gamma["value"])
    assert compared["pdu_code"].tolist()[-1] == "C"  # no value: listed last


def test_only_the_requested_window_is_compared():
    later = VALUES.assign(window=1, value=VALUES["value"] + 1)
    compared = compare_pdus(pd.concat([VALUES, later]), PDUS, indicator("judged_sufficient"),
                            benchmark="england_wales", window=1)
    assert sorted(compared["value"].dropna()) == [31.0, 61.0]
    assert set(compared["window"]) == {1}
