"""Providers compared like with like: within a group of interventions of the same kind.

A *provider group* is the interventions that share a category, the set of needs
they address and who they are for (everyone, men, women): for example the
Commissioned Rehabilitative Services addressing accommodation. Each provider's
interventions in the group are added together, and its completion and
removal-without-start rates (``metrics.landscape.providers``) are compared with
the rate of all providers in the same group by the Fingertips rule
(``metrics.stats.comparison``), never with providers of other kinds of service.
Beside the rates: referrals and starts (volumes), the people waiting at the
snapshot date and their median wait (``metrics.landscape.waits``), and where
the provider's interventions are available (regions, PDUs).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.catalogue import needs_addressed
from metrics.landscape.providers import COUNT_COLUMNS, provider_name, rate_with_benchmark
from metrics.landscape.waits import current_waits
from metrics.stats.disclosure import suppress_table
from vocabulary.definitions import code_label

GROUP_FOR: Final[dict[str, str]] = {"all": "", "men": " (men only)", "women": " (women only)"}


def provider_groups(interventions: pd.DataFrame, intervention_needs: pd.DataFrame) -> pd.DataFrame:
    """Each intervention's provider group and its provider's name.

    Returns:
        intervention_code, provider (name, or "Provider not recorded"), group (a key) and
        group_name ("<category>: <needs addressed>", with "(women only)" / "(men only)" where so).
    """
    needs = needs_addressed(intervention_needs).reindex(interventions["intervention_code"]).fillna("no need listed")
    groups = pd.DataFrame({
        "intervention_code": interventions["intervention_code"].to_numpy(),
        "provider": interventions["provider"].map(provider_name).to_numpy(),
        "category": interventions["category"].to_numpy(),
        "needs": needs.to_numpy(),
        "target_group": interventions["target_group"].to_numpy(),
    })
    groups["group"] = groups["category"] + "|" + groups["needs"] + "|" + groups["target_group"]
    groups["group_name"] = (groups["category"].map(code_label) + ": " + groups["needs"]
                            + groups["target_group"].map(GROUP_FOR).fillna(""))
    return groups[["intervention_code", "provider", "group", "group_name"]]


def _pair_ids(frame: pd.DataFrame, groups: pd.DataFrame, pair_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows of ``frame`` whose intervention has a group, the (group, provider) id of each such row):
    an inner merge on intervention_code, as integer ids (merging Arrow strings cost tens of ms)."""
    found = pd.Index(groups["intervention_code"]).get_indexer(frame["intervention_code"])
    rows = np.flatnonzero(found >= 0)
    return rows, pair_of[found[rows]]


def _where(available: pd.DataFrame, groups: pd.DataFrame, pdus: pd.DataFrame, pair_of: np.ndarray,
           pairs: pd.MultiIndex) -> pd.DataFrame:
    """PDUs and regions where each (group, provider) has an available intervention."""
    rows, ids = _pair_ids(available, groups, pair_of)
    regions = pdus.drop_duplicates("pdu_code").set_index("pdu_code")["region_name"]
    region_of = dict(zip(regions.index, regions))
    places: dict[int, set[str]] = {}
    names: dict[int, set[str]] = {}
    for pair, pdu in zip(ids.tolist(), available["pdu_code"].to_numpy()[rows].tolist()):
        if pdu in region_of:  # PDUs in scope only
            places.setdefault(pair, set()).add(pdu)
            names.setdefault(pair, set()).add(region_of[pdu])
    found = sorted(places)
    return pd.DataFrame({
        "pdu_count": np.array([len(places[pair]) for pair in found], dtype="int64"),
        "regions": pd.array(["; ".join(sorted(names[pair])) for pair in found], dtype=groups["group"].dtype),
    }, index=pairs[found])


def compared_providers(
    activity: pd.DataFrame,
    histogram: pd.DataFrame,
    available: pd.DataFrame,
    groups: pd.DataFrame,
    pdus: pd.DataFrame,
) -> pd.DataFrame:
    """One row per provider group and provider, compared with the other providers of the group.

    Args:
        activity: the flows in ``COUNT_COLUMNS`` per (pdu_code, intervention_code).
        histogram: people waiting at the snapshot per (pdu_code, intervention_code, wait_days): waiting_count.
        available: available (pdu_code, intervention_code) pairs.
        groups: ``provider_groups`` output (one row per intervention).
        pdus: the PDUs in scope (pdu_code, region_name).

    Returns:
        group, group_name, provider, provider_count (providers in the group), the counts,
        ended_after_start_count, left_list_count, completion_pct and removal_pct with Wilson limits,
        ``<rate>_benchmark`` (all providers of the group, percent) and ``<rate>_comparison``,
        waiting_count (people), median_wait_weeks (NaN under 10 waiting), pdu_count and regions.
        Groups in order of referrals, providers by referrals within each.

    Each row of the inputs is keyed by an integer id of its (group, provider) rather than merged
    on strings, and every group is rated in one pass (``rate_with_benchmark(within="group")``):
    the same figures as merging and rating group by group, in about a fifth of the time.
    """
    pair_of, pairs = pd.MultiIndex.from_frame(groups[["group", "provider"]]).factorize()
    pairs = pairs.set_names(["group", "provider"])
    rows, ids = _pair_ids(activity, groups, pair_of)
    flows = activity[list(COUNT_COLUMNS)].take(rows).groupby(ids).sum()
    table = flows.set_axis(pairs[flows.index.to_numpy()], axis=0)
    rows, ids = _pair_ids(histogram, groups, pair_of)
    waiting = pd.DataFrame({"pair": ids, "wait_days": histogram["wait_days"].to_numpy()[rows],
                            "waiting_count": histogram["waiting_count"].to_numpy()[rows]})
    waits = current_waits(waiting, ["pair"])
    if waits.empty:  # as current_waits gives it: no rows, untyped columns
        waits = pd.DataFrame(columns=["group", "provider", "waiting_count", "median_wait_weeks"]).set_index(
            ["group", "provider"])
    else:
        waits = waits.drop(columns="pair").set_axis(pairs[waits["pair"].to_numpy()], axis=0)
    table = table.join(waits, how="outer").join(_where(available, groups, pdus, pair_of, pairs),
                                                how="left").reset_index()
    if table.empty:
        return table
    table[list(COUNT_COLUMNS)] = table[list(COUNT_COLUMNS)].fillna(0).astype("int64")
    table["waiting_count"] = table["waiting_count"].fillna(0).astype("int64")
    table["pdu_count"] = table["pdu_count"].fillna(0).astype("int64")
    table["regions"] = table["regions"].fillna("")
    table["ended_after_start_count"] = table["completion_count"] + table["non_completion_count"]
    table["left_list_count"] = table["start_count"] + table["removal_count"]
    # Rows of a group together, groups in order of first appearance (as a group-by-group pass would give).
    table = table.iloc[np.argsort(pd.factorize(table["group"])[0], kind="stable")].reset_index(drop=True)
    table = _rated(table)
    table = table.merge(groups[["group", "group_name"]].drop_duplicates("group"), on="group")
    volume = table.groupby("group")["referral_count"].transform("sum")
    table["provider_count"] = table.groupby("group")["provider"].transform("size")
    order = table.assign(volume=volume).sort_values(["volume", "group", "referral_count", "provider"],
                                                    ascending=[False, True, False, True])
    return order.drop(columns="volume").reset_index(drop=True)


def _rated(table: pd.DataFrame) -> pd.DataFrame:
    """Both rates for every row, each compared with its own group's rate (all groups in one pass)."""
    table = rate_with_benchmark(table, numerator="completion_count", denominator="ended_after_start_count",
                                name="completion", polarity="high_is_good", within="group")
    return rate_with_benchmark(table, numerator="removal_count", denominator="left_list_count",
                               name="removal", polarity="low_is_good", within="group")


def group_choices(compared: pd.DataFrame) -> dict[str, str]:
    """group -> its name, groups with two or more providers first (something to compare), then by referrals;
    empty when no provider had referrals or people waiting in scope."""
    if compared.empty:
        return {}
    groups = compared.drop_duplicates("group")
    several = groups[groups["provider_count"] > 1]
    single = groups[groups["provider_count"] <= 1]
    return dict(zip(pd.concat([several, single])["group"], pd.concat([several, single])["group_name"]))


def compared_provider_table(compared: pd.DataFrame) -> pd.DataFrame:
    """A group's providers as shown and downloaded, with disclosure control: counts of 1–4 "<5" and the
    rest rounded to 5, rates (and limits) on fewer than 10 left empty, medians on fewer than 10 waiting empty."""
    safe = suppress_table(
        compared,
        count_columns=("referral_count", "start_count", "waiting_count"),
        percent_columns={"completion_pct": "ended_after_start_count", "removal_pct": "left_list_count"},
    )

    def rounded(column: str) -> pd.Series:
        return safe[column].astype("float64").round(1)
    return pd.DataFrame({
        "Provider": safe["provider"],
        "Where it operates (regions)": safe["regions"],
        "PDUs": safe["pdu_count"],
        "Referrals": safe["referral_count"],
        "Starts": safe["start_count"],
        "Waiting now": safe["waiting_count"],
        "Median wait (weeks)": rounded("median_wait_weeks"),
        "Completion rate (%)": rounded("completion_pct"),
        "Completion rate lower 95% (%)": rounded("completion_pct_lower95"),
        "Completion rate upper 95% (%)": rounded("completion_pct_upper95"),
        "Completion rate compared with the group": safe["completion_comparison"],
        "Removed without start (%)": rounded("removal_pct"),
        "Removed without start lower 95% (%)": rounded("removal_pct_lower95"),
        "Removed without start upper 95% (%)": rounded("removal_pct_upper95"),
        "Removed without start compared with the group": safe["removal_comparison"],
    })
