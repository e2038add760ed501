"""The data-quality measures: each a share of records with a problem, one definition per measure.

Every measure is numerator ÷ denominator in percent, lower is better. The headings are those of
docs/definitions.md, where each measure's inclusions and caveats are written out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from vocabulary.definitions import QUALITY_COUNT_COLUMNS


@dataclass(frozen=True)
class QualityMeasure:
    """One measure: its heading (the label in the app), counts and what they count.

    Attributes:
        key: short name, used in URLs and file names.
        name: the heading in docs/definitions.md and the label in the app.
        numerator: column of records with the problem.
        denominator: column of records the measure is a share of.
        counted: what a record is, in the plural ("people referred in the period").
        people: whether the counts are of people or their records (disclosure control applies).
    """

    key: str
    name: str
    numerator: str
    denominator: str
    counted: str
    people: bool = True


MEASURES: Final[tuple[QualityMeasure, ...]] = (
    QualityMeasure("ethnicity", "Ethnicity unknown", "ethnicity_unknown_count", "people_count",
                   "people referred in the period"),
    QualityMeasure("unjudged", "Need records without a judgement", "unjudged_count", "need_count",
                   "need records identified in the period"),
    QualityMeasure("no_need_code", "Referrals without a need code", "no_need_code_count", "referral_count",
                   "referrals made in the period"),
    QualityMeasure("via_intervention", "Referrals matched to a need through their intervention only",
                   "via_intervention_count", "referral_count", "referrals made in the period"),
    QualityMeasure("duplicates", "Likely duplicate referrals", "duplicate_count", "referral_count",
                   "referrals made in the period"),
    QualityMeasure("stale", "Stale open referrals", "stale_count", "open_unstarted_count",
                   "referrals open with no start and no end at the period's end"),
    QualityMeasure("future", "Dates after the data date", "future_date_count", "dated_record_count",
                   "referrals and need records, whatever their date"),
    QualityMeasure("caseload", "Caseload months missing", "caseload_missing_month_count",
                   "caseload_expected_month_count", "PDU months in the period", people=False),
)
MEASURES_BY_KEY: Final[dict[str, QualityMeasure]] = {measure.key: measure for measure in MEASURES}
#: The one PDU-level check: a PDU that made referrals in the period but has no provision loaded for it.
NO_PROVISION: Final = "PDUs with referrals but no provision"


def months_in_period(first_day: pd.Timestamp | object, last_day: pd.Timestamp | object) -> int:
    """Calendar months the period touches, counting part months (1 Nov 2025 – 31 Oct 2026: 12; unit months)."""
    first, last = pd.Timestamp(first_day), pd.Timestamp(last_day)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def with_derived_counts(by_pdu: pd.DataFrame, *, months: int) -> pd.DataFrame:
    """The query's counts per PDU plus the combined and caseload columns the measures read.

    Adds future_date_count and dated_record_count (referrals plus need records: records),
    caseload_expected_month_count (``months`` per PDU) and caseload_missing_month_count
    (months, never below 0), and no_provision (1 when the PDU made referrals in the period
    and has no provision row in it, else 0; PDUs).
    """
    counts = by_pdu.copy()
    for column in QUALITY_COUNT_COLUMNS:
        counts[column] = counts[column].astype("int64")
    counts["future_date_count"] = counts["future_referral_count"] + counts["future_need_count"]
    counts["dated_record_count"] = counts["dated_referral_count"] + counts["dated_need_count"]
    counts["caseload_expected_month_count"] = months
    counts["caseload_missing_month_count"] = (months - counts["caseload_month_count"]).clip(lower=0)
    counts["no_provision"] = ((counts["referral_count"] > 0) & (counts["provision_row_count"] == 0)).astype("int64")
    return counts
