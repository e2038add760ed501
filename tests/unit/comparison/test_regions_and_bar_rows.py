"""Regions as the unit of comparison, and which rows the 108-row bar chart shows under which headings."""

import pandas as pd
import pytest

from charts.comparison.bar_layout import bar_layout
from charts.comparison.figures import comparison_bar_figure
from metrics.comparison.areas import area_counts
from metrics.comparison.bar_rows import bar_rows, by_region, ranked_ends
from metrics.comparison.indicators import indicator
from metrics.comparison.regions import compare_regions, parse_unit

PDUS = pd.DataFrame({"pdu_code": ["A", "B", "C", "D"], "pdu_name": ["Alpha", "Beta", "Gamma", "Delta"],
                     "region_code": ["R1", "R1", "R2", "R2"], "region_name": ["North", "North", "South", "South"]})


def test_a_region_is_its_pdus_counts_pooled_and_compared_with_england_and_wales_by_wilson_limits():
    # North: 10 + 10 of 50 + 50 = 20 of 100 (20%); South: 30 + 30 of 50 + 50 = 60 of 100 (60%);
    # England and Wales 80 of 200 (40%). Wilson by hand for 20/100: 95% (z = 1.959964) centre 0.211099,
    # half-width 0.077731 -> 13.34-28.88%; 99.8% (z = 3.090232) centre 0.226153, half-width 0.120960
    # -> 10.52-34.71%: 40% lies
    # outside both, so North is "Significantly worse" and, by symmetry, South "Significantly better".
    counts = area_counts(pd.DataFrame({"pdu_code": list("ABCD"), "region_code": ["R1", "R1", "R2", "R2"],
                                       "window": 0, "sufficient_count": [10, 10, 30, 30],
                                       "judged_count": [50, 50, 50, 50]}))
    item = indicator("judged_sufficient")
    regions = compare_regions(item.compute(counts), PDUS, item).set_index("pdu_code")
    assert list(regions.index) == ["R2", "R1"]  # highest first, like PDUs
    north = regions.loc["R1"]
    assert (north["pdu_name"], north["numerator"], north["denominator"]) == ("North", 20, 100)
    assert north["value_lower95"] == pytest.approx(13.34, abs=0.01)
    assert north["value_upper95"] == pytest.approx(28.88, abs=0.01)
    assert north["value_lower998"] == pytest.approx(10.52, abs=0.01)
    assert north["value_upper998"] == pytest.approx(34.71, abs=0.01)
    assert north["benchmark"] == pytest.approx(40.0)
    assert regions["comparison"].to_dict() == {"R2": "Significantly better", "R1": "Significantly worse"}


def test_a_region_under_the_minimum_denominator_is_not_compared():
    counts = area_counts(pd.DataFrame({"pdu_code": list("ABCD"), "region_code": ["R1", "R1", "R2", "R2"],
                                       "window": 0, "sufficient_count": [2, 2, 30, 30],
                                       "judged_count": [4, 4, 50, 50]}))
    item = indicator("judged_sufficient")
    regions = compare_regions(item.compute(counts), PDUS, item).set_index("pdu_code")
    assert regions.loc["R1", "comparison"] == "Not compared" and pd.isna(regions.loc["R1", "value"])


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        parse_unit("county")


def _compared(count: int) -> pd.DataFrame:
    """``count`` PDUs in two regions, values 1 … count (PDU n has value n), the last one suppressed."""
    rows = pd.DataFrame({"pdu_code": [f"P{n:03d}" for n in range(1, count + 1)],
                         "pdu_name": [f"PDU {n:03d}" for n in range(1, count + 1)],
                         "region_code": ["R1" if n % 2 else "R2" for n in range(1, count + 1)],
                         "region_name": ["Odd" if n % 2 else "Even" for n in range(1, count + 1)],
                         "window": 0, "value": [float(n) for n in range(1, count + 1)]})
    rows.loc[count - 1, "value"] = float("nan")
    return rows


def test_the_ranked_view_is_the_ten_best_and_ten_worst_with_a_value_best_first():
    rows = ranked_ends(_compared(108), indicator("judged_sufficient"))  # high is good
    assert rows["group"].tolist() == ["10 best"] * 10 + ["10 worst"] * 10
    # PDU 108 has no value, so the best are 107 … 98 and the worst 10 … 1.
    assert rows["pdu_code"].tolist() == [f"P{n:03d}" for n in [*range(107, 97, -1), *range(10, 0, -1)]]


def test_low_is_good_ranks_the_lowest_values_best_and_the_pdu_of_interest_is_always_shown():
    rows = ranked_ends(_compared(108), indicator("removed_without_start"), pdu_of_interest="P050")
    assert rows["pdu_code"].iloc[0] == "P001" and rows["pdu_code"].iloc[19] == "P107"
    assert rows.iloc[-1][["pdu_code", "group"]].tolist() == ["P050", "PDU of interest"]


def test_no_judgement_says_highest_and_lowest():
    rows = ranked_ends(_compared(30), indicator("referrals_per_100"))
    assert rows["group"].unique().tolist() == ["10 highest", "10 lowest"]


@pytest.mark.parametrize(("area_chosen", "show_all", "count", "every"), [
    (False, False, 108, False), (False, True, 108, True), (True, False, 108, True), (False, False, 20, True)])
def test_every_row_grouped_by_region_when_asked_when_an_area_is_chosen_or_when_few(area_chosen, show_all, count,
                                                                                    every):
    rows = bar_rows(_compared(count), indicator("judged_sufficient"), area_chosen=area_chosen, show_all=show_all)
    assert (len(rows) == count) is every
    if every:
        assert rows["group"].tolist() == rows["region_name"].tolist()
        assert rows["group"].tolist() == sorted(rows["group"])  # regions together, by name
        even = rows[rows["group"] == "Even"]["value"].tolist()
        assert even == sorted(even, reverse=True)  # best first within the region


def test_bar_chart_has_a_heading_row_per_region_and_labels_only_outliers():
    compared = _compared(6).assign(
        numerator=10, denominator=20, benchmark=3.0, value_lower95=lambda f: f["value"] - 1,
        value_upper95=lambda f: f["value"] + 1,
        comparison=["Significantly worse", "Similar", "Similar", "Similar", "Significantly better", "Not compared"])
    rows = by_region(compared, indicator("judged_sufficient"))
    figure = comparison_bar_figure(rows, indicator("judged_sufficient"), benchmark_name="England and Wales")
    ticks = list(figure.layout.yaxis.ticktext)[::-1]  # top to bottom
    assert ticks == ["<b>Even</b>", "PDU 004", "PDU 002", "PDU 006", "<b>Odd</b>", "PDU 005", "PDU 003", "PDU 001"]
    assert len(figure.layout.shapes) == 2  # a shaded band behind each heading
    assert "xaxis2" not in figure.layout.to_plotly_json()  # 8 rows fit a screen: one scale is enough
    labelled = {note.y: note.text for note in figure.layout.annotations}
    assert labelled == {"P001": "1.0% · Significantly worse", "P005": "5.0% · Significantly better"}


def test_ranked_headings_name_each_pdus_region_in_grey():
    rows = ranked_ends(_compared(30), indicator("judged_sufficient"))
    layout = bar_layout(rows, None)
    assert layout.texts[-1] == "<b>10 best</b>"
    assert layout.texts[-2].startswith("PDU 029 <span") and "(Odd)" in layout.texts[-2]


def test_a_long_bar_chart_repeats_its_scale_at_the_top():
    compared = _compared(30).assign(numerator=10, denominator=20, benchmark=3.0, comparison="Similar",
                                    value_lower95=lambda f: f["value"] - 1, value_upper95=lambda f: f["value"] + 1)
    figure = comparison_bar_figure(by_region(compared, indicator("judged_sufficient")),
                                   indicator("judged_sufficient"), benchmark_name="England and Wales")
    assert figure.layout.xaxis2.side == "top" and figure.layout.xaxis2.matches == "x"
    assert [trace.xaxis for trace in figure.data if trace.xaxis == "x2"] == ["x2"]
