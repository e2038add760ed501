"""The PDU × need matrix's choices: what a cell is compared with, which unit the rows are (PDUs or
regions), and which PDUs a national view shows first (the 10 highest and 10 lowest).

Every comparison uses the one significance rule (``metrics.stats.comparison``, via
``with_benchmark``); only the benchmark a cell is compared with changes.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.stats.disclosure import percent_hidden
from metrics.sufficiency.benchmark import REGION, benchmark_name, cell_benchmark_match, with_benchmark
from metrics.sufficiency.measures import Measure, measure_table
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, NEEDS, code_label

SAME_NEED: Final = "same_need"
ALL_NEEDS: Final = "all_needs"
#: What each cell is compared with (the page's "Compare each cell with" choice).
MATRIX_COMPARISONS: Final[dict[str, str]] = {
    SAME_NEED: "The same need (the benchmark chosen above)",
    ALL_NEEDS: "All needs, England and Wales",
}
PDU_ROWS: Final = "pdu"
REGION_ROWS: Final = "region"
MATRIX_UNITS: Final[dict[str, str]] = {PDU_ROWS: "Probation Delivery Units", REGION_ROWS: "Regions"}
#: PDUs shown at each end of a national view before "Show all PDUs".
EXTREME_ROW_COUNT: Final[int] = 10


def matrix_cells(
    area: pd.DataFrame,
    population: pd.DataFrame,
    national: pd.DataFrame,
    measure: Measure,
    *,
    benchmark: str,
    comparison: str,
    unit: str,
) -> pd.DataFrame:
    """One row per PDU (or region) and need: the measure with its limits, benchmark and comparison.

    Args:
        area: counts in the view's area.
        population: the chosen benchmark's counts (``benchmark_population``).
        national: counts for England and Wales under the same filters.
        measure: the measure shown.
        benchmark: the page's benchmark key, used when ``comparison`` is ``SAME_NEED``.
        comparison: ``SAME_NEED`` (each need with itself in the benchmark; a region
            against "Region" is compared with England and Wales, not with itself) or
            ``ALL_NEEDS`` (every cell with the measure for all needs in England and Wales).
        unit: ``PDU_ROWS`` or ``REGION_ROWS``.
    """
    keys = ["pdu_code", "region_code", "need_code"] if unit == PDU_ROWS else ["region_code", "need_code"]
    cells = measure_table(area, measure, keys)
    if comparison == ALL_NEEDS:
        return with_benchmark(cells, national, measure)
    if unit == REGION_ROWS:
        reference = national if benchmark == REGION else population
        return with_benchmark(cells, reference, measure, match=("need_code",))
    return with_benchmark(cells, population, measure, match=cell_benchmark_match(benchmark))


def matrix_benchmark_name(benchmark: str, *, comparison: str, unit: str) -> str:
    """What the matrix's cells are compared with, for its title and legend (mid-sentence form)."""
    if comparison == ALL_NEEDS:
        return "all needs in England and Wales"
    if unit == REGION_ROWS and benchmark == REGION:
        return "England and Wales, same need"
    return benchmark_name(benchmark, in_sentence=True)


def extreme_pdus(area: pd.DataFrame, measure: Measure, *, count: int = EXTREME_ROW_COUNT) -> tuple[str, ...]:
    """The ``count`` PDUs with the lowest and the ``count`` with the highest measure across all needs.

    Only PDUs whose all-needs value may be shown (denominator of at least 10, not
    hidden by the percentage rule) are ranked; ties go by PDU code. Every PDU when
    there are no more than 2 × ``count`` in the area.
    """
    by_pdu = measure_table(area, measure, ["pdu_code"])
    if len(by_pdu) <= 2 * count:
        return tuple(by_pdu["pdu_code"])
    shown = ~percent_hidden(by_pdu["value_pct"], by_pdu["denominator_count"])
    ranked = by_pdu[shown & (by_pdu["denominator_count"] >= MIN_DENOMINATOR_FOR_PERCENT)]
    ranked = ranked.dropna(subset=["value_pct"]).sort_values(["value_pct", "pdu_code"], kind="stable")
    ends = pd.concat([ranked.head(count), ranked.tail(count)]).drop_duplicates("pdu_code")
    return tuple(ends["pdu_code"])


def labelled_rows(cells: pd.DataFrame, names: dict[str, dict[str, str]], *, unit: str) -> pd.DataFrame:
    """Cells with ``row_code``, ``row`` (PDU or region name), ``group`` (region name; None for regions)
    and ``need`` labels, in display order: needs in contract order, rows by region name then name."""
    regions, pdus = names.get("regions", {}), names.get("pdus", {})
    labelled = cells.copy()
    labelled["region"] = labelled["region_code"].map(lambda code: regions.get(code, code))
    if unit == PDU_ROWS:
        labelled["row_code"] = labelled["pdu_code"]
        labelled["row"] = labelled["pdu_code"].map(lambda code: pdus.get(code, code))
        labelled["group"] = labelled["region"]
    else:
        labelled["row_code"] = labelled["region_code"]
        labelled["row"] = labelled["region"]
        labelled["group"] = None
    labelled["need"] = labelled["need_code"].map(code_label)
    labelled["need_position"] = labelled["need_code"].map({code: index for index, code in enumerate(NEEDS)})
    ordered = labelled.sort_values(["need_position", "region", "row"], kind="stable")
    return ordered.drop(columns="need_position").reset_index(drop=True)
