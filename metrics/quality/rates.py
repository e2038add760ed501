"""Each data-quality measure by PDU against England and Wales, and for the scope as a whole.

The comparison is PDU comparisons' rule (``metrics.stats.comparison``): Wilson 95% and 99.8%
intervals around the PDU's share, England and Wales (every PDU, on the same filtered data) as the
benchmark, lower is better. A share that disclosure control hides is not compared.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from metrics.quality.measures import MEASURES, NO_PROVISION, QualityMeasure
from metrics.stats.comparison import NOT_COMPARED, compare_with_benchmark
from metrics.stats.disclosure import is_suppressed_percent
from metrics.stats.proportions import with_proportion

UNIT_COLUMNS = ("pdu_code", "pdu_name", "region_code", "region_name")


def share_pct(numerator: float, denominator: float) -> float:
    """numerator ÷ denominator in percent; NaN on a zero denominator."""
    return float(numerator) / float(denominator) * 100 if denominator else float("nan")


def benchmark_pct(counts: pd.DataFrame, measure: QualityMeasure) -> float:
    """England and Wales' share (every PDU), in percent; NaN where disclosure control hides it (counts of
    people: the percentage rule on the national numerator and denominator), as for any other share."""
    numerator, denominator = int(counts[measure.numerator].sum()), int(counts[measure.denominator].sum())
    if measure.people and is_suppressed_percent(denominator, numerator):
        return float("nan")
    return share_pct(numerator, denominator)


def measure_by_pdu(counts: pd.DataFrame, measure: QualityMeasure) -> pd.DataFrame:
    """Every PDU's share of ``measure`` (percent) with its Wilson limits, the England and Wales share
    (``benchmark_pct``) and the comparison label (lower is better).

    ``counts`` comes from ``measures.with_derived_counts`` (every PDU). Columns: the PDU's code,
    name and region, numerator, denominator, value_pct and its ``_lower95/_upper95/_lower998/_upper998``
    limits (NaN where hidden), suppressed, benchmark_pct, comparison; highest share first.
    """
    rows = counts[list(UNIT_COLUMNS)].copy()
    rows["numerator"] = counts[measure.numerator].astype("int64")
    rows["denominator"] = counts[measure.denominator].astype("int64")
    rows = with_proportion(rows, numerator="numerator", denominator="denominator")
    rows["benchmark_pct"] = benchmark_pct(counts, measure)
    rows["comparison"] = compare_with_benchmark(rows, benchmark="benchmark_pct", polarity="low_is_good")
    hidden = [measure.people and is_suppressed_percent(den, num)
              for num, den in zip(rows["numerator"], rows["denominator"])]
    rows["suppressed"] = np.asarray(hidden, dtype=bool) & (rows["denominator"] > 0).to_numpy()
    limits = [column for column in rows.columns if column.startswith("value_pct")]
    rows[limits] = rows[limits].where(~rows["suppressed"], axis=0)
    rows.loc[rows["suppressed"], "comparison"] = NOT_COMPARED
    return rows.sort_values(["value_pct", "denominator"], ascending=[False, False], na_position="last",
                            kind="stable").reset_index(drop=True)


def scope_summary(counts: pd.DataFrame, pdu_codes: Iterable[str]) -> pd.DataFrame:
    """One row per measure for the PDUs in scope: numerator, denominator, value_pct, the England and
    Wales share (benchmark_pct), and how many PDUs in scope are worse or significantly worse (PDUs).

    Columns: key, measure, counted, people, numerator, denominator, value_pct, benchmark_pct,
    worse_pdu_count, significantly_worse_pdu_count.
    """
    in_scope = set(pdu_codes)
    rows = []
    for measure in MEASURES:
        compared = measure_by_pdu(counts, measure)
        compared = compared[compared["pdu_code"].isin(in_scope)]
        scoped = counts[counts["pdu_code"].isin(in_scope)]
        numerator, denominator = int(scoped[measure.numerator].sum()), int(scoped[measure.denominator].sum())
        rows.append({
            "key": measure.key, "measure": measure.name, "counted": measure.counted, "people": measure.people,
            "numerator": numerator, "denominator": denominator, "value_pct": share_pct(numerator, denominator),
            "benchmark_pct": benchmark_pct(counts, measure),
            "worse_pdu_count": int(compared["comparison"].isin(("Worse", "Significantly worse")).sum()),
            "significantly_worse_pdu_count": int((compared["comparison"] == "Significantly worse").sum()),
        })
    return pd.DataFrame(rows)


def pdus_without_provision(counts: pd.DataFrame, pdu_codes: Iterable[str]) -> pd.DataFrame:
    """The PDUs in scope that made referrals in the period but have no provision loaded for it
    (``NO_PROVISION``): code, name and region, by name."""
    in_scope = counts[counts["pdu_code"].isin(set(pdu_codes)) & (counts["no_provision"] == 1)]
    return in_scope[list(UNIT_COLUMNS)].sort_values("pdu_name").reset_index(drop=True)


__all__ = ["NO_PROVISION", "measure_by_pdu", "pdus_without_provision", "scope_summary", "share_pct"]
