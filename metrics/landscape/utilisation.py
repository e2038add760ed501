"""Provision against demand: places, referrals and people with the need, per PDU, category or intervention.

Rates are per average month: a count in the period ÷ the period's length in
months (days ÷ 30.4375); places per month are the places in the provision
months loaded for the period ÷ the number of those months. Utilisation is
starts per month ÷ places per month. Places count only where the intervention
is available and open to someone in scope (see ``metrics.landscape.availability``).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.people import people_with_need_by

DAYS_PER_MONTH: Final[float] = 365.25 / 12
#: Default margin by which referrals per month may exceed places per month before a flag, in percent.
DEFAULT_DEMAND_MARGIN_PCT: Final[int] = 10
#: Ways to group provision against demand: setting value -> (grouping column, label).
GROUPINGS: Final[dict[str, tuple[str, str]]] = {
    "pdu": ("pdu_code", "PDU"),
    "category": ("category", "Category"),
    "intervention": ("intervention_code", "Intervention"),
}


def period_months(start: dt.date, end: dt.date) -> float:
    """Length of the period [start, end] in average months (days ÷ 30.4375)."""
    return ((end - start).days + 1) / DAYS_PER_MONTH


def per_month(count: pd.Series | float, months: float) -> pd.Series | float:
    """A count in the period as a rate per average month (NaN when the period has no months)."""
    return count / months if months > 0 else count * np.nan


def _with_attributes(pairs: pd.DataFrame, interventions: pd.DataFrame) -> pd.DataFrame:
    return pairs.merge(interventions[["intervention_code", "category"]], on="intervention_code", how="inner")


def flows_and_places_by(
    activity: pd.DataFrame,
    provision: pd.DataFrame,
    available: pd.DataFrame,
    interventions: pd.DataFrame,
    *,
    by: str,
    months: float,
    provision_months: int,
    people: pd.Series | None = None,
) -> pd.DataFrame:
    """``demand_by``'s table from the referrals, starts and places, with ``people`` (people with the need
    per group ``by``, from ``people_with_need_by``) joined in, or 0 people in every group when None."""
    flows = _with_attributes(activity, interventions).groupby(by)[["referral_count", "start_count"]].sum()
    offered = _with_attributes(provision.merge(available, on=["pdu_code", "intervention_code"]), interventions)
    places = offered.groupby(by)["places_count"].sum()
    table = flows.join(places, how="outer")
    if people is not None:
        table = table.join(people, how="outer")
    table = table.fillna(0).astype("int64").reset_index()
    if people is None:
        table["people_with_need_count"] = 0
    table["referrals_per_month"] = per_month(table["referral_count"], months)
    table["starts_per_month"] = per_month(table["start_count"], months)
    table["places_per_month"] = table["places_count"] / provision_months if provision_months else np.nan
    return table


def demand_by(
    activity: pd.DataFrame,
    provision: pd.DataFrame,
    available: pd.DataFrame,
    interventions: pd.DataFrame,
    intervention_needs: pd.DataFrame,
    profiles: pd.DataFrame,
    *,
    by: str,
    months: float,
    provision_months: int,
) -> pd.DataFrame:
    """Places, referrals, starts and people with the need per group ``by``.

    Args:
        activity: per (pdu_code, intervention_code): referral_count, start_count (in the period, in scope).
        provision: per (pdu_code, intervention_code): places_count over the period's provision months.
        available: available (pdu_code, intervention_code) pairs.
        interventions: intervention_code, category, target_group.
        intervention_needs: intervention_code, need_code.
        profiles: need profiles (see ``metrics.landscape.people``).
        by: "pdu_code", "category" or "intervention_code".
        months: the period's length in months.
        provision_months: provision months loaded in the period (0: provision not loaded).

    Returns:
        One row per group: ``by``, referral_count, start_count, places_count,
        people_with_need_count, referrals_per_month, starts_per_month,
        places_per_month (NaN without provision).
    """
    people = people_with_need_by(available, interventions, intervention_needs, profiles, by=by)
    return flows_and_places_by(activity, provision, available, interventions, by=by, months=months,
                               provision_months=provision_months, people=people)


def with_utilisation(table: pd.DataFrame, *, margin_pct: float = DEFAULT_DEMAND_MARGIN_PCT) -> pd.DataFrame:
    """Add utilisation, places per 100 people with the need and the demand flag.

    - utilisation_pct: starts per month ÷ places per month × 100 (NaN without places).
    - places_per_100_people: places per month ÷ people with the need × 100 (NaN with nobody).
    - demand_exceeds_places: referrals per month > places per month × (1 + margin_pct ÷ 100);
      False where provision is not loaded.
    """
    out = table.copy()
    places = out["places_per_month"].astype("float64")
    people = out["people_with_need_count"].astype("float64")
    out["utilisation_pct"] = np.where(places > 0, out["starts_per_month"] / places.where(places > 0) * 100, np.nan)
    out["places_per_100_people"] = np.where(people > 0, places / people.where(people > 0) * 100, np.nan)
    out["demand_exceeds_places"] = (out["referrals_per_month"] > places * (1 + margin_pct / 100)).fillna(False)
    out.loc[places.isna(), "demand_exceeds_places"] = False
    return out
