"""The Landscape page's five headline figures.

Labels are exactly the headings in docs/definitions.md, which hold the full
definitions. "Available" follows ``metrics.landscape.availability``.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.kpi import Kpi
from metrics.stats.disclosure import SUPPRESSED_PERCENT, is_suppressed_count, shown_count

INTERVENTIONS_AVAILABLE: Final = "Interventions available"
PDUS_COVERED: Final = "PDUs covered"
PLACES_PER_MONTH: Final = "Places per month"
REFERRALS_PER_MONTH: Final = "Referrals per month"
NEEDS_WITHOUT_PROVISION: Final = "Needs with no local provision"
LABELS: Final[tuple[str, ...]] = (
    INTERVENTIONS_AVAILABLE, PDUS_COVERED, PLACES_PER_MONTH, REFERRALS_PER_MONTH, NEEDS_WITHOUT_PROVISION,
)
NOT_LOADED: Final = "Not loaded"
#: Every docs/definitions.md heading the page relies on (headline labels first).
DEFINITION_HEADINGS: Final[tuple[str, ...]] = (
    *LABELS,
    "Available intervention",
    "Catalogue waiting list and median wait",
    "Long programme wait with an alternative",
    "People with the need",
    "Utilisation",
    "Places per 100 people with the need",
    "Demand exceeds places",
    "Interventions ranked within their category",
    "Shortfall in places",
    "Providers compared with others of the same kind",
    "Provider completion rate",
    "Removal-without-start rate",
    "Referrals",
    "Disclosure control",
)


def interventions_available_count(available: pd.DataFrame) -> int:
    """Interventions available: distinct interventions available in at least one PDU in scope (interventions)."""
    return int(available["intervention_code"].nunique())


def pdus_covered_count(available: pd.DataFrame) -> int:
    """PDUs covered: distinct PDUs in scope with at least one available intervention (PDUs)."""
    return int(available["pdu_code"].nunique())


def places_per_month_total(provision: pd.DataFrame, available: pd.DataFrame, provision_months: int) -> float | None:
    """Places per month: places of available interventions in scope ÷ provision months loaded in the period
    (places per month); None when no provision is loaded for the period."""
    if not provision_months:
        return None
    offered = provision.merge(available, on=["pdu_code", "intervention_code"])
    return float(offered["places_count"].sum()) / provision_months


def format_rate(value: float) -> str:
    """A per-month rate for display: whole numbers from 100 up, one decimal below."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def landscape_kpis(
    *,
    available: pd.DataFrame,
    places_per_month: float | None,
    referral_count: int,
    months: float,
    gap_count: int,
) -> list[Kpi]:
    """The five figures, formatted: a referral rate from 1–4 referrals is suppressed."""
    if is_suppressed_count(referral_count):
        referrals = SUPPRESSED_PERCENT
    else:
        referrals = format_rate((shown_count(referral_count) or 0) / months)  # from the count as shown
    return [
        Kpi(INTERVENTIONS_AVAILABLE, f"{interventions_available_count(available):,}"),
        Kpi(PDUS_COVERED, f"{pdus_covered_count(available):,}"),
        Kpi(PLACES_PER_MONTH, NOT_LOADED if places_per_month is None else format_rate(places_per_month)),
        Kpi(REFERRALS_PER_MONTH, referrals),
        Kpi(NEEDS_WITHOUT_PROVISION, f"{gap_count:,}"),
    ]
