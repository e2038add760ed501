"""Benchmarks for the sufficiency measures and the comparison of each cell with them.

A benchmark is the same measure, on the same filters, over a wider population:
all people in scope (the "all persons" value), the region, or England and Wales.
It always covers all persons (every subgroup) and, where the cell is for one
need, that same need. Labels come from the one comparison engine
(``metrics.stats.comparison``) with neutral wording: Similar, Higher, Lower,
Significantly higher, Significantly lower, Not compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from metrics.stats.comparison import compare_with_benchmark
from metrics.sufficiency.measures import Measure, in_area, measure_table
from vocabulary.scope import Filters

ALL_PERSONS: Final = "all_persons"
REGION: Final = "region"
ENGLAND_WALES: Final = "england_wales"
BENCHMARKS: Final[dict[str, str]] = {
    ALL_PERSONS: "All people selected",
    REGION: "Region",
    ENGLAND_WALES: "England and Wales",
}
DEFAULT_BENCHMARK: Final = ALL_PERSONS
#: Each benchmark as it reads in a sentence ("higher than ...", the comparison key).
BENCHMARK_PHRASES: Final[dict[str, str]] = {
    ALL_PERSONS: "all people in the area shown", REGION: "the region", ENGLAND_WALES: "England and Wales",
}
SIGNIFICANTLY_LOWER: Final = "Significantly lower"


def benchmark_population(national: pd.DataFrame, filters: Filters, benchmark: str) -> pd.DataFrame:
    """The counts a benchmark is computed from.

    Args:
        national: counts for every PDU under the filters with region and PDU
            restrictions lifted (the other filters apply).
        filters: the view's filters.
        benchmark: a key of ``BENCHMARKS``.

    Returns:
        All persons: the rows in the filters' area. Region: the rows of every
        region that holds a PDU in that area. England and Wales: all rows.
    """
    if benchmark not in BENCHMARKS:
        raise ValueError(f"Unknown benchmark {benchmark!r}: use one of {sorted(BENCHMARKS)}")
    if benchmark == ALL_PERSONS:
        return in_area(national, filters)
    if benchmark == REGION:
        regions = in_area(national, filters)["region_code"].unique()
        return national[national["region_code"].isin(regions)]
    return national


def with_benchmark(
    cells: pd.DataFrame,
    population: pd.DataFrame,
    measure: Measure,
    *,
    match: Sequence[str] = (),
) -> pd.DataFrame:
    """Add ``benchmark_pct`` and the ``comparison`` label to a measure table.

    Args:
        cells: a table from ``measure_table`` (value_pct with Wilson limits).
        population: counts from ``benchmark_population``.
        measure: the measure in ``cells``.
        match: columns on which cell and benchmark must agree, e.g.
            ``("need_code",)`` to compare a cell with the same need, plus
            ``"region_code"`` to compare a PDU with its own region.

    Returns:
        A copy of ``cells`` with ``benchmark_pct`` (percent), its
        ``benchmark_denominator_count`` and the ``comparison`` label.
    """
    reference = measure_table(population, measure, list(match))
    reference = reference[[*match, "value_pct", "denominator_count"]].rename(
        columns={"value_pct": "benchmark_pct", "denominator_count": "benchmark_denominator_count"}
    )
    if match:
        compared = cells.merge(reference, on=list(match), how="left")
    else:
        compared = cells.assign(
            benchmark_pct=reference["benchmark_pct"].iloc[0],
            benchmark_denominator_count=reference["benchmark_denominator_count"].iloc[0],
        )
    compared["comparison"] = compare_with_benchmark(
        compared, denominator="denominator_count", polarity="no_judgement"
    )
    return compared


def need_benchmark_match(benchmark: str) -> tuple[str, ...]:
    """What a one-row-per-need table is compared on.

    Against all people in scope a need is compared with all needs together (it
    would otherwise be compared with itself); against the region or England and
    Wales, with the same need there.
    """
    return () if benchmark == ALL_PERSONS else ("need_code",)


def cell_benchmark_match(benchmark: str) -> tuple[str, ...]:
    """What a PDU × need cell is compared on: the same need, in the PDU's own region for REGION."""
    return ("region_code", "need_code") if benchmark == REGION else ("need_code",)


def benchmark_name(benchmark: str, *, same_need: bool = True, in_sentence: bool = False) -> str:
    """How a benchmark is named on the page, e.g. "England and Wales, same need".

    With ``in_sentence`` a leading "All" or "Region" is lower-cased for use mid-sentence
    ("against all people selected"); "England and Wales" keeps its capitals.
    """
    if benchmark == ALL_PERSONS and not same_need:
        name = "All people selected, all needs"
    else:
        name = f"{BENCHMARKS[benchmark]}, same need" if same_need else BENCHMARKS[benchmark]
    return name[0].lower() + name[1:] if in_sentence and benchmark != ENGLAND_WALES else name
