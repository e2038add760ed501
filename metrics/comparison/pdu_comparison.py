"""Every PDU against a benchmark on one indicator: value, interval, benchmark and comparison label.

The benchmark is the indicator's value, on the same filtered data, for England
and Wales or for the PDU's own region; the label comes from the one comparison
engine (``metrics.stats.comparison``) with the indicator's polarity. A value hidden by
disclosure control is never compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd

from metrics.comparison.indicator_compute import LIMIT_COLUMNS, computed_together
from metrics.comparison.indicators import Indicator
from metrics.stats.comparison import NOT_COMPARED, compare_with_benchmark
from metrics.stats.disclosure import is_suppressed_count, is_suppressed_percent
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT

ENGLAND_WALES: Final = "england_wales"
REGION: Final = "region"
BENCHMARKS: Final[dict[str, str]] = {ENGLAND_WALES: "England and Wales", REGION: "The PDU's own region"}
DEFAULT_BENCHMARK: Final = ENGLAND_WALES


def parse_benchmark(raw: str) -> str:
    """A URL value as a benchmark key (ValueError when unknown)."""
    if raw not in BENCHMARKS:
        raise ValueError(f"no benchmark {raw!r}")
    return raw


def indicator_values(item: Indicator, counts: pd.DataFrame, waits: pd.DataFrame) -> pd.DataFrame:
    """The indicator for every area and window (see ``metrics.comparison.indicator_compute``)."""
    return item.compute(waits if item.source == "waits" else counts)


def indicator_values_together(items: Sequence[Indicator], counts: pd.DataFrame, waits: pd.DataFrame) -> dict[
        str, pd.DataFrame]:
    """``indicator_values`` for several indicators: key -> the same frame (percentages and rates are
    worked out together, ``metrics.comparison.indicator_compute.computed_together``)."""
    from_counts = [item for item in items if item.source != "waits"]
    values = dict(zip((item.key for item in from_counts),
                      computed_together([item.compute for item in from_counts], counts), strict=True))
    return {item.key: values[item.key] if item.key in values else item.compute(waits) for item in items}


def is_value_suppressed(item: Indicator, numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Whether disclosure control hides each value.

    Medians: denominator under ``MIN_DENOMINATOR_FOR_PERCENT`` (a median of fewer
    than 10 waits would disclose individual waits). Percentages: the percentage
    rule of ``metrics.stats.disclosure`` (denominator under 10, or a numerator or
    complement of 1–4, which the percentage and the denominator would give away).
    Rates: a numerator of 1–4 (the rate and the caseload would give it away) or no
    denominator.
    """
    if item.kind == "rate":
        small = numerator.apply(is_suppressed_count).astype(bool)
        return small | ~(denominator.astype("float64") > 0)
    if item.kind == "proportion":
        return pd.Series([is_suppressed_percent(den, num) for num, den in zip(numerator, denominator)],
                         index=denominator.index, dtype=bool)
    return ~(denominator.astype("float64") >= MIN_DENOMINATOR_FOR_PERCENT)


def benchmark_values(values: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """The benchmark rows of ``values``: window, benchmark_code and benchmark (the value)."""
    area_type = "national" if benchmark == ENGLAND_WALES else "region"
    rows = values[values["area_type"] == area_type]
    return rows[["window", "area_code", "value"]].rename(columns={"area_code": "benchmark_code",
                                                                  "value": "benchmark"})


def compare_pdus(values: pd.DataFrame, pdus: pd.DataFrame, item: Indicator, *, benchmark: str,
                 window: int = 0) -> pd.DataFrame:
    """One row per PDU: value with limits, benchmark and comparison, in one window.

    Args:
        values: from ``indicator_values`` (all areas).
        pdus: pdu_code, pdu_name, region_code, region_name of every PDU.
        item: the indicator.
        benchmark: ``ENGLAND_WALES`` or ``REGION``.
        window: which window to compare (0: the page's period).

    Returns:
        Every PDU in ``pdus`` (one with no data has a zero denominator and is
        "Not compared"): pdu_code, pdu_name, region_code, region_name, window,
        numerator, denominator, value and its limits (NaN when suppressed),
        suppressed, benchmark_code, benchmark, comparison; sorted by value, highest first.
    """
    parse_benchmark(benchmark)
    values = values[values["window"] == window]
    rows = values[values["area_type"] == "pdu"].drop(columns=["area_type"]).rename(columns={"area_code": "pdu_code"})
    rows = pdus[["pdu_code", "pdu_name", "region_code", "region_name"]].merge(rows, on="pdu_code", how="left")
    rows = rows.assign(window=window, denominator=rows["denominator"].fillna(0))
    reference = benchmark_values(values, benchmark)
    if benchmark == ENGLAND_WALES:
        rows = rows.merge(reference, on="window", how="left")
    else:
        rows = rows.merge(reference, left_on=["window", "region_code"], right_on=["window", "benchmark_code"],
                          how="left")
    rows["suppressed"] = is_value_suppressed(item, rows["numerator"], rows["denominator"]).to_numpy()
    for column in ("value", *LIMIT_COLUMNS):
        rows[column] = rows[column].where(~rows["suppressed"])
    rows["comparison"] = compare_with_benchmark(
        rows, value="value", benchmark="benchmark", denominator="denominator",
        polarity=item.polarity, min_denominator=item.min_denominator,
    )
    rows.loc[rows["suppressed"], "comparison"] = NOT_COMPARED
    return rows.sort_values(["value", "pdu_name"], ascending=[False, True], na_position="last", ignore_index=True)


#: Column types of an ``indicator_values`` frame that ``compare_pdus_together`` stacks with others.
_STACKED_TYPES: Final[dict[str, str]] = {"window": "int64", **dict.fromkeys(
    ("numerator", "denominator", "value", *LIMIT_COLUMNS), "float64")}


def _stackable(values: pd.DataFrame) -> bool:
    """Whether ``values`` has the usual column types (an empty frame from no data may not)."""
    return len(values) > 0 and all(str(values[name].dtype) == kind for name, kind in _STACKED_TYPES.items())


def compare_pdus_together(values: Mapping[str, pd.DataFrame], pdus: pd.DataFrame, items: Sequence[Indicator], *,
                          benchmark: str, window: int = 0) -> dict[str, pd.DataFrame]:
    """``compare_pdus`` for several indicators at once: indicator key -> the same frame, row for row.

    The indicators' rows are stacked and go through one merge with the PDUs, one with the
    benchmarks, one disclosure test per kind, one comparison per polarity and one sort, then
    are split again: a comparison for each of ten indicators, one by one, was a sixth of the
    page's cache miss. Every step works row by row (or sorts within an indicator), so each
    frame equals ``compare_pdus``'s; an indicator whose values have unusual column types (no
    data at all) is compared on its own.
    """
    parse_benchmark(benchmark)
    together = [item for item in items if _stackable(values[item.key])]
    compared = {item.key: compare_pdus(values[item.key], pdus, item, benchmark=benchmark, window=window)
                for item in items if item not in together}
    if not together:
        return {item.key: compared[item.key] for item in items}
    names = pdus[["pdu_code", "pdu_name", "region_code", "region_name"]]
    position = "indicator_position"
    in_window = {item.key: values[item.key][values[item.key]["window"] == window] for item in together}
    stacked = pd.concat([frame.assign(**{position: index}) for index, frame in enumerate(in_window.values())],
                        ignore_index=True)
    pdu_rows = (stacked[stacked["area_type"] == "pdu"].drop(columns=["area_type"])
                .rename(columns={"area_code": "pdu_code"}))
    grid = pd.concat([names.assign(**{position: index}) for index in range(len(together))], ignore_index=True)
    rows = grid.merge(pdu_rows, on=[position, "pdu_code"], how="left")
    rows = rows.assign(window=window, denominator=rows["denominator"].fillna(0))
    area_type = "national" if benchmark == ENGLAND_WALES else "region"
    reference = stacked.loc[stacked["area_type"] == area_type, [position, "window", "area_code", "value"]].rename(
        columns={"area_code": "benchmark_code", "value": "benchmark"})
    if benchmark == ENGLAND_WALES:
        rows = rows.merge(reference, on=[position, "window"], how="left")
    else:
        rows = rows.merge(reference, left_on=[position, "window", "region_code"],
                          right_on=[position, "window", "benchmark_code"], how="left")
    which = rows[position].to_numpy()
    suppressed = np.zeros(len(rows), dtype=bool)
    for kind in dict.fromkeys(item.kind for item in together):
        mask = np.isin(which, [index for index, item in enumerate(together) if item.kind == kind])
        first = next(item for item in together if item.kind == kind)
        suppressed[mask] = is_value_suppressed(first, rows["numerator"][mask], rows["denominator"][mask]).to_numpy()
    rows["suppressed"] = suppressed
    for column in ("value", *LIMIT_COLUMNS):
        rows[column] = rows[column].where(~rows["suppressed"])
    labels = np.empty(len(rows), dtype=object)
    for rule in dict.fromkeys((item.polarity, item.min_denominator) for item in together):
        mask = np.isin(which, [index for index, item in enumerate(together)
                               if (item.polarity, item.min_denominator) == rule])
        labels[mask] = compare_with_benchmark(rows[mask], value="value", benchmark="benchmark",
                                              denominator="denominator", polarity=rule[0],
                                              min_denominator=rule[1]).to_numpy()
    rows["comparison"] = pd.Series(labels, index=rows.index, dtype="object")
    rows.loc[rows["suppressed"], "comparison"] = NOT_COMPARED
    rows = rows.sort_values([position, "value", "pdu_name"], ascending=[True, False, True], na_position="last",
                            ignore_index=True)
    bounds = np.searchsorted(rows[position].to_numpy(), np.arange(len(together) + 1))
    rows = rows.drop(columns=[position])
    compared.update({item.key: rows.iloc[bounds[index]:bounds[index + 1]].reset_index(drop=True)
                     for index, item in enumerate(together)})
    return {item.key: compared[item.key] for item in items}


def national_value(values: pd.DataFrame, window: int = 0) -> float:
    """England and Wales's value in ``window`` (NaN when absent)."""
    rows = values[(values["area_type"] == "national") & (values["window"] == window)]
    return float(rows["value"].iloc[0]) if len(rows) else float("nan")


def value_order(item: Indicator) -> bool:
    """True when larger values are better (for sorting best first); no-judgement indicators sort high first."""
    return item.polarity != "low_is_good"


def has_values(compared: pd.DataFrame) -> bool:
    """Whether any PDU has a value to show."""
    return bool(np.isfinite(compared["value"].astype("float64")).any())
