"""PDU comparisons on the shared sample (108 PDUs in 12 regions): the bars lead with the 10 best and 10 worst,
"show all" groups every PDU by region, a chosen region shows its PDUs; and every page that colours units by
a comparison shows the one key, once."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.comparison_key import KEY_MARK
from tests.app.conftest import open_page

PAGE = "pages/pdu_comparisons.py"


def bar_figure(app: AppTest) -> dict:
    """The comparison bar chart's Plotly spec (its title ends ", by PDU" or ", by region")."""
    figures = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    bars = [figure for figure in figures if ", by " in figure["layout"]["title"]["text"]]
    assert len(bars) == 1, [figure["layout"]["title"]["text"] for figure in figures]
    return bars[0]


def rows_top_to_bottom(figure: dict) -> list[str]:
    """The bar chart's tick texts, top to bottom."""
    return list(figure["layout"]["yaxis"]["ticktext"])[::-1]


def test_the_bars_lead_with_the_ten_best_and_ten_worst_and_show_all_groups_every_pdu_by_region(app, database):
    open_page(app, PAGE)
    assert [title.value for title in app.title] == ["PDU comparisons"]
    ticks = rows_top_to_bottom(bar_figure(app))
    assert ticks[0] == "<b>10 best</b>" and ticks[11] == "<b>10 worst</b>" and len(ticks) == 22
    table = next(frame.value for frame in app.dataframe if "Compared with benchmark" in frame.value.columns)
    ranked = table.dropna(subset=["Value (%)"]).sort_values("Value (%)", ascending=False, kind="stable")
    best = ranked["PDU"].head(10).tolist()  # judged sufficient: high is good
    assert [tick.split(" <span")[0] for tick in ticks[1:11]] == best
    assert "20 of 108 PDUs" in " ".join(text.value for text in app.markdown)

    app.toggle(key="w_page_cmp_all").set_value(True).run()
    assert app.query_params["cmp_all"] == "1"
    ticks = rows_top_to_bottom(bar_figure(app))
    pdus = pd.read_sql("select pdu_name, region_name from pdus order by region_name", database)
    headings = [f"<b>{name}</b>" for name in pdus["region_name"].unique()]
    assert [tick for tick in ticks if tick.startswith("<b>")] == headings
    assert len(ticks) == 108 + 12
    figure = bar_figure(app)
    assert figure["layout"]["xaxis2"]["side"] == "top"  # the scale repeated at the top


def test_a_chosen_region_shows_all_its_pdus_without_a_show_all_switch(app, database):
    pdus = pd.read_sql("select pdu_name, region_code, region_name from pdus", database)
    code, name = pdus["region_code"].iloc[0], pdus["region_name"].iloc[0]
    open_page(app, PAGE, region=code)
    ticks = rows_top_to_bottom(bar_figure(app))
    assert ticks[0] == f"<b>{name}</b>"
    assert sorted(ticks[1:]) == sorted(pdus.loc[pdus["region_code"] == code, "pdu_name"])
    assert not [toggle for toggle in app.toggle if toggle.key == "w_page_cmp_all"]


def _keys(app: AppTest) -> int:
    return sum(KEY_MARK in element.proto.body for element in app.get("html"))


def test_every_page_with_comparison_colours_shows_the_one_key_once(app):
    open_page(app, PAGE)
    assert _keys(app) == 1
    for page in ("pages/sufficiency_gaps.py", "pages/landscape.py", "pages/waiting_times.py", "pages/data_quality.py"):
        app.switch_page(page)
        app.run()
        assert not app.exception, app.exception
        assert _keys(app) == 1, page
