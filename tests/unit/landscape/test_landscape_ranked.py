"""The ranked bars that lead the Landscape page and the shortfall chart: order, figures and labels,
worked by hand on a small catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd

from charts.landscape.ranked import ranked_bars_figure, shortfall_figure
from metrics.landscape.ranked import ranked_bars, ranked_table
from metrics.landscape.treemap import treemap_frame

#: Three CRS services (33, 3 and 12 referrals) and two programmes (40 and 0 referrals).
CATALOGUE = pd.DataFrame({
    "intervention_code": ["C1", "C2", "C3", "P1", "P2"],
    "intervention_name": ["Housing", "Debt", "Jobs", "Thinking", "Unused"],
    "category": ["commissioned_rehabilitative_service"] * 3 + ["accredited_programme"] * 2,
    "referral_count": [33, 3, 12, 40, 0],
    "places_per_month": [5.0, 1.5, 2.0, 20.0, 0.0],
})


def test_categories_by_total_interventions_by_size_with_rounded_counts():
    bars = ranked_bars(treemap_frame(CATALOGUE, measure="referrals"))
    # CRS: shown 35 + 2.5 ("<5") + 10 = 47.5 before the programmes' 40; within CRS 35, 10, then "<5".
    assert bars["label"].tolist() == ["Housing", "Jobs", "Debt", "Thinking"]
    assert bars["size"].tolist() == [35.0, 10.0, 2.5, 40.0]
    assert bars["text"].tolist() == ["35 referrals", "10 referrals", "<5 referrals", "40 referrals"]
    # The category total is the exact total (48) rounded, as on the treemap.
    assert bars["heading"].iloc[0] == "<b>Commissioned Rehabilitative Services</b><br>50 referrals, 3 interventions"
    assert bars["heading"].iloc[3] == "<b>Accredited programmes</b><br>40 referrals, 1 intervention"


def test_only_the_largest_of_each_category_unless_all_are_asked_for():
    bars = ranked_bars(treemap_frame(CATALOGUE, measure="referrals"), per_category=2)
    assert bars["label"].tolist() == ["Housing", "Jobs", "Thinking"]
    assert bars["heading"].iloc[0].endswith("50 referrals, the largest 2 of 3 interventions")
    table = ranked_table(bars, measure_name="Referrals in the period")
    assert table.to_dict("list") == {
        "Category": ["Commissioned Rehabilitative Services"] * 2 + ["Accredited programmes"],
        "Intervention": ["Housing", "Jobs", "Thinking"],
        "Referrals in the period": ["35 referrals", "10 referrals", "40 referrals"],
    }


def test_places_rank_by_places_per_month():
    bars = ranked_bars(treemap_frame(CATALOGUE, measure="places"))
    # The programme leads on places (20 a month against CRS's 8.5).
    assert bars["label"].tolist() == ["Thinking", "Housing", "Jobs", "Debt"]
    assert bars["text"].tolist() == ["20.0 places per month", "5.0 places per month", "2.0 places per month",
                                     "1.5 places per month"]


def test_ranked_figure_draws_one_panel_per_category_with_its_heading():
    bars = ranked_bars(treemap_frame(CATALOGUE, measure="referrals"))
    figure = ranked_bars_figure(bars, title="Ranked", axis_title="Referrals")
    assert [list(trace.y) for trace in figure.data] == [["Housing", "Jobs", "Debt"], ["Thinking"]]
    assert list(figure.data[0].text) == ["35", "10", "<5"]  # the axis names the unit
    assert list(figure.data[0].customdata) == ["35 referrals", "10 referrals", "<5 referrals"]  # hover in full
    assert all(trace.orientation == "h" for trace in figure.data)
    assert [note.text for note in figure.layout.annotations] == list(dict.fromkeys(bars["heading"]))
    assert figure.layout.yaxis.autorange == "reversed"  # the largest at the top
    # Taller with more bars: every bar keeps its height.
    fewer = ranked_bars_figure(bars.head(2), title="Ranked", axis_title="Referrals")
    assert figure.layout.height > fewer.layout.height


def test_shortfall_figure_names_need_and_pdu_and_labels_each_bar():
    rows = pd.DataFrame({"need": ["Relationships", "Accommodation"], "pdu_name": ["Alpha", "Beta"],
                         "region_name": ["North", "South"], "referrals_per_month": [20.0, 10.15],
                         "places_per_month": [6.0, 5.0], "shortfall_per_month": [14.0, 5.15]})
    figure = shortfall_figure(rows, title="Shortfall")
    [bars] = figure.data
    assert list(bars.y) == ["Relationships — Alpha", "Accommodation — Beta"]
    assert np.allclose(bars.x, [14.0, 5.15])
    assert list(bars.text) == ["+14.0", "+5.2"]
    assert figure.layout.xaxis.title.text == "Referrals minus places (per month)"
    assert figure.layout.yaxis.autorange == "reversed"
