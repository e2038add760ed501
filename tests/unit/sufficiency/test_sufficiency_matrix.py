"""The PDU × need matrix's choices on hand-worked counts: all needs nationally against the same need,
regions as rows, the 10 highest and 10 lowest PDUs, and rows grouped by region."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.sufficiency.figures import tartan_rug_figure
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.matrix import (
    ALL_NEEDS,
    PDU_ROWS,
    REGION_ROWS,
    SAME_NEED,
    extreme_pdus,
    labelled_rows,
    matrix_benchmark_name,
    matrix_cells,
)
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.tables import compared_table
from tests.unit.sufficiency.test_sufficiency import COUNTS, counts_frame

JUDGED = MEASURES["sufficient"]
NAMES = {"pdus": {"A1": "Avonford", "B1": "Brookfield"}, "regions": {"RA": "South", "RB": "North"}}


def _cells(comparison: str, unit: str, benchmark: str = "all_persons"):
    return matrix_cells(COUNTS, COUNTS, COUNTS, JUDGED, benchmark=benchmark, comparison=comparison,
                        unit=unit).set_index([*(["pdu_code"] if unit == PDU_ROWS else ["region_code"]), "need_code"])


def test_same_need_and_all_needs_give_different_benchmarks_and_labels() -> None:
    # Avonford accommodation: 3 + 1 = 4 sufficient of 12 + 8 = 20 judged (20%); Wilson 95% 8.1–41.6%,
    # 99.8% 5.0–54.4% (z = 3.090: centre (0.2 + 9.549/40) / (1 + 9.549/20) = 0.2969, half-width 0.2472).
    same = _cells(SAME_NEED, PDU_ROWS).loc[("A1", "accommodation")]
    assert same["benchmark_pct"] == pytest.approx(100 / 3)  # accommodation everywhere: 10 of 30
    assert same["comparison"] == "Similar"  # 33.3% is inside 8.1–41.6%
    every = _cells(ALL_NEEDS, PDU_ROWS).loc[("A1", "accommodation")]
    assert every["benchmark_pct"] == pytest.approx(50.0)  # all needs: 25 of 50
    assert every["comparison"] == "Lower"  # 50% is above 41.6% but inside 54.4%


def test_regions_as_rows_add_up_their_pdus_and_are_never_compared_with_themselves() -> None:
    regions = _cells(SAME_NEED, REGION_ROWS, benchmark="region")
    assert list(regions.index) == [("RA", "accommodation"), ("RA", "drugs"), ("RB", "accommodation")]
    assert regions.loc[("RB", "accommodation"), ["numerator_count", "denominator_count"]].tolist() == [6, 10]
    # Against "Region" a region would be its own benchmark: it is compared with England and Wales instead.
    assert regions.loc[("RB", "accommodation"), "benchmark_pct"] == pytest.approx(100 / 3)
    assert matrix_benchmark_name("region", comparison=SAME_NEED, unit=REGION_ROWS) == "England and Wales, same need"
    assert matrix_benchmark_name("region", comparison=ALL_NEEDS, unit=PDU_ROWS) == "all needs in England and Wales"


def test_a_national_view_keeps_the_ten_lowest_and_ten_highest_pdus_that_can_be_shown() -> None:
    # 25 PDUs with 30, 31 … 54 of 100 judged sufficient, plus one too small and one whose share is suppressed.
    rows = [(f"P{i:02d}", "R1", "ete", "white", 100, 0, 0, 0, 100, 30 + i) for i in range(25)]
    rows += [("SMALL", "R1", "ete", "white", 9, 0, 0, 0, 9, 0), ("FEW", "R1", "ete", "white", 100, 0, 0, 0, 100, 2)]
    kept = extreme_pdus(counts_frame(*rows), JUDGED)
    assert kept == (*(f"P{i:02d}" for i in range(10)), *(f"P{i:02d}" for i in range(15, 25)))
    # With no more than 20 PDUs every one is shown, small ones too.
    assert set(extreme_pdus(counts_frame(*rows[:19], rows[-1]), JUDGED)) == {*(f"P{i:02d}" for i in range(19)), "FEW"}


def test_rows_are_grouped_by_region_name_and_drawn_under_region_labels() -> None:
    cells = labelled_rows(matrix_cells(COUNTS, COUNTS, COUNTS, JUDGED, benchmark="all_persons",
                                       comparison=ALL_NEEDS, unit=PDU_ROWS), NAMES, unit=PDU_ROWS)
    # Needs in contract order; within a need, North (Brookfield) before South (Avonford).
    assert list(zip(cells["need_code"], cells["row"])) == [
        ("accommodation", "Brookfield"), ("accommodation", "Avonford"), ("drugs", "Avonford")]
    figure = tartan_rug_figure(cells, measure_label="Judged sufficient", benchmark_name="all needs")
    heatmap = figure.data[0]
    assert list(heatmap.y) == ["<b>North</b>", "Brookfield", "<b>South</b>", "Avonford"]
    assert pd.isna(heatmap.z[0]).all() and not pd.isna(heatmap.z[1]).all()  # a header row has no cells
    assert figure.layout.title.text.endswith("each cell against all needs")  # the page's one key names the colours
    assert "xaxis2" not in figure.layout.to_plotly_json()  # two rows: no repeated axis


def test_a_long_grid_repeats_the_need_names_below() -> None:
    rows = [(f"P{i:02d}", "R1", need, "white", 20, 0, 0, 0, 20, 10) for i in range(25) for need in ("ete", "drugs")]
    counts = counts_frame(*rows)
    cells = labelled_rows(matrix_cells(counts, counts, counts, JUDGED, benchmark="all_persons", comparison=SAME_NEED,
                                       unit=PDU_ROWS), {}, unit=PDU_ROWS)
    figure = tartan_rug_figure(cells, measure_label="Judged sufficient", benchmark_name="b")
    assert figure.layout.xaxis.side == "top" and figure.layout.xaxis2.side == "bottom"
    assert list(figure.layout.xaxis2.categoryarray) == ["ETE", "Drugs"]


def test_the_gap_finder_can_rank_regions_against_england_and_wales() -> None:
    # R1: 10 of 100 judged sufficient; R2: 60 of 100. Same need in England and Wales: 70 of 200 = 35%,
    # above R1's 99.8% interval (4.0–23.0%): significantly lower, by 35 − 10 = 25 people.
    counts = counts_frame(("P1", "R1", "ete", "white", 100, 0, 0, 0, 100, 10),
                          ("P2", "R2", "ete", "white", 100, 0, 0, 0, 100, 60))
    region_only = counts[counts["region_code"] == "R1"]
    # Against "Region" a region would be compared with itself; it is compared with England and Wales.
    gaps = find_gaps(compared_cells(region_only, region_only, JUDGED, benchmark="region", regions=True,
                                    national=counts))
    assert gaps[["rank", "region_code", "need_code", "people_gap_count"]].values.tolist() == [[1, "R1", "ete", 25]]
    assert gaps["shortfall_pct_points"].iloc[0] == pytest.approx(25.0)
    table = compared_table(gaps, JUDGED, names=NAMES, extra=("rank", "shortfall_pct_points", "people_gap_count"))
    assert list(table.columns[:3]) == ["Rank", "Region", "Need"]
    assert "Probation Delivery Unit" not in table.columns
