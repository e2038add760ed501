"""The Data quality page's data: every PDU's counts for the filters, and the PDUs in scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components import cache
from metrics.quality.measures import months_in_period, with_derived_counts
from metrics.quality.rates import pdus_without_provision, scope_summary
from vocabulary.scope import Filters


@dataclass(frozen=True)
class QualityView:
    """What the page draws from.

    Attributes:
        counts: every PDU's counts (``measures.with_derived_counts``), for the England and Wales benchmark.
        scope_pdus: the PDU codes the area filters keep (every PDU when there is none).
        summary: ``rates.scope_summary`` for those PDUs.
        no_provision: the PDUs in scope with referrals but no provision loaded.
        reference_date: the data date no record may pass (the day of the latest load).
    """

    counts: pd.DataFrame
    scope_pdus: tuple[str, ...]
    summary: pd.DataFrame
    no_provision: pd.DataFrame
    reference_date: dt.date


def in_scope(units: pd.DataFrame, filters: Filters) -> tuple[str, ...]:
    """The PDU codes the area filters keep (PDU and region filters; none keeps every PDU)."""
    keep = pd.Series(True, index=units.index)
    if filters.pdus:
        keep &= units["pdu_code"].isin(filters.pdus)
    if filters.regions:
        keep &= units["region_code"].isin(filters.regions)
    return tuple(units.loc[keep, "pdu_code"])


def quality_view(filters: Filters) -> QualityView:
    """Load the counts for ``filters`` and work out the scope's summary."""
    loaded = cache.load_quality_counts(filters)
    counts = with_derived_counts(loaded["by_pdu"], months=months_in_period(filters.period_start, filters.period_end))
    scope_pdus = in_scope(counts, filters)
    return QualityView(counts, scope_pdus, scope_summary(counts, scope_pdus),
                       pdus_without_provision(counts, scope_pdus), loaded["reference_date"])
