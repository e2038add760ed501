"""The intervention catalogue: one row per intervention in scope, with its reach, activity and waits.

An intervention is listed when it is available in at least one PDU in scope
(and, under a need filter, addresses one of the needs) or when it has
referrals, starts or people waiting in scope. Completion rate is as in
``metrics.landscape.providers``; the waiting list and median wait are the
Waiting times page's measures (``metrics.landscape.waits``).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.providers import provider_name
from metrics.stats.disclosure import suppress_table
from vocabulary.definitions import NEEDS, code_label

ACTIVITY_COLUMNS: Final[tuple[str, ...]] = ("referral_count", "start_count", "completion_count", "non_completion_count")
DISPLAY_COLUMNS: Final[dict[str, str]] = {
    "intervention_name": "Intervention",
    "category_name": "Category",
    "needs_addressed": "Needs addressed",
    "delivery_mode": "Delivery",
    "target_group_name": "Target group",
    "provider_name": "Provider",
    "pdu_count": "PDUs offering it",
    "places_per_month": "Places per month",
    "referral_count": "Referrals",
    "start_count": "Starts",
    "completion_pct": "Completion rate (%)",
    "waiting_count": "Waiting now",
    "median_wait_weeks": "Median wait (weeks)",
}
SEARCH_COLUMNS: Final[tuple[str, ...]] = (
    "Intervention", "Category", "Needs addressed", "Delivery", "Target group", "Provider",
)


def needs_addressed(intervention_needs: pd.DataFrame) -> pd.Series:
    """intervention_code -> its needs as readable names in the contract's order, joined by "; "."""
    order = {code: index for index, code in enumerate(NEEDS)}
    ranked = intervention_needs.assign(rank=intervention_needs["need_code"].map(order)).sort_values("rank")
    return ranked.groupby("intervention_code")["need_code"].agg(lambda codes: "; ".join(map(code_label, codes)))


def _listed(interventions: pd.DataFrame, intervention_needs: pd.DataFrame, offered: pd.Series,
            active: pd.Series, need_filter: tuple[str, ...]) -> pd.DataFrame:
    addressing = intervention_needs.loc[intervention_needs["need_code"].isin(need_filter), "intervention_code"]
    relevant = interventions["intervention_code"].isin(addressing) if need_filter else True
    # Unique values first: pandas checks each value of an Arrow string list in Python (4 ms for 3,000).
    keep = (interventions["intervention_code"].isin(offered.unique()) & relevant) | interventions["intervention_code"].isin(
        active.unique())
    return interventions[keep]


def catalogue(
    interventions: pd.DataFrame,
    intervention_needs: pd.DataFrame,
    available: pd.DataFrame,
    provision: pd.DataFrame,
    activity: pd.DataFrame,
    waits: pd.DataFrame,
    *,
    provision_months: int,
    need_filter: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per intervention in scope (raw numbers; see ``catalogue_table`` for display).

    Returns:
        The interventions' columns plus needs_addressed, pdu_count (PDUs in scope
        where available), places_per_month (NaN without provision), the counts
        in ACTIVITY_COLUMNS, completion_pct, ended_after_start_count,
        waiting_count and median_wait_weeks.
    """
    flows = activity.groupby("intervention_code")[list(ACTIVITY_COLUMNS)].sum()
    waiting = waits.set_index("intervention_code")[["waiting_count", "median_wait_weeks"]]
    active = flows.index[flows.sum(axis=1) > 0].union(waiting.index[waiting["waiting_count"] > 0])
    rows = _listed(interventions, intervention_needs, available["intervention_code"], active.to_series(), need_filter)
    places = provision.merge(available, on=["pdu_code", "intervention_code"]).groupby("intervention_code")["places_count"].sum()
    table = rows.set_index("intervention_code").join(flows).join(waiting)
    table[list(ACTIVITY_COLUMNS)] = table[list(ACTIVITY_COLUMNS)].fillna(0).astype("int64")
    table["waiting_count"] = table["waiting_count"].fillna(0).astype("int64")
    table["needs_addressed"] = needs_addressed(intervention_needs).reindex(table.index).fillna("")
    table["pdu_count"] = available.groupby("intervention_code")["pdu_code"].nunique().reindex(table.index).fillna(0).astype("int64")
    table["places_per_month"] = (
        places.reindex(table.index).fillna(0) / provision_months if provision_months else np.nan
    )
    table["ended_after_start_count"] = table["completion_count"] + table["non_completion_count"]
    ended = table["ended_after_start_count"]
    table["completion_pct"] = np.where(ended > 0, table["completion_count"] / ended.where(ended > 0) * 100, np.nan)
    return table.reset_index().sort_values(["category", "intervention_name"], ignore_index=True)


def catalogue_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The catalogue for display and download: readable names, rounded rates, disclosure control applied."""
    table = rows.assign(
        category_name=rows["category"].map(code_label),
        delivery_mode=rows["delivery"].map(code_label),
        target_group_name=rows["target_group"].map({"all": "Everyone", "women": "Women", "men": "Men"}),
        provider_name=rows["provider"].map(provider_name),
        places_per_month=rows["places_per_month"].round(1),
        completion_pct=rows["completion_pct"].round(1),
        median_wait_weeks=rows["median_wait_weeks"].astype("float64").round(1),
    )
    table = suppress_table(
        table,
        count_columns=("referral_count", "start_count", "waiting_count"),
        percent_columns={"completion_pct": "ended_after_start_count"},
    )
    return table[list(DISPLAY_COLUMNS)].rename(columns=DISPLAY_COLUMNS)


def search_catalogue(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows of a displayed catalogue whose text columns contain every word of ``text`` (any case)."""
    words = text.lower().split()
    if not words:
        return table
    haystack = table[list(SEARCH_COLUMNS)].astype("string").fillna("").agg(" ".join, axis=1).str.lower()
    keep = np.logical_and.reduce([haystack.str.contains(word, regex=False) for word in words])
    return table[keep]
