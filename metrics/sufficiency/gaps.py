"""The gap finder: PDU (or region) × need (× subgroup) cells significantly below their benchmark.

A regional leader starts here. Only cells whose benchmark lies above their 99.8%
Wilson interval are listed (with ~108 PDUs, about five cells per need fall
outside a 95% interval by chance alone), ranked by the number of people the gap
represents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.sufficiency.benchmark import REGION, SIGNIFICANTLY_LOWER, cell_benchmark_match, with_benchmark
from metrics.sufficiency.measures import Measure, measure_table

CELL_KEYS: tuple[str, ...] = ("pdu_code", "region_code", "need_code")


def people_gap_count(
    numerator: pd.Series | np.ndarray | float,
    denominator: pd.Series | np.ndarray | float,
    benchmark_pct: pd.Series | np.ndarray | float,
) -> np.ndarray:
    """People the gap represents: how many more would have the measure at the benchmark rate.

    Definition: benchmark_pct ÷ 100 × denominator − numerator, rounded half up
    to a whole number of people; 0 when the cell is at or above the benchmark.
    Unit: people (need records). Example: 40 of 100 at a 55% benchmark -> 15.
    """
    expected = np.asarray(benchmark_pct, dtype="float64") / 100 * np.asarray(denominator, dtype="float64")
    shortfall = np.floor(expected - np.asarray(numerator, dtype="float64") + 0.5)
    return np.clip(np.nan_to_num(shortfall, nan=0.0), 0, None).astype("int64")


def compared_cells(
    counts: pd.DataFrame,
    population: pd.DataFrame,
    measure: Measure,
    *,
    benchmark: str,
    by_subgroup: bool = False,
    regions: bool = False,
    national: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every PDU (or region) × need (× subgroup) cell with its value, interval, benchmark and comparison.

    Args:
        counts: counts in the view's area.
        population: the benchmark's counts (``benchmark_population``).
        measure: the measure to compare.
        benchmark: a key of ``BENCHMARKS`` (decides what a cell is matched on).
        by_subgroup: split each cell by the subgroup column as well.
        regions: cells are regions, not PDUs; each is compared with the same need in
            ``population``, or, against "Region" (which would be itself), in ``national``.
        national: counts for England and Wales (needed with ``regions`` against "Region").
    """
    base = ["region_code", "need_code"] if regions else list(CELL_KEYS)
    keys = [*base, "subgroup"] if by_subgroup else base
    cells = measure_table(counts, measure, keys)
    if regions:
        reference = national if benchmark == REGION and national is not None else population
        compared = with_benchmark(cells, reference, measure, match=("need_code",))
    else:
        compared = with_benchmark(cells, population, measure, match=cell_benchmark_match(benchmark))
    compared["people_gap_count"] = people_gap_count(
        compared["numerator_count"], compared["denominator_count"], compared["benchmark_pct"]
    )
    return compared


def find_gaps(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells significantly lower than their benchmark (outside its 99.8% interval), ranked.

    Ranked by people the gap represents (largest first), then by the shortfall
    in percentage points, then by PDU (or region) and need code so the order is stable.
    Adds ``rank`` (1 = the largest gap) and ``shortfall_pct_points``.
    """
    gaps = cells[cells["comparison"] == SIGNIFICANTLY_LOWER].copy()
    gaps["shortfall_pct_points"] = gaps["benchmark_pct"] - gaps["value_pct"]
    unit = "pdu_code" if "pdu_code" in gaps else "region_code"
    order = ["people_gap_count", "shortfall_pct_points", unit, "need_code"]
    gaps = gaps.sort_values(order, ascending=[False, False] + [True] * (len(order) - 2), kind="stable")
    gaps.insert(0, "rank", np.arange(1, len(gaps) + 1))
    return gaps.reset_index(drop=True)
