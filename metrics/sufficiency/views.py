"""Frames for each view of the Sufficiency gaps page, ready for a chart or a table.

Each function takes the counts in the view's area (and, where a benchmark
applies, the benchmark's counts) and returns rows in display order with
readable labels next to the codes.
"""

from __future__ import annotations

import pandas as pd

from metrics.sufficiency.benchmark import need_benchmark_match, with_benchmark
from metrics.sufficiency.gaps import compared_cells
from metrics.sufficiency.measures import Measure, cascade_by_need, measure_table
from vocabulary.definitions import NEEDS, code_label

UNKNOWN = "unknown"


def need_shares(area: pd.DataFrame, population: pd.DataFrame, measure: Measure, *, benchmark: str) -> pd.DataFrame:
    """One row per need: the measure with its limits, benchmark and comparison, worst first.

    Needs whose share is suppressed or missing go last.
    """
    shares = measure_table(area, measure, ["need_code"])
    shares = with_benchmark(shares, population, measure, match=need_benchmark_match(benchmark))
    shares["label"] = shares["need_code"].map(code_label)
    return shares.sort_values(["value_pct", "need_code"], na_position="last", kind="stable").reset_index(drop=True)


def cascade_in_order(area: pd.DataFrame, need_order: list[str]) -> pd.DataFrame:
    """The cascade by need (``cascade_by_need``) in ``need_order`` with a ``need`` label column."""
    cascade = cascade_by_need(area).set_index("need_code").reindex(need_order).dropna(subset=["need_count"])
    cascade = cascade.reset_index()
    cascade["need"] = cascade["need_code"].map(code_label)
    return cascade


def subgroup_shares(area: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """One row per subgroup value, all needs together, against the all-persons value (unknown last)."""
    shares = with_benchmark(measure_table(area, measure, ["subgroup"]), area, measure)
    shares["label"] = shares["subgroup"].map(code_label)
    shares["is_unknown"] = shares["subgroup"] == UNKNOWN
    return shares.sort_values(["is_unknown", "subgroup"], kind="stable").drop(columns="is_unknown").reset_index(drop=True)


def need_by_subgroup(area: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """One row per need and subgroup value, each against the need's all-persons value."""
    cells = measure_table(area, measure, ["need_code", "subgroup"])
    return with_benchmark(cells, area, measure, match=("need_code",))


def unknown_share(area: pd.DataFrame) -> tuple[int, int]:
    """Need records whose subgroup value is unknown, and all need records: (unknown_count, need_count)."""
    total = int(area["need_count"].sum())
    unknown = int(area.loc[area["subgroup"] == UNKNOWN, "need_count"].sum())
    return unknown, total


def rug_cells(
    area: pd.DataFrame,
    population: pd.DataFrame,
    measure: Measure,
    *,
    benchmark: str,
    pdu_names: dict[str, str],
) -> pd.DataFrame:
    """PDU × need cells with comparison and labels, needs in contract order, PDUs by region then name."""
    cells = compared_cells(area, population, measure, benchmark=benchmark)
    cells["pdu"] = cells["pdu_code"].map(lambda code: pdu_names.get(code, code))
    cells["row"], cells["row_code"] = cells["pdu"], cells["pdu_code"]
    cells["need"] = cells["need_code"].map(code_label)
    cells["need_position"] = cells["need_code"].map({code: index for index, code in enumerate(NEEDS)})
    ordered = cells.sort_values(["need_position", "region_code", "pdu"], kind="stable")
    return ordered.drop(columns="need_position").reset_index(drop=True)
