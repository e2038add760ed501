"""Display and download tables for the PDU comparison page, with disclosure control applied.

Values hidden by disclosure control are already missing in the compared frames
(see ``metrics.comparison.pdu_comparison``); here counts of 1–4 become "<5" and columns get
headings that state their unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

from metrics.comparison.funnel_labels import funnel_numbers
from metrics.comparison.indicators import Indicator
from metrics.stats.disclosure import SUPPRESSED_PERCENT, format_count

COMPARED_COLUMN: Final = "Compared with benchmark"


def value_heading(item: Indicator) -> str:
    """Column heading for an indicator's value, with its unit, e.g. "Value (%)"."""
    return f"Value ({item.unit})"


def format_value(value: float, item: Indicator, *, suppressed: bool = False, short: bool = False) -> str:
    """A value for display in its unit ("45.2%", "3.4 per 100 people supervised", "12.3 weeks"; with
    ``short``, only percentages keep their unit); "suppressed" when disclosure control hides it, "–"
    when there is none."""
    if suppressed:
        return SUPPRESSED_PERCENT
    if value is None or not np.isfinite(value):
        return "–"
    if item.unit == "%":
        return f"{value:.1f}%"
    return f"{value:.1f}" if short else f"{value:.1f} {item.unit}"


def count_texts(counts: pd.Series) -> pd.Series:
    """Counts as text with disclosure control: "1,234", "<5" for 1–4, "–" when missing.

    Text, not a mix of numbers and "<5", so every table and download has one type per column.
    """
    return counts.map(format_count).astype("object")


def _counts(compared: pd.DataFrame, item: Indicator) -> pd.DataFrame:
    """Numerator and denominator columns named after what they count (counts of 1–4 as "<5")."""
    counts = pd.DataFrame(index=compared.index)
    if item.kind != "median":
        counts[item.numerator] = count_texts(compared["numerator"])
    counts[item.denominator] = count_texts(compared["denominator"])
    return counts


def funnel_table(units: pd.DataFrame, item: Indicator) -> pd.DataFrame:
    """The funnel plot's data: each PDU's denominator (shown rounded, as every count), value, position and label."""
    return pd.DataFrame({
        "PDU": units["pdu_name"].to_numpy(),
        item.denominator: count_texts(units["denominator"]).to_numpy(),
        f"Value ({item.unit})": units["value"].round(1).to_numpy(),
        "Position in the funnel": units["funnel_position"].to_numpy(),
        "Number in the chart": funnel_numbers(units).to_numpy(),
        COMPARED_COLUMN: units["comparison"].to_numpy(),
    })


def comparison_table(compared: pd.DataFrame, item: Indicator, *, benchmark_name: str) -> pd.DataFrame:
    """Every PDU's value, 95% and 99.8% limits, counts, benchmark and comparison (window 0).

    Args:
        compared: from ``metrics.comparison.pdu_comparison.compare_pdus``.
        item: the indicator.
        benchmark_name: what the benchmark is, for the column heading.
    """
    rows = compared[compared["window"] == 0].reset_index(drop=True)
    unit = "" if item.unit == "%" else f" ({item.unit})"
    table = pd.DataFrame({"PDU": rows["pdu_name"], "Region": rows["region_name"],
                          value_heading(item): rows["value"].round(1)})
    for column, heading in (("value_lower95", "Lower 95% limit"), ("value_upper95", "Upper 95% limit"),
                            ("value_lower998", "Lower 99.8% limit"), ("value_upper998", "Upper 99.8% limit")):
        table[heading + unit] = rows[column].round(1)
    table = pd.concat([table, _counts(rows, item)], axis=1)
    table[f"Benchmark: {benchmark_name} ({item.unit})"] = rows["benchmark"].round(1)
    table[COMPARED_COLUMN] = rows["comparison"]
    return table


def matrix_tables(
    items: Sequence[Indicator], compared: dict[str, pd.DataFrame], pdu_codes: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PDUs (rows) × indicators (columns): values (missing where hidden) and comparison labels.

    Both frames have columns PDU, Region, then one per indicator's short name, in
    the order of ``pdu_codes``.
    """
    first = compared[items[0].key]
    names = first[first["window"] == 0].set_index("pdu_code")[["pdu_name", "region_name"]]
    names = names.loc[[code for code in pdu_codes if code in names.index]]
    values = pd.DataFrame({"PDU": names["pdu_name"], "Region": names["region_name"]})
    labels = values.copy()
    value_columns, label_columns = {}, {}
    for item in items:
        rows = compared[item.key]
        rows = rows[rows["window"] == 0]
        # Each PDU's row by position (what ``reindex`` on the codes gives; -1: no row, a missing cell).
        found = pd.Index(rows["pdu_code"]).get_indexer(names.index)
        missing, found = found < 0, np.maximum(found, 0)
        value = np.append(rows["value"].to_numpy(), np.nan)[np.where(missing, len(rows), found)]
        value_columns[item.short_name] = pd.Series(value, index=names.index, dtype=rows["value"].dtype).round(1)
        label = np.append(rows["comparison"].to_numpy(dtype=object), np.nan)[np.where(missing, len(rows), found)]
        label_columns[item.short_name] = pd.Series(label, index=names.index, dtype=rows["comparison"].dtype)
    values = pd.concat([values, pd.DataFrame(value_columns, index=names.index)], axis=1)
    labels = pd.concat([labels, pd.DataFrame(label_columns, index=names.index)], axis=1)
    return values.reset_index(drop=True), labels.reset_index(drop=True)


def spine_table(spine: pd.DataFrame, items: Sequence[Indicator], *, pdu_name: str) -> pd.DataFrame:
    """The PDU profile as a table: one row per indicator with the PDU, the national range and the label."""
    by_key = {item.key: item for item in items}
    table = pd.DataFrame({
        "Indicator": spine["name"],
        pdu_name: [format_value(value, by_key[key], suppressed=hidden)
                   for key, value, hidden in zip(spine["key"], spine["value"], spine["suppressed"])],
        "England and Wales": [format_value(v, by_key[k]) for k, v in zip(spine["key"], spine["national"])],
        "Lowest PDU": [format_value(v, by_key[k]) for k, v in zip(spine["key"], spine["lowest"])],
        "Highest PDU": [format_value(v, by_key[k]) for k, v in zip(spine["key"], spine["highest"])],
        COMPARED_COLUMN: spine["comparison"],
    })
    table.insert(2, "Denominator", count_texts(spine["denominator"]))
    return table
