"""Display and download tables for the Sufficiency gaps page, with disclosure control applied.

Every table keeps its counts, value, Wilson 95% and 99.8% limits, benchmark and
comparison label, so a download carries the same flags as the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from metrics.stats.disclosure import suppress_table
from metrics.sufficiency.measures import Measure
from vocabulary.definitions import SUBGROUP_LABELS, code_label

COUNT_LABELS: Final[dict[str, str]] = {
    "need_count": "Need records",
    "referred_count": "Referred",
    "started_count": "Started",
    "completed_count": "Completed",
    "judged_count": "Judged",
    "sufficient_count": "Judged sufficient",
}
LIMIT_LABELS: Final[dict[str, str]] = {
    "value_pct_lower95": "95% lower (%)",
    "value_pct_upper95": "95% upper (%)",
    "value_pct_lower998": "99.8% lower (%)",
    "value_pct_upper998": "99.8% upper (%)",
}
KEY_COLUMNS: Final[tuple[str, ...]] = ("region_code", "pdu_code", "need_code", "subgroup")


def _key_labels(dimension: str | None) -> dict[str, str]:
    return {
        "region_code": "Region",
        "pdu_code": "Probation Delivery Unit",
        "need_code": "Need",
        "subgroup": SUBGROUP_LABELS.get(dimension or "", "Subgroup"),
    }


def _counts_as_text(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Count columns holding "<5" become text throughout, so a table of them stays one type."""
    for column in columns:
        table[column] = table[column].map(lambda count: count if isinstance(count, str) else f"{int(count)}")
    return table


def label_codes(table: pd.DataFrame, names: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Replace codes by names: PDUs and regions from ``names``, needs and subgroup values by contract label."""
    labelled = table.copy()
    for column in KEY_COLUMNS:
        if column in labelled:
            lookup = names.get(column.removesuffix("_code") + "s", {})
            labelled[column] = labelled[column].map(lambda code, lookup=lookup: lookup.get(code) or code_label(code))
    return labelled


def compared_table(
    compared: pd.DataFrame,
    measure: Measure,
    *,
    names: dict[str, dict[str, str]],
    dimension: str | None = None,
    extra: Sequence[str] = (),
) -> pd.DataFrame:
    """A measure table with benchmark and comparison, ready to show and download.

    Args:
        compared: rows from ``with_benchmark`` (or ``find_gaps``).
        measure: the measure shown.
        names: ``{"pdus": code -> name, "regions": code -> name}``.
        dimension: the subgroup dimension, naming the subgroup column.
        extra: further columns: ``rank`` goes first, others (``people_gap_count``)
            follow the comparison, before the counts and limits.
    """
    keys = [column for column in KEY_COLUMNS if column in compared]
    value = f"{measure.label} (%)"
    count_columns = ("numerator_count", "denominator_count", *[c for c in extra if c.endswith("_count")])
    safe = suppress_table(
        compared,
        count_columns=count_columns,
        percent_columns={"value_pct": "denominator_count", "benchmark_pct": "benchmark_denominator_count"},
    )
    safe = _counts_as_text(label_codes(safe, names).round(1), count_columns)
    renames = {
        **_key_labels(dimension),
        "rank": "Rank",
        "numerator_count": COUNT_LABELS[measure.numerator],
        "denominator_count": COUNT_LABELS[measure.denominator],
        "value_pct": value,
        **LIMIT_LABELS,
        "benchmark_pct": "Benchmark (%)",
        "comparison": "Compared with benchmark",
        "shortfall_pct_points": "Below benchmark (percentage points)",
        "people_gap_count": "People the gap represents",
    }
    first = [column for column in extra if column == "rank"]
    last = [column for column in extra if column != "rank"]
    ordered = [*first, *keys, "value_pct", "benchmark_pct", "comparison", *last, "numerator_count",
               "denominator_count", *LIMIT_LABELS]
    return safe[ordered].rename(columns=renames)


def cascade_table(cascade: pd.DataFrame) -> pd.DataFrame:
    """The cascade by need as a table: counts, shares of need records and their limits."""
    stages = ("referred", "started", "completed")
    count_columns = (*(f"{stage}_count" for stage in stages), "need_count")
    safe = suppress_table(
        cascade,
        count_columns=count_columns,
        percent_columns={f"{stage}_pct": "need_count" for stage in stages},
    )
    safe = _counts_as_text(label_codes(safe, {}).round(1), count_columns)
    columns = {"need_code": "Need", "need_count": "Need records"}
    for stage in stages:
        columns[f"{stage}_count"] = COUNT_LABELS[f"{stage}_count"]
        columns[f"{stage}_pct"] = f"{COUNT_LABELS[f'{stage}_count']} (% of need records)"
        for level, label in (("95", "95%"), ("998", "99.8%")):
            columns[f"{stage}_pct_lower{level}"] = f"{COUNT_LABELS[f'{stage}_count']} {label} lower (%)"
            columns[f"{stage}_pct_upper{level}"] = f"{COUNT_LABELS[f'{stage}_count']} {label} upper (%)"
    return safe[list(columns)].rename(columns=columns)

