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
    pack_html,
    printable,
    section_tables,
    table_html,
)
from charts.pack.tables import SHORT_TABLE_ROWS
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


def test_each_section_holds_its_headline_figures_and_settings_and_the_appendix_their_definitions(pack):
    overview, waiting = pack.split('<section class="page"')[1:]
    waiting, appendix = waiting.split('<section class="page appendix" id="definitions">')
    assert '<div class="label">Referrals</div><div class="value">4,069</div>' in overview
    assert '<div class="value">47.2%</div><div class="delta">+1.5 points</div>' in overview
    assert '<a href="#definitions">Definitions</a>' in overview
    assert "<dt>Referrals</dt><dd><p>Referrals in scope whose <strong>referral date</strong>" in appendix
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


def test_chart_data_is_folded_on_screen_and_named_in_print():
    figure = go.Figure(go.Bar(x=["A"], y=[1]))
    figure.update_layout(title={"text": "Waits (weeks)"})
    chart = PackChart(figure, pd.DataFrame({"PDU": ["A"] * 40}))
    pack = pack_html(COVER, [PackSection("Waiting times", charts=[chart])])
    assert pack.count('<details class="chart-data"><summary>Data for “Waits (weeks)” (40 rows)</summary>') == 1
    assert ('<p class="small print-only">Data (40 rows): <code>01-waiting-times-waits-weeks.csv</code> in the '
            "tables bundle.</p>") in pack
    assert ".chart-data {{ display: none; }}".replace("{{", "{").replace("}}", "}") in pack  # not printed


def test_a_long_table_prints_its_first_rows_and_names_its_file():
    table = pd.DataFrame({"PDU": [f"P{n:02d}" for n in range(25)]})
    pack = pack_html(COVER, [PackSection("Waiting times", tables=[("Longest lists", table)])])
    section = pack.split('<section class="page"')[1]
    assert "<td>P09</td>" in section and "<td>P10</td>" not in section
    assert (f"First {SHORT_TABLE_ROWS} of 25 rows; all of them: <code>01-waiting-times-longest-lists.csv</code>"
            in section)


def test_a_table_too_wide_to_print_is_folded_and_named():
    matrix = pd.DataFrame({"PDU": ["Leeds"], "Indicator": [1.0]})
    pack = pack_html(COVER, [PackSection("PDU comparisons", full_tables=[("Overview matrix", matrix)])])
    assert '<details class="chart-data"><summary>Overview matrix (1 rows)</summary>' in pack
    assert "<code>01-pdu-comparisons-overview-matrix.csv</code>" in pack


def test_charts_have_no_toolbar_and_nothing_to_click():
    figure = go.Figure(go.Bar(x=["A"], y=[1]))
    figure.update_layout(clickmode="event+select", height=2_000)
    pack = pack_html(COVER, [PackSection("Overview", charts=[PackChart(figure, pd.DataFrame({"A": [1]}))])])
    assert '"displayModeBar": false' in pack
    assert '"clickmode":"none"' in pack and '"height":460' in pack  # a 2,000-pixel chart is drawn 460 high
    assert figure.layout.height == 2_000  # the section's own figure is left alone


@pytest.mark.parametrize(("text", "kept"), [
    ("Centre line: 47.2%. Clicking a point makes that PDU the PDU of interest.", "Centre line: 47.2%."),
    ("Hover over a bar to see its count. Counts are rounded.", "Counts are rounded."),
    ("Sortable: click a column heading (suppressed values sort lowest).", ""),
    ("The zoomed-out view is not a hint.", "The zoomed-out view is not a hint."),
])
def test_printable_drops_only_the_sentences_about_screen_interaction(text, kept):
    assert printable(text) == kept


def test_comparison_words_keep_their_word_and_get_their_colour():
    table = pd.DataFrame({"PDU": ["Leeds", "York"], "Compared with benchmark": ["Significantly worse", "Similar"]})
    cells = table_html(table)
    assert '<td style="background-color: #C0392B; color: #FFFFFF">Significantly worse</td>' in cells
    assert '<td style="background-color: #BFBFBF; color: #0B0C0C">Similar</td>' in cells
    assert cells.startswith('<div class="table-wrap">')  # wide tables scroll inside, not the page


def test_tables_with_the_same_title_get_files_of_their_own():
    figure = go.Figure(go.Bar(x=["A"], y=[1]))
    title = "Waits " + "by intervention " * 10  # longer than a file name keeps
    figure.update_layout(title={"text": title})
    section = PackSection("Waiting times", charts=[PackChart(figure, pd.DataFrame({"A": [1]}))] * 2,
                          tables=[(title, pd.DataFrame({"A": [1]}))])
    names = [name for _, name, _ in section_tables(4, section)]
    assert names[0].startswith("04-waiting-times-waits-by-intervention") and len(names[0]) == len("04-") + 80 + len(".csv")
    assert names[1:] == [names[0].replace(".csv", "-2.csv"), names[0].replace(".csv", "-3.csv")]
