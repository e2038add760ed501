"""Landscape charts draw what they are given, with words (not colour alone) for gaps and judgements."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from charts.landscape.figures import category_trend_figure, demand_figure, treemap_figure
from charts.landscape.matrix import availability_figure, providers_figure
from metrics.landscape.tables import largest_excess


def _details() -> pd.DataFrame:
    return pd.DataFrame({
        "need_code": ["accommodation", "accommodation", "relationships", "relationships"],
        "region_code": ["R1", "R2", "R1", "R2"],
        "intervention_count": [2, 0, 1, 3],
        "pdu_count": [2, 1, 2, 1],
        "gap_pdu_count": [1, 1, 1, 0],
        "open_to": ["everyone", "", "men only", "everyone"],
        "intervention_codes": [("A", "B"), (), ("C",), ("C", "D", "E")],
        "long_wait_alternative": [False, False, False, True],
        "hover": ["A: nobody waiting", "No intervention available: a gap", "C: nobody waiting", "..."],
    })


def test_matrix_labels_gaps_partial_gaps_gender_limits_and_long_waits_in_words():
    figure = availability_figure(_details(), unit="region_code", unit_names={"R1": "Region One", "R2": "Region Two"})
    counts, gaps = figure.data
    labels = {(need, area): counts.text[row][column] for row, need in enumerate(counts.y)
              for column, area in enumerate(counts.x)}
    assert labels[("Accommodation", "Region One")] == "2<br>1 gap"  # on a second line: cells are narrow
    assert labels[("Accommodation", "Region Two")] == "Gap"
    assert labels[("Relationships", "Region One")] == "1 M<br>1 gap"
    assert labels[("Relationships", "Region Two")] == "3 ★"
    # The gap layer colours (and names) only the gap; the count layer leaves it empty.
    assert np.isnan(counts.z[0][1]) and gaps.z[0][1] == 1
    assert gaps.text[0][1] == "Gap" and gaps.text[0][0] == ""
    assert "Accommodation · Region Two" in gaps.customdata[0][1]


def test_provider_chart_has_a_shape_per_judgement_and_leaves_the_words_to_the_page_key():
    providers = pd.DataFrame({
        "provider": ["X", "Y", "Z"], "referral_count": [300, 200, 100],
        "completion_pct": [70.0, 50.0, np.nan], "completion_pct_lower95": [65.0, 45.0, np.nan],
        "completion_pct_upper95": [75.0, 55.0, np.nan], "completion_benchmark": [62.0] * 3,
        "completion_comparison": ["Significantly better", "Significantly worse", "Not compared"],
        "removal_pct": [20.0, 22.0, 25.0], "removal_pct_lower95": [15.0, 17.0, 12.0],
        "removal_pct_upper95": [25.0, 27.0, 40.0], "removal_benchmark": [21.0] * 3,
        "removal_comparison": ["Similar", "Similar", "Similar"],
    })
    figure = providers_figure(providers)
    shapes = {trace.name: trace.marker.symbol for trace in figure.data}
    assert shapes == {"Significantly better": "triangle-up", "Significantly worse": "triangle-down",
                      "Similar": "circle"}
    assert not any(trace.showlegend for trace in figure.data)  # pages/landscape.py draws the one key
    plotted = [provider for trace in figure.data for provider in trace.y]
    assert plotted.count("Z") == 1  # Z's suppressed completion rate is not drawn; its removal rate is


def test_treemap_keeps_the_ids_a_click_returns():
    tiles = pd.DataFrame({"id": ["category:c", "intervention:i"], "label": ["C", "I"], "parent": ["", "category:c"],
                          "category": ["accredited_programme"] * 2, "size": [0.0, 10.0], "text": ["10", "10"]})
    figure = treemap_figure(tiles, title="t")
    assert list(figure.data[0].ids) == ["category:c", "intervention:i"]
    assert figure.data[0].branchvalues == "remainder"


def test_demand_and_trend_figures_name_what_they_show():
    # P is 10 a month above its places, R 15 above: R is numbered 1, P 2; Q is within the margin.
    demand = pd.DataFrame({"name": ["P", "Q", "R"], "places_per_month": [10.0, 10.0, 5.0],
                           "referrals_per_month": [20.0, 5.0, 20.0], "demand_exceeds_places": [True, False, True]})
    figure = demand_figure(demand, margin_pct=10)
    flagged = next(trace for trace in figure.data if trace.name == "Demand exceeds places")
    assert list(flagged.customdata) == ["P", "R"] and list(flagged.text) == ["2", "1"]
    assert largest_excess(demand, count=5) == ["1 R (+15.0 a month)", "2 P (+10.0 a month)"]
    trend = pd.DataFrame({"month": [dt.date(2024, 1, 1), dt.date(2024, 2, 1)], "category": ["accredited_programme"] * 2,
                          "category_name": ["Accredited programmes"] * 2, "referral_count": [12.0, np.nan]})
    figure = category_trend_figure(trend)
    assert [annotation.text for annotation in figure.layout.annotations] == ["Accredited programmes"]
    assert not figure.layout.showlegend
