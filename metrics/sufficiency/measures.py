"""Sufficiency measures: the cascade from need records to referral, start and completion, and
the share of judged need records judged sufficient.

Everything here works on the counts frame the database returns: one row per
(pdu_code, region_code, need_code, subgroup) with ``COUNT_COLUMNS``. Each measure
is a numerator over a denominator of need records; every share carries Wilson
95% and 99.8% limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from metrics.stats.proportions import with_proportion
from vocabulary.definitions import SUFFICIENCY_COUNT_COLUMNS
from vocabulary.scope import Filters

COUNT_COLUMNS: Final[tuple[str, ...]] = SUFFICIENCY_COUNT_COLUMNS


@dataclass(frozen=True)
class Measure:
    """A share of need records: ``numerator`` ÷ ``denominator`` (count columns), in percent."""

    key: str
    label: str
    numerator: str
    denominator: str


#: The measures a user can choose; labels equal the headings in docs/definitions.md.
MEASURES: Final[dict[str, Measure]] = {
    measure.key: measure
    for measure in (
        Measure("sufficient", "Judged sufficient", "sufficient_count", "judged_count"),
        Measure("referred", "Referred for the need", "referred_count", "need_count"),
        Measure("started", "Started for the need", "started_count", "need_count"),
        Measure("completed", "Completed for the need", "completed_count", "need_count"),
    )
}
DEFAULT_MEASURE: Final = "sufficient"


def in_area(counts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a national counts frame inside the filters' regions and PDUs."""
    keep = pd.Series(True, index=counts.index)
    if filters.regions:
        keep &= counts["region_code"].isin(filters.regions)
    if filters.pdus:
        keep &= counts["pdu_code"].isin(filters.pdus)
    return counts[keep]


def sum_counts(counts: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Counts added up over every column not in ``keys`` (one row when ``keys`` is empty)."""
    if not keys:
        return counts[list(COUNT_COLUMNS)].sum().to_frame().T.astype("int64")
    return counts.groupby(list(keys), as_index=False, sort=True)[list(COUNT_COLUMNS)].sum()


def measure_table(counts: pd.DataFrame, measure: Measure, keys: Sequence[str]) -> pd.DataFrame:
    """One measure per group of ``keys``.

    Returns the summed counts plus ``numerator_count``, ``denominator_count``,
    ``value_pct`` (numerator ÷ denominator × 100, NaN on a zero denominator) and
    its Wilson limits ``value_pct_lower95/_upper95/_lower998/_upper998``.
    """
    grouped = sum_counts(counts, keys)
    grouped["numerator_count"] = grouped[measure.numerator]
    grouped["denominator_count"] = grouped[measure.denominator]
    return with_proportion(grouped, numerator="numerator_count", denominator="denominator_count")


def not_judged_count(counts: pd.DataFrame) -> int:
    """Need records without a sufficiency judgement (left out of the judged-sufficient denominator)."""
    return int(counts["need_count"].sum() - counts["judged_count"].sum())


def cascade_by_need(counts: pd.DataFrame) -> pd.DataFrame:
    """The cascade for each need: need records, referred, started and completed.

    Returns one row per need_code with the four counts and, for referred,
    started and completed, the share of need records in percent with Wilson limits
    (columns ``<stage>_pct``, ``<stage>_pct_lower95`` ... ``<stage>_pct_upper998``).
    """
    cascade = sum_counts(counts, ["need_code"])
    for stage in ("referred", "started", "completed"):
        cascade = with_proportion(
            cascade, numerator=f"{stage}_count", denominator="need_count", value=f"{stage}_pct"
        )
    return cascade
