"""Findings from the PDU comparisons page: PDUs significantly worse than their benchmark on an
indicator. Input is the page's comparison of every PDU in scope (``compare_pdus``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.findings.model import TESTED, Finding
from metrics.findings.wording import count_text, listed, lower_first
from metrics.stats.disclosure import format_percent

SIGNIFICANTLY_WORSE = "Significantly worse"
#: The PDU comparisons page's need counts (``data_access.comparison_queries.NEED_COLUMNS``).
NEED_COUNTS = ("need_count", "referred_count", "started_count", "judged_count", "sufficient_count")


def need_counts_from_sufficiency(counts: pd.DataFrame) -> pd.DataFrame:
    """The PDU comparisons page's need counts in one window (0) from the Sufficiency gaps page's counts.

    Args:
        counts: ``sufficiency_counts`` for national filters (any subgroup dimension): need records per
            (pdu_code, region_code, need_code, subgroup) and how many were referred, started, judged and
            judged sufficient.

    Returns:
        One row per PDU with a need record: pdu_code, window (0) and ``NEED_COUNTS``, as
        ``need_counts_by_pdu`` returns for the same period alone. Both count the need records of
        ``need_records_linked`` identified in the period per person's PDU, with the same linked
        referrals for national filters (only the intervention and category filters narrow them), so
        the sums are the same numbers (``tests/app/test_key_findings_page.py`` checks it on both databases).
    """
    summed = counts.groupby("pdu_code", as_index=False, sort=True)[list(NEED_COUNTS)].sum()
    summed.insert(1, "window", 0)
    return summed.astype({"window": "int64", **{name: "int64" for name in NEED_COUNTS}})


def gap_people(row: Mapping[str, Any], item: Indicator) -> int:
    """People (or records) a PDU's gap from its benchmark represents, for ranking.

    Percentages and rates per 100: |value − benchmark| ÷ 100 × denominator (the count that would
    close the gap); a median wait: everyone waiting (the denominator).
    """
    if item.kind == "median":
        return int(row["denominator"])
    gap = abs(row["value"] - row["benchmark"]) / 100 * row["denominator"]
    return int(math.floor(gap + 0.5)) if math.isfinite(gap) else 0


def _value(value: float, row: pd.Series, item: Indicator) -> str:
    if item.kind == "proportion":
        return format_percent(value, row["denominator"], numerator=row["numerator"])
    return format_value(value, item)


def _interval(row: pd.Series, item: Indicator) -> str:
    low, high = (_value(row[name], row, item) for name in ("value_lower95", "value_upper95"))
    return f"95% CI {low.removesuffix('%')}–{high}" if item.kind == "proportion" else \
        f"95% CI {row['value_lower95']:.1f}–{row['value_upper95']:.1f}"


def _against(row: pd.Series, item: Indicator, *, interval: bool = False) -> str:
    shown = _value(row["value"], row, item)
    if interval:
        shown = f"{shown} ({_interval(row, item)})"
    return f"{shown} against {format_value(row['benchmark'], item)}"


def worse_pdus(compared: pd.DataFrame, item: Indicator, *, benchmark: str,
               benchmark_words: str | None) -> Finding | None:
    """The PDUs in scope significantly worse than their benchmark on one indicator (outside its 99.8% interval).

    Args:
        compared: ``metrics.comparison.pdu_comparison.compare_pdus`` rows for the PDUs in scope.
        item: the indicator (those without a judgement of better or worse give no finding).
        benchmark: the benchmark key, kept in the link.
        benchmark_words: the benchmark mid-sentence ("England and Wales"); None for each PDU's own
            region, named when the PDUs found share one.

    The PDUs are named largest gap first (ties by name); the link highlights the first.
    """
    if item.polarity == "no_judgement":
        return None
    rows = compared[(compared["window"] == 0) & (compared["comparison"] == SIGNIFICANTLY_WORSE)]
    if rows.empty:
        return None
    rows = rows.assign(people=[gap_people(row, item) for _, row in rows.iterrows()])
    rows = rows.sort_values(["people", "pdu_name"], ascending=[False, True], kind="stable")
    first = rows.iloc[0]
    if benchmark_words is None:
        regions = rows["region_name"].unique()
        benchmark_words = str(regions[0]) if len(regions) == 1 else "their regions"
    measure = lower_first(item.name)
    concerns = f"{count_text(rows['denominator'].sum())} {item.denominator.lower()}"
    if len(rows) == 1:
        sentence = (f"{first['pdu_name']} is significantly worse than {benchmark_words} on {measure}: "
                    f"{_against(first, item, interval=True)}; {concerns}.")
    else:
        named = listed([f"{row['pdu_name']} ({_against(row, item)})" for _, row in rows.iterrows()])
        sentence = (f"{len(rows)} PDUs are significantly worse than {benchmark_words} on {measure}: {named}; "
                    f"{concerns} in them.")
    return Finding("pdus", sentence, int(rows["people"].sum()), TESTED, "comparison",
                   settings=(("cmp_indicator", item.key), ("cmp_benchmark", benchmark),
                             ("cmp_pdu", str(first["pdu_code"]))),
                   subject=(item.key, str(first["pdu_code"])))
