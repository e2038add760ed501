"""The data-quality tables as shown and downloaded, with disclosure control applied.

Counts of people or their records go through ``format_count``/``suppress_table`` (0, "<5", else
rounded to the nearest 5); shares through the percentage rule. Caseload months are not counts of
people and are shown as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.quality.measures import QualityMeasure
from metrics.stats.disclosure import SUPPRESSED_COUNT, is_suppressed_percent, shown_count, suppress_table

COMPARED_COLUMN = "Compared with England and Wales"


def _hidden_share(value_pct: float, numerator: float, denominator: float, people: bool) -> float:
    if denominator == 0 or (people and is_suppressed_percent(denominator, numerator)):
        return np.nan
    return round(float(value_pct), 1)


def _shown(count: float) -> int | str:
    """A count of people as shown: "<5", or a whole number rounded to the nearest 5."""
    shown = shown_count(count)
    return SUPPRESSED_COUNT if shown is None else int(shown)


def summary_display(summary: pd.DataFrame) -> pd.DataFrame:
    """``rates.scope_summary`` for display: one row per measure, shares in percent, counts controlled."""
    rows = []
    for _, row in summary.iterrows():
        people = bool(row["people"])
        count = _shown if people else int
        rows.append({
            "Measure": row["measure"],
            "Share selected (%)": _hidden_share(row["value_pct"], row["numerator"], row["denominator"], people),
            "England and Wales (%)": round(float(row["benchmark_pct"]), 1) if pd.notna(row["benchmark_pct"])
            else np.nan,
            "With the problem": count(row["numerator"]),
            "Checked": count(row["denominator"]),
            "PDUs worse than England and Wales": int(row["worse_pdu_count"]),
            "PDUs significantly worse": int(row["significantly_worse_pdu_count"]),
            "Checked are": row["counted"],
        })
    return pd.DataFrame(rows)


def pdu_display(compared: pd.DataFrame, measure: QualityMeasure) -> pd.DataFrame:
    """``rates.measure_by_pdu`` (PDUs selected) for display and download: one row per PDU."""
    table = pd.DataFrame({
        "PDU": compared["pdu_name"],
        "Region": compared["region_name"],
        COMPARED_COLUMN: compared["comparison"],
        "Share (%)": compared["value_pct"].round(1),
        "95% lower (%)": compared["value_pct_lower95"].round(1),
        "95% upper (%)": compared["value_pct_upper95"].round(1),
        "99.8% lower (%)": compared["value_pct_lower998"].round(1),
        "99.8% upper (%)": compared["value_pct_upper998"].round(1),
        "England and Wales (%)": compared["benchmark_pct"].round(1),
        "With the problem": compared["numerator"],
        "Checked": compared["denominator"],
    })
    if measure.people:
        table = suppress_table(table, count_columns=("With the problem", "Checked"))
    return table.reset_index(drop=True)
