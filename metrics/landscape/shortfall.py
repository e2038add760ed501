"""The commissioning view: shortfall in places per need and PDU, and the needs with no local provision.

For a need and a PDU:

- referrals per month = referrals in scope made in the PDU in the period to
  interventions that address the need (wherever the intervention is offered),
  ÷ the period's length in months;
- places per month = places in the PDU, over the provision months loaded for
  the period, of available interventions that address the need, ÷ those months;
- shortfall in places per month = referrals per month − places per month
  (positive: more referrals than places; negative: spare places).

An intervention that addresses two needs counts under each, on both sides: the
shortfall compares the same interventions' referrals and places. A need with
no available intervention in a PDU is a need with no local provision there
(``metrics.landscape.gaps``).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.utilisation import per_month
from metrics.stats.disclosure import scaled_from_shown, suppress_table
from vocabulary.definitions import code_label

#: Shortfall bars drawn by default (the largest); "show all" draws every need and PDU with a shortfall.
DEFAULT_SHORTFALL_BARS: Final = 20


def need_pdu_shortfall(
    activity: pd.DataFrame,
    provision: pd.DataFrame,
    available: pd.DataFrame,
    intervention_needs: pd.DataFrame,
    pdus: pd.DataFrame,
    *,
    needs: tuple[str, ...],
    months: float,
    provision_months: int,
) -> pd.DataFrame:
    """Referrals and places per month for every need in scope × PDU in scope, and their difference.

    Args:
        activity: referral_count per (pdu_code, intervention_code), referrals in scope in the period.
        provision: places_count per (pdu_code, intervention_code) over the provision months.
        available: available (pdu_code, intervention_code) pairs.
        intervention_needs: intervention_code, need_code.
        pdus: the PDUs in scope (pdu_code, pdu_name, region_code, region_name).
        needs: the needs in scope.
        months: the period's length in months.
        provision_months: provision months loaded for the period (0: not loaded; places are then NaN).

    Returns:
        One row per (need_code, pdu_code) with pdu_name, region_name, referral_count
        (referrals), places_count (places over the provision months), available_count
        (interventions available addressing the need), referrals_per_month,
        places_per_month and shortfall_per_month (referrals − places per month; NaN without provision).
    """
    # Sums by need and PDU in plain Python over the few thousand (PDU, intervention) rows: the same
    # totals as merging the links into each frame and grouping Arrow strings, in a third of the time.
    links = intervention_needs[intervention_needs["need_code"].isin(needs)]
    needs_of: dict[object, list[object]] = {}
    for code, need in zip(links["intervention_code"].tolist(), links["need_code"].tolist()):
        needs_of.setdefault(code, []).append(need)
    referred: dict[tuple[object, object], int] = {}
    for pdu, code, count in zip(activity["pdu_code"].tolist(), activity["intervention_code"].tolist(),
                                activity["referral_count"].tolist()):
        for need in needs_of.get(code, ()):
            referred[(need, pdu)] = referred.get((need, pdu), 0) + count
    offered: dict[tuple[object, object], set[object]] = {}  # (need, PDU) -> interventions available for it
    offered_needs: dict[tuple[object, object], list[object]] = {}  # (PDU, intervention) -> its needs, each link
    for pdu, code in zip(available["pdu_code"].tolist(), available["intervention_code"].tolist()):
        for need in needs_of.get(code, ()):
            offered.setdefault((need, pdu), set()).add(code)
            offered_needs.setdefault((pdu, code), []).append(need)
    places: dict[tuple[object, object], int] = {}
    for pdu, code, count in zip(provision["pdu_code"].tolist(), provision["intervention_code"].tolist(),
                                provision["places_count"].tolist()):
        for need in offered_needs.get((pdu, code), ()):
            places[(need, pdu)] = places.get((need, pdu), 0) + count
    grid = pd.MultiIndex.from_product([list(needs), pdus["pdu_code"].tolist()], names=["need_code", "pdu_code"])
    cells = grid.tolist()
    table = pd.DataFrame({
        "referral_count": np.array([referred.get(cell, 0) for cell in cells], dtype="int64"),
        "places_count": np.array([places.get(cell, 0) for cell in cells], dtype="int64"),
        "available_count": np.array([len(offered.get(cell, ())) for cell in cells], dtype="int64"),
    }, index=grid).reset_index()
    table = table.merge(pdus[["pdu_code", "pdu_name", "region_name"]], on="pdu_code", how="left")
    table["referrals_per_month"] = per_month(table["referral_count"].astype("float64"), months)
    table["places_per_month"] = table["places_count"] / provision_months if provision_months else np.nan
    table["shortfall_per_month"] = table["referrals_per_month"] - table["places_per_month"]
    return table


def shortfall_rows(shortfall: pd.DataFrame) -> pd.DataFrame:
    """What the shortfall chart and table may show: the rates worked from the referral count as shown
    (rounded to 5; empty where 1–4 referrals), sorted by shortfall, largest first.

    Returns:
        need (name), pdu_name, region_name, referral_count (as shown: "<5" or a multiple of 5),
        referrals_per_month, places_per_month, shortfall_per_month, available_count.
    """
    shown_rate = scaled_from_shown(shortfall["referrals_per_month"], shortfall["referral_count"])
    rows = shortfall.assign(
        need=shortfall["need_code"].map(code_label),
        referrals_per_month=shown_rate,
        shortfall_per_month=shown_rate - shortfall["places_per_month"],
    )
    rows = suppress_table(rows, count_columns=("referral_count",))
    columns = ["need", "pdu_name", "region_name", "referral_count", "referrals_per_month", "places_per_month",
               "shortfall_per_month", "available_count"]
    ordered = rows.sort_values(["shortfall_per_month", "need", "pdu_name"], ascending=[False, True, True],
                               na_position="last", kind="stable")
    return ordered[columns].reset_index(drop=True)


def largest_shortfalls(rows: pd.DataFrame, *, count: int | None) -> pd.DataFrame:
    """The rows with a shortfall (more referrals than places per month), largest first; the first
    ``count`` of them (all with ``count`` None)."""
    short = rows[rows["shortfall_per_month"] > 0]
    return short if count is None else short.head(count)


def shortfall_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The shortfall as shown and downloaded: one row per need and PDU, largest shortfall first."""
    return pd.DataFrame({
        "Need": rows["need"],
        "PDU": rows["pdu_name"],
        "Shortfall in places per month": rows["shortfall_per_month"].round(1),
        "Referrals per month": rows["referrals_per_month"].round(1),
        "Places per month": rows["places_per_month"].round(1),
        "Region": rows["region_name"],
        "Referrals": rows["referral_count"],
        "Interventions available": rows["available_count"],
    })


def no_provision_by_need(grid: pd.DataFrame, pdus: pd.DataFrame) -> pd.DataFrame:
    """The needs with no local provision, named: one row per need with at least one PDU without an
    available intervention for it.

    ``grid``: ``metrics.landscape.gaps.pdu_need_grid`` output (need_code, pdu_code, intervention_count).

    Returns:
        Columns "Need", "PDUs with no provision" (count) and "Where" (the PDUs' names with their
        regions, "; "-separated), in the contract's need order; their counts add up to the headline
        "Needs with no local provision".
    """
    gaps = grid[grid["intervention_count"] == 0].merge(pdus[["pdu_code", "pdu_name", "region_name"]], on="pdu_code")
    gaps = gaps.sort_values(["region_name", "pdu_name"], kind="stable")
    gaps["place"] = gaps["pdu_name"] + " (" + gaps["region_name"] + ")"
    order = list(dict.fromkeys(grid["need_code"]))
    named = gaps.groupby("need_code", sort=False).agg(count=("pdu_code", "size"), where=("place", "; ".join))
    named = named.reindex([code for code in order if code in named.index])
    return pd.DataFrame({
        "Need": [code_label(code) for code in named.index],
        "PDUs with no provision": named["count"].astype("int64").to_numpy(),
        "Where": named["where"].to_numpy(),
    })
