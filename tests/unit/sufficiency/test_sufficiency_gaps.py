"""Benchmarks, comparison labels at the 95% and 99.8% edges, and the gap finder."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics.sufficiency.benchmark import (
    ALL_PERSONS,
    ENGLAND_WALES,
    REGION,
    benchmark_name,
    benchmark_population,
    with_benchmark,
)
from metrics.sufficiency.gaps import compared_cells, find_gaps, people_gap_count
from metrics.sufficiency.measures import MEASURES, measure_table
from tests.unit.sufficiency.test_sufficiency import counts_frame
from vocabulary.scope import Filters

PERIOD = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
REFERRED = MEASURES["referred"]

# 50 of 100 referred. Wilson 95%, z = 1.959964: centre 0.5, half-width
# z·√(0.25/100 + z²/40000)/(1 + z²/100) = 0.09617 -> 40.383% to 59.617%.
# 99.8%, z = 3.090232: half-width 0.14762 -> 35.238% to 64.762%.
HALF = counts_frame(("A1", "RA", "ete", "white", 100, 50, 0, 0, 0, 0))


@pytest.mark.parametrize(
    ("benchmark_referred", "label"),
    [
        (596, "Similar"),  # 59.6% inside the 95% interval
        (597, "Lower"),  # 59.7%: outside 95%, inside 99.8%
        (647, "Lower"),  # 64.7%: still inside 99.8%
        (648, "Significantly lower"),  # 64.8%: outside 99.8%
        (404, "Similar"),
        (403, "Higher"),
        (353, "Higher"),
        (352, "Significantly higher"),
    ],
)
def test_comparison_labels_at_the_95_and_998_edges(benchmark_referred: int, label: str) -> None:
    population = counts_frame(("Z9", "RZ", "ete", "white", 1000, benchmark_referred, 0, 0, 0, 0))
    cells = measure_table(HALF, REFERRED, ["need_code"])
    compared = with_benchmark(cells, population, REFERRED, match=("need_code",))
    assert compared.loc[0, "benchmark_pct"] == pytest.approx(benchmark_referred / 10)
    assert compared.loc[0, "comparison"] == label


def test_small_cells_are_not_compared() -> None:
    tiny = counts_frame(("A1", "RA", "ete", "white", 9, 0, 0, 0, 0, 0))
    population = counts_frame(("Z9", "RZ", "ete", "white", 1000, 900, 0, 0, 0, 0))
    compared = with_benchmark(measure_table(tiny, REFERRED, []), population, REFERRED)
    assert compared.loc[0, "comparison"] == "Not compared"


NATIONAL = counts_frame(
    ("A1", "RA", "ete", "white", 100, 20, 0, 0, 0, 0),
    ("A2", "RA", "ete", "white", 100, 60, 0, 0, 0, 0),
    ("B1", "RB", "ete", "white", 200, 180, 0, 0, 0, 0),
)


def test_benchmark_populations() -> None:
    area = PERIOD.with_changes(pdus=("A1",))
    assert set(benchmark_population(NATIONAL, area, ALL_PERSONS)["pdu_code"]) == {"A1"}
    assert set(benchmark_population(NATIONAL, area, REGION)["pdu_code"]) == {"A1", "A2"}
    assert len(benchmark_population(NATIONAL, area, ENGLAND_WALES)) == 3
    with pytest.raises(ValueError, match="Unknown benchmark"):
        benchmark_population(NATIONAL, area, "planet")


def test_region_benchmark_compares_each_pdu_with_its_own_region() -> None:
    population = benchmark_population(NATIONAL, PERIOD, REGION)
    cells = compared_cells(NATIONAL, population, REFERRED, benchmark=REGION).set_index("pdu_code")
    # Region RA: 80 of 200 = 40%; region RB: 180 of 200 = 90%.
    assert cells.loc["A1", "benchmark_pct"] == pytest.approx(40.0)
    assert cells.loc["B1", "benchmark_pct"] == pytest.approx(90.0)
    # A1: 20%, 99.8% Wilson interval 10.5% to 34.7%, so 40% lies above it.
    assert cells.loc["A1", "comparison"] == "Significantly lower"
    assert cells.loc["A1", "people_gap_count"] == 20  # 40% of 100 = 40, minus 20
    # England and Wales (260 of 400 = 65%) instead:
    national = compared_cells(NATIONAL, NATIONAL, REFERRED, benchmark=ENGLAND_WALES).set_index("pdu_code")
    assert national.loc["A1", "benchmark_pct"] == pytest.approx(65.0)
    assert national.loc["A1", "people_gap_count"] == 45


@pytest.mark.parametrize(
    ("numerator", "denominator", "benchmark_pct", "gap"),
    [
        (40, 100, 55.0, 15),  # 55 expected, 40 have it
        (3, 10, 50.0, 2),  # 5 expected
        (1, 4, 37.5, 1),  # 1.5 expected: 0.5 rounds half up to 1
        (1, 5, 29.0, 0),  # 1.45 expected: 0.45 rounds to 0
        (60, 100, 55.0, 0),  # above the benchmark: no gap
    ],
)
def test_people_the_gap_represents(numerator: int, denominator: int, benchmark_pct: float, gap: int) -> None:
    assert int(people_gap_count(numerator, denominator, benchmark_pct)) == gap


def test_gap_finder_keeps_only_significantly_lower_cells_ranked_by_people() -> None:
    cells = pd.DataFrame({
        "pdu_code": ["P1", "P2", "P3", "P4", "P5"],
        "need_code": ["ete", "ete", "drugs", "ete", "ete"],
        "value_pct": [30.0, 20.0, 10.0, 45.0, 50.0],
        "benchmark_pct": [50.0, 50.0, 50.0, 50.0, 50.0],
        "people_gap_count": [30, 30, 12, 40, 0],
        "comparison": ["Significantly lower", "Significantly lower", "Significantly lower", "Lower", "Similar"],
    })
    gaps = find_gaps(cells)
    # P4 is only "Lower" (inside 99.8%): left out. P1 and P2 tie on 30 people; P2's shortfall is larger.
    assert gaps["pdu_code"].tolist() == ["P2", "P1", "P3"]
    assert gaps["rank"].tolist() == [1, 2, 3]
    assert gaps["shortfall_pct_points"].tolist() == [30.0, 20.0, 40.0]


def test_gap_finder_by_subgroup_uses_the_all_persons_benchmark_for_the_need() -> None:
    counts = counts_frame(
        ("A1", "RA", "ete", "black", 100, 10, 0, 0, 0, 0),
        ("A1", "RA", "ete", "white", 300, 270, 0, 0, 0, 0),
    )
    cells = compared_cells(counts, counts, REFERRED, benchmark=ALL_PERSONS, by_subgroup=True)
    gaps = find_gaps(cells)
    # All persons: 280 of 400 = 70%. Black: 10% -> 60 people short; white: 90% is higher.
    assert gaps[["subgroup", "benchmark_pct", "people_gap_count"]].values.tolist() == [["black", 70.0, 60]]


def test_benchmark_names_read_well_mid_sentence() -> None:
    assert benchmark_name(ENGLAND_WALES, in_sentence=True) == "England and Wales, same need"
    assert benchmark_name(ALL_PERSONS, in_sentence=True) == "all people selected, same need"
    assert benchmark_name(ALL_PERSONS, same_need=False) == "All people selected, all needs"
    assert benchmark_name(REGION, in_sentence=True) == "region, same need"
