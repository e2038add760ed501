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


def _where(available: pd.DataFrame, groups: pd.DataFrame, pdus: pd.DataFrame) -> pd.DataFrame:
    """PDUs and regions where each (group, provider) has an available intervention."""
    placed = available.merge(groups, on="intervention_code").merge(pdus[["pdu_code", "region_name"]], on="pdu_code")
    return placed.groupby(["group", "provider"]).agg(
        pdu_count=("pdu_code", "nunique"),
        regions=("region_name", lambda names: "; ".join(sorted(set(names)))),
    )


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
        groups: ``provider_groups`` output.
        pdus: the PDUs in scope (pdu_code, region_name).

    Returns:
        group, group_name, provider, provider_count (providers in the group), the counts,
        ended_after_start_count, left_list_count, completion_pct and removal_pct with Wilson limits,
        ``<rate>_benchmark`` (all providers of the group, percent) and ``<rate>_comparison``,
        waiting_count (people), median_wait_weeks (NaN under 10 waiting), pdu_count and regions.
        Groups in order of referrals, providers by referrals within each.
    """
    named = activity.merge(groups, on="intervention_code")
    table = named.groupby(["group", "provider"])[list(COUNT_COLUMNS)].sum()
    waiting = histogram.merge(groups, on="intervention_code")
    waits = current_waits(waiting, ["group", "provider"]).set_index(["group", "provider"])
    table = table.join(waits, how="outer").join(_where(available, groups, pdus), how="left").reset_index()
    if table.empty:
        return table
    table[list(COUNT_COLUMNS)] = table[list(COUNT_COLUMNS)].fillna(0).astype("int64")
    table["waiting_count"] = table["waiting_count"].fillna(0).astype("int64")
    table["pdu_count"] = table["pdu_count"].fillna(0).astype("int64")
    table["regions"] = table["regions"].fillna("")
    table["ended_after_start_count"] = table["completion_count"] + table["non_completion_count"]
    table["left_list_count"] = table["start_count"] + table["removal_count"]
    rated = [_rated(rows) for _, rows in table.groupby("group", sort=False)]
    table = pd.concat(rated, ignore_index=True)
    table = table.merge(groups[["group", "group_name"]].drop_duplicates("group"), on="group")
    volume = table.groupby("group")["referral_count"].transform("sum")
    table["provider_count"] = table.groupby("group")["provider"].transform("size")
    order = table.assign(volume=volume).sort_values(["volume", "group", "referral_count", "provider"],
                                                    ascending=[False, True, False, True])
    return order.drop(columns="volume").reset_index(drop=True)


def _rated(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rate_with_benchmark(rows, numerator="completion_count", denominator="ended_after_start_count",
                               name="completion", polarity="high_is_good")
    return rate_with_benchmark(rows, numerator="removal_count", denominator="left_list_count",
                               name="removal", polarity="low_is_good")


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
