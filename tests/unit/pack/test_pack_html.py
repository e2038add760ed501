"""The meeting pack's HTML: cover facts, each page's headline figures, one embedded Plotly, offline."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs

from charts.pack.html import (
    SYNTHETIC_NOTICE,
    PackChart,
    PackCover,
    PackSection,
    pack_for_print,
    pack_html,
    table_html,
)
from metrics.kpi import Kpi

COVER = PackCover(
    scope="East Midlands · Accredited programmes · 1 Apr 2024 – 31 Mar 2025 · Female",
    data_as_of=dt.date(2025, 3, 17),
    generated_at=dt.datetime(2025, 3, 20, 9, 5),
    synthetic=True,
    disclosure_note="Counts of 1–4 are shown as <5.",
)


def _chart(title: str) -> PackChart:
    figure = go.Figure(go.Bar(x=["A", "B"], y=[12, 3]))
    figure.update_layout(title={"text": title})
    return PackChart(figure, pd.DataFrame({"Group": ["A", "B"], "Referrals": [12, "<5"]}))


SECTIONS = [
    PackSection(
        "Overview",
        kpis=[Kpi("Referrals", "4,069"), Kpi("Needs judged sufficient", "47.2%", delta="+1.5 points")],
        charts=[_chart("Referrals per month (count)")],
        definitions={"Referrals": "Referrals in scope whose **referral date** falls in the period."},
    ),
    PackSection(
        "Waiting times",
        kpis=[Kpi("Median wait to start", "9.4 weeks")],
        charts=[_chart("Waits (weeks)"), _chart("Waiting list (count)")],
        tables=[("Longest waits", pd.DataFrame({"PDU": ["Leicester"], "Wait (weeks)": [31.25]}))],
        settings=["Target: 18 weeks"],
    ),
]


@pytest.fixture(scope="module")
def pack() -> str:
    return pack_html(COVER, SECTIONS)


def test_cover_states_scope_data_date_generated_date_and_synthetic_notice(pack):
    cover = pack.split('<section class="page"', 1)[0]
    assert "East Midlands · Accredited programmes · 1 Apr 2024 – 31 Mar 2025 · Female" in cover
    assert "<dt>Data as of</dt><dd>17 March 2025</dd>" in cover
    assert "<dt>Generated</dt><dd>20 March 2025 at 09:05</dd>" in cover
    assert SYNTHETIC_NOTICE in cover
    assert "Counts of 1–4 are shown as &lt;5." in cover


def test_no_synthetic_notice_for_real_data():
    real = PackCover(COVER.scope, COVER.data_as_of, COVER.generated_at, synthetic=False)
    assert SYNTHETIC_NOTICE not in pack_html(real, SECTIONS[:1])


def test_each_section_holds_its_headline_figures_settings_and_definitions(pack):
    overview, waiting = pack.split('<section class="page"')[1:]
    assert '<div class="label">Referrals</div><div class="value">4,069</div>' in overview
    assert '<div class="value">47.2%</div><div class="delta">+1.5 points</div>' in overview
    assert "<dt>Referrals</dt><dd><p>Referrals in scope whose <strong>referral date</strong>" in overview
    assert '<div class="label">Median wait to start</div><div class="value">9.4 weeks</div>' in waiting
    assert '<p class="settings">Target: 18 weeks</p>' in waiting
    assert "<h3>Longest waits</h3>" in waiting and "<td>31.2</td>" in waiting


def test_plotly_is_embedded_once_and_every_chart_uses_it(pack):
    assert pack.count(get_plotlyjs()[:400]) == 1
    assert pack.count('class="plotly-graph-div"') == 3
    assert pack.count("Plotly.newPlot(") == 3


def test_nothing_is_fetched_from_the_network(pack):
    ours = pack.replace(get_plotlyjs(), "")  # Plotly's own bundle works offline; check everything else
    assert len(ours) < len(pack) / 5
    assert not re.search(r"<script[^>]+src=|<link\b|<img\b|@import|url\(|https?://", ours, flags=re.IGNORECASE)


def test_tables_show_suppressed_counts_as_text_and_missing_values_as_a_dash():
    table = pd.DataFrame({"Group": ["A", "B"], "Referrals": [1_234, "<5"], "Share (%)": [12.34, float("nan")]})
    cells = re.findall(r"<td>(.*?)</td>", table_html(table))
    assert cells == ["A", "1,234", "12.3", "B", "&lt;5", "–"]


def test_integer_counts_get_thousands_separators():
    cells = re.findall(r"<td>(.*?)</td>", table_html(pd.DataFrame({"Referrals": [1_234_567, 0]})))
    assert cells == ["1,234,567", "0"]


def test_text_is_escaped():
    hostile = PackSection("<script>alert(1)</script>", kpis=[Kpi("A & B", "<5")])
    pack = pack_html(COVER, [hostile])
    assert "<script>alert(1)</script>" not in pack
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pack
    assert '<div class="label">A &amp; B</div><div class="value">&lt;5</div>' in pack


def test_long_chart_tables_start_folded_and_print_unfolded():
    figure = go.Figure(go.Bar(x=["A"], y=[1]))
    figure.update_layout(title={"text": "Waits (weeks)"})
    short = PackChart(figure, pd.DataFrame({"PDU": ["A"] * 12}))
    long = PackChart(figure, pd.DataFrame({"PDU": ["A"] * 13}))
    pack = pack_html(COVER, [PackSection("Waiting times", charts=[short, long])])
    assert pack.count("<details open><summary>Data for “Waits (weeks)” (12 rows)</summary>") == 1
    assert pack.count("<details><summary>Data for “Waits (weeks)” (13 rows)</summary>") == 1
    assert "<details>" not in pack_for_print(pack)


def test_comparison_words_keep_their_word_and_get_their_colour():
    table = pd.DataFrame({"PDU": ["Leeds", "York"], "Compared with benchmark": ["Significantly worse", "Similar"]})
    cells = table_html(table)
    assert '<td style="background-color: #C0392B; color: #FFFFFF">Significantly worse</td>' in cells
    assert '<td style="background-color: #BFBFBF; color: #0B0C0C">Similar</td>' in cells
    assert cells.startswith('<div class="table-wrap">')  # wide tables scroll inside, not the page
