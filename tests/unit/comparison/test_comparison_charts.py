"""PDU comparison charts draw what they are given: colours paired with words, the PDU of interest
marked, outliers named, better to the right on the spine."""

import numpy as np
import pandas as pd
import pytest

from charts.comparison.figures import comparison_bar_figure, funnel_figure
from charts.comparison.funnel_key import number_annotations, spread
from charts.comparison.profile import spine_figure, trend_figure
from charts.theme import COMPARISON_COLOURS
from metrics.comparison.funnel_labels import funnel_numbers
from metrics.comparison.indicators import indicator
from metrics.comparison.tables import funnel_table
from metrics.stats.funnel import OUTSIDE, funnel_lines

ROWS = pd.DataFrame({
    "pdu_code": ["A", "B", "C"], "pdu_name": ["Alpha", "Beta", "Gamma"], "window": 0,
    "numerator": [60, 45, 10], "denominator": [100, 100, 100], "value": [60.0, 45.0, 10.0],
    "value_lower95": [50.0, 35.0, 5.0], "value_upper95": [69.0, 55.0, 17.0],
    "benchmark": [40.0, 40.0, 40.0], "suppressed": False,
    "comparison": ["Significantly better", "Similar", "Significantly worse"],
    "funnel_position": ["Between the 95% and 99.8% limits", "Inside the 95% limits", OUTSIDE],
})


def test_bars_are_coloured_by_their_label_and_the_pdu_of_interest_is_marked():
    figure = comparison_bar_figure(ROWS, indicator("judged_sufficient"), benchmark_name="England and Wales",
                                   pdu_of_interest="B")
    bars = {trace.name: trace for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"Significantly better", "Similar", "Significantly worse"}
    assert bars["Significantly worse"].marker.color == COMPARISON_COLOURS["Significantly worse"]
    assert "Significantly worse" in bars["Significantly worse"].hovertext[0]
    assert "<b>▶ Beta</b>" in figure.layout.yaxis.ticktext
    # Drawn top to bottom in the frame's order: highest value first (Plotly lists categories bottom up).
    assert list(figure.layout.yaxis.categoryarray) == ["C", "B", "A"]
    assert list(figure.layout.yaxis.ticktext) == ["Gamma", "<b>▶ Beta</b>", "Alpha"]


def test_funnel_numbers_only_pdus_outside_998_and_names_the_pdu_of_interest():
    figure = funnel_figure(ROWS, funnel_lines(40.0, 100), indicator("judged_sufficient"), pdu_of_interest="A")
    notes = {(note.x, note.y): note.text for note in figure.layout.annotations if note.showarrow}
    # Gamma (10%) is the one point outside the 99.8% limits: number 1; Alpha is the PDU of interest.
    assert notes == {(100, 10.0): "1", (100, 60.0): "<b>▶ Alpha</b>"}
    key = [note.text for note in figure.layout.annotations if not note.showarrow]
    assert key == ["Outside the 99.8% limits:<br><b>1</b> Gamma"]
    assert not any(trace.mode and "text" in trace.mode for trace in figure.data)  # no names printed on points
    assert {code for trace in figure.data if trace.customdata is not None for code in trace.customdata} == {
        "A", "B", "C"}


def test_funnel_labels_of_close_points_are_spread_along_a_row_so_none_overprints():
    # Three points above the centre at x = 100, 105 and 110 on an axis 1,000 wide: labels need 35 apart.
    units = pd.DataFrame({"pdu_code": list("PQR"), "pdu_name": ["P", "Q", "R"], "denominator": [100, 105, 110],
                          "value": [90.0, 91.0, 92.0], "funnel_position": OUTSIDE})
    notes = number_annotations(units, funnel_numbers(units), centre=50.0, pdu_of_interest=None, font_px=16,
                               y_range=(10.0, 95.0), x_span=1000.0)
    assert [note["text"] for note in notes] == ["3", "2", "1"]  # numbered from the highest value
    assert [note["ax"] for note in notes] == pytest.approx([70.0, 105.0, 140.0])  # 35 apart, centred on 105
    assert {note["ay"] for note in notes} == {95.0}  # the row above the points
    assert [(note["x"], note["y"]) for note in notes] == [(100, 90.0), (105, 91.0), (110, 92.0)]  # leaders end on them


def test_spread_leaves_labels_that_are_far_enough_apart_where_they_are():
    assert spread([0.0, 50.0, 100.0], gap=10.0) == [0.0, 50.0, 100.0]
    assert spread([], gap=10.0) == []


def test_spine_says_which_side_is_better():
    spine = pd.DataFrame({"name": ["Median wait of those waiting (weeks)"], "comparison": ["Worse"],
                          "pos_value": [-0.5], "pos_lowest": [1.0], "pos_q25": [0.3], "pos_q75": [-0.2],
                          "pos_highest": [-1.0]})
    figure = spine_figure(spine, pdu_name="Alpha", value_texts=["18.9"])
    texts = [annotation.text for annotation in figure.layout.annotations]
    assert any("Worse" in text for text in texts) and any("Better" in text for text in texts)
    ranges = [trace for trace in figure.data if trace.type == "bar"]
    # A mirrored (low-is-good) row still spans left to right: base at the lower position.
    assert ranges[0].base[0] == -1.0 and ranges[0].x[0] == 2.0
    marker = [trace for trace in figure.data if trace.type == "scatter"][0]
    assert marker.marker.color[0] == COMPARISON_COLOURS["Worse"] and np.isclose(marker.x[0], -0.5)


def test_trend_marks_quarters_without_full_follow_up():
    ends = pd.to_datetime(["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"]).date
    series = pd.DataFrame({
        "label": [f"3 months to {end:%-d %b %Y}" for end in ends], "end": ends,
        "value": [42.0, 41.0, 32.8, 24.4], "value_lower95": [39.0, 38.0, 30.0, 21.8],
        "value_upper95": [45.0, 44.0, 35.7, 27.1], "benchmark": [40.0] * 4,
        "follow_up_complete": [True, True, False, False],
    })
    figure = trend_figure(series, indicator("needs_started"), pdu_name="Alpha", benchmark_name="England and Wales")
    line, hollow = figure.data[0], figure.data[1]
    # The line stops where follow-up does; the last two quarters are hollow markers of their own, named so.
    assert list(line.y[:2]) == [42.0, 41.0] and np.isnan(line.y[2:].astype(float)).all()
    assert hollow.name == "Alpha: follow-up not complete (not tested)"
    assert list(hollow.y) == [32.8, 24.4] and hollow.marker.symbol == "circle-open"
    assert [shape.type for shape in figure.layout.shapes] == ["rect"]
    assert figure.layout.annotations[0].text == "Follow-up not complete"
    complete = trend_figure(series.assign(follow_up_complete=True), indicator("needs_started"), pdu_name="Alpha",
                            benchmark_name="England and Wales")
    assert len(complete.data) == 2 and not complete.layout.shapes


def test_funnel_table_gives_each_labelled_pdu_its_number_in_the_chart():
    table = funnel_table(ROWS.assign(value=[60.0, 45.0, 10.0]), indicator("judged_sufficient"))
    numbers = table["Number in the chart"]
    assert numbers.isna().tolist() == [True, True, False] and numbers.iloc[2] == 1  # Gamma alone is outside
