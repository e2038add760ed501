"""Sufficiency tables and charts: disclosure control everywhere, flags in words, definitions complete."""

from __future__ import annotations

import pandas as pd

from charts.sufficiency.figures import cascade_figure, share_bars_figure, tartan_rug_figure
from data_access.definitions_doc import read_definitions
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.headline import DEFINITION_HEADINGS
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.tables import cascade_table, compared_table
from metrics.sufficiency.views import cascade_in_order, rug_cells
from tests.unit.sufficiency.test_sufficiency import counts_frame

REFERRED = MEASURES["referred"]
NAMES = {"pdus": {"A1": "Avonford", "A2": "Brookfield"}, "regions": {"RA": "Region A"}}
COUNTS = counts_frame(
    # A1: 3 of 8 referred (too few for a percent); A2: 20 of 100; region: 23 of 108.
    ("A1", "RA", "ete", "white", 8, 3, 1, 0, 0, 0),
    ("A2", "RA", "ete", "white", 100, 20, 4, 2, 0, 0),
    ("A2", "RA", "drugs", "white", 200, 150, 90, 40, 0, 0),
)


def _cells() -> pd.DataFrame:
    return rug_cells(COUNTS, COUNTS, REFERRED, benchmark="all_persons", pdu_names=NAMES["pdus"])


def test_table_suppresses_small_counts_and_small_denominators_but_keeps_flags_and_limits() -> None:
    table = compared_table(_cells(), REFERRED, names=NAMES).set_index(["Probation Delivery Unit", "Need"])
    small = table.loc[("Avonford", "Education, training and employment")]
    assert small["Referred"] == "<5"  # 3 people
    assert pd.isna(small["Referred for the need (%)"]) and pd.isna(small["95% lower (%)"])
    assert small["Compared with benchmark"] == "Not compared"
    large = table.loc[("Brookfield", "Education, training and employment")]
    assert large["Referred"] == "20" and large["Need records"] == "100"
    assert large["Referred for the need (%)"] == 20.0
    assert {"95% upper (%)", "99.8% lower (%)", "99.8% upper (%)", "Benchmark (%)"} <= set(table.columns)


def test_gap_table_leads_with_rank_and_people() -> None:
    gaps = find_gaps(compared_cells(COUNTS, COUNTS, REFERRED, benchmark="all_persons"))
    table = compared_table(gaps, REFERRED, names=NAMES, extra=("rank", "shortfall_pct_points", "people_gap_count"))
    assert list(table.columns[:4]) == ["Rank", "Region", "Probation Delivery Unit", "Need"]
    assert "People the gap represents" in table.columns


def test_cascade_table_suppresses_small_stage_counts() -> None:
    table = cascade_table(cascade_in_order(COUNTS, ["ete", "drugs"])).set_index("Need")
    ete = table.loc["Education, training and employment"]
    assert (ete["Completed"], ete["Started"], ete["Referred"]) == ("<5", "5", "25")  # 0 + 2, 1 + 4, 3 + 20 = 23
    assert table.loc["Drug misuse", "Referred (% of need records)"] == 75.0


def test_matrix_cells_carry_a_symbol_and_hide_suppressed_values() -> None:
    figure = tartan_rug_figure(_cells(), measure_label="Referred for the need", benchmark_name="All people")
    clickable, *texts = [trace for trace in figure.data if trace.type == "scatter" and trace.showlegend is False]
    shown = [text for trace in texts for text in trace.text]
    assert "–" in shown  # Avonford's 3 of 8: no value shown
    assert all("%" not in text for text in shown)  # the title carries the unit
    # Needs in contract order (ETE before drugs), then PDUs by name: the first cell is Avonford's ETE.
    assert [list(row) for row in clickable.customdata] == [["A1", "ete"], ["A2", "ete"], ["A2", "drugs"]]
    avonford = clickable.hovertext[0]
    assert "Referred for the need: suppressed" in avonford and "<5 of 10" in avonford  # 3 of 8, 8 shown as 10
    # No legend of its own: the page's one comparison key (charts.comparison_key) names the colours.
    assert not [trace.name for trace in figure.data if trace.showlegend is not False and trace.type == "scatter"]


def test_share_bars_and_cascade_do_not_draw_suppressed_values() -> None:
    cells = _cells()
    cells["label"] = cells["pdu"] + " · " + cells["need"]
    figure = share_bars_figure(cells, title="t", value_title="Referred", benchmark_name="All people")
    bars = figure.data[0]
    assert pd.isna(list(bars.x)[list(bars.y).index("Avonford · Education, training and employment")])
    words = [annotation.text for annotation in figure.layout.annotations]
    assert any("suppressed · Not compared" in word for word in words)
    cascade = cascade_figure(cascade_in_order(COUNTS, ["ete", "drugs"]))
    assert {trace.name for trace in cascade.data} == {"Referred", "Started", "Completed"}


def test_every_definition_the_page_shows_is_in_the_document() -> None:
    definitions = read_definitions()
    missing = [heading for heading in DEFINITION_HEADINGS if not definitions.get(heading)]
    assert missing == []
