"""Waiting times charts draw exactly what they are given, state units, and mark the target in words."""

from __future__ import annotations

import pandas as pd

from charts.waiting.figures import (
    pdu_scatter_figure,
    programme_bars_figure,
    wait_bands_figure,
    waiting_trend_figure,
)
from charts.waiting.start import planner_figure, started_within_figure, time_to_start_figure
from metrics.waiting.snapshot import wait_bands
from metrics.waiting.views import with_count_labels


def _texts(figure) -> str:
    annotations = " ".join(annotation.text or "" for annotation in figure.layout.annotations)
    return f"{figure.layout.title.text} {annotations}"


def test_bands_chart_hides_small_counts_and_names_the_target():
    bands = with_count_labels(wait_bands(pd.DataFrame({"wait_days": [3, 100], "waiting_count": [2, 40]})),
                              "waiting_count")
    figure = wait_bands_figure(bands, target_weeks=12)
    bar = figure.data[0]
    assert list(bar.y[:2]) == [0, 0] and bar.text[0] == "<5"  # 2 people: drawn as 0, read as <5
    assert "(count)" in figure.layout.title.text and "Target: 12 weeks" in _texts(figure)
    # 12 weeks ends the third 4-week band: the line sits between bars 2 and 3 (positions 0-based).
    assert figure.layout.shapes[0].x0 == 2.5


def test_trend_chart_has_the_list_and_three_flows():
    trend = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01"]),
                          "waiting_end_count": [50, 52], "additions_count": [10, 3],
                          "starts_count": [6, 0], "removals_count": [2, 1]})
    for column in ("waiting_end_count", "additions_count", "starts_count", "removals_count"):
        trend = with_count_labels(trend, column)
    figure = waiting_trend_figure(trend)
    assert [trace.name for trace in figure.data] == ["Waiting list", "Additions (referrals)", "Starts",
                                                      "Removals without start"]
    assert list(figure.data[1].y) == [10, 0] and figure.data[1].text[1] == "<5"


def test_breakdown_charts_carry_codes_for_clicks():
    programmes = pd.DataFrame({"intervention_code": ["BC"], "name": ["Building Choices"],
                               "waiting_count_plotted": [40], "waiting_count_label": ["40"], "median_text": ["3.0"]})
    assert programme_bars_figure(programmes).data[0].customdata[0][0] == "BC"
    pdus = pd.DataFrame({"pdu_code": ["N01"], "name": ["Newcastle"], "region": ["North East"],
                         "waiting_count": [40], "median_wait_weeks": [3.0], "p92_wait_weeks": [9.0]})
    figure = pdu_scatter_figure(pdus, target_weeks=8)
    assert figure.data[0].customdata[0][0] == "N01" and "Target: 8 weeks" in _texts(figure)


def test_time_to_start_chart_draws_all_referrals_in_black():
    curves = pd.DataFrame({"name": ["All", "All", "A", "A"], "week": [0, 1, 0, 1],
                           "started_pct": [0.0, 10.0, 0.0, 20.0], "left_pct": [0.0, 5.0, 0.0, 1.0]})
    figure = time_to_start_figure(curves, target_weeks=1, overall="All")
    assert figure.data[0].line.color == "#0B0C0C" and figure.data[0].line.width == 5
    assert "(%" in figure.layout.title.text


def test_started_within_chart_writes_the_comparison_beside_each_group():
    table = pd.DataFrame({"name": ["A", "B"], "value_pct": [50.0, 10.0], "value_pct_lower95": [40.0, 5.0],
                          "value_pct_upper95": [60.0, 18.0], "comparison": ["Similar", "Significantly worse"],
                          "benchmark_pct": [40.0, 40.0]})
    figure = started_within_figure(table, target_weeks=12)
    words = [note.text for note in figure.layout.annotations if "·" in note.text]
    assert words == ["50.0% · Similar", "10.0% · Significantly worse"]


def test_planner_chart_marks_the_target():
    projection = pd.DataFrame({"label": ["Now", "Nov 26"], "waiting_count": [100.0, 90.4],
                               "median_wait_weeks": [10.0, 9.0], "p92_wait_weeks": [30.0, 28.0],
                               "meets_target": [False, False]})
    figure = planner_figure(projection, target_weeks=12)
    assert list(figure.data[0].y) == [100, 90] and "Target: 12 weeks" in _texts(figure)


def _waits_panel(figure) -> list:
    """The traces drawn in the planner's bottom panel, the one with the target line."""
    return [trace for trace in figure.data if trace.yaxis == "y2"]


def test_planner_chart_draws_against_the_target_only_what_the_verdict_judges():
    """Issue 17: a median drawn just under the 12-week line while the sentence said the target was missed.

    Month 1's median (11.5 weeks) is under the target and its 92nd percentile (13.0) over it, so the target
    is missed (92% must have waited 12 weeks or less). Every line drawn against the target must be on the
    same side of it as the verdict: a median line, as before, fails this.
    """
    projection = pd.DataFrame({"label": ["Now", "Nov 26", "Dec 26"], "month": [0, 1, 2],
                               "waiting_count": [100.0, 90.0, 80.0], "median_wait_weeks": [13.0, 11.5, 6.0],
                               "p92_wait_weeks": [20.0, 13.0, 11.0], "meets_target": [False, False, True]})
    figure = planner_figure(projection, target_weeks=12)
    drawn = _waits_panel(figure)
    assert [trace.name for trace in drawn] == ["92% have waited at most"]
    for trace in drawn:
        assert [value <= 12 for value in trace.y] == [False, False, True]
    # Met and missed months are told apart by marker shape as well as by the line's side of the target.
    assert list(drawn[0].marker.symbol) == ["circle-open", "circle-open", "circle"]
