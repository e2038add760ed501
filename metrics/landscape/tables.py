"""Display and download tables for the Landscape page, with disclosure control applied.

Each function takes a frame from the landscape metrics and returns what the
page shows and lets people download: readable column names with units,
rounded values, counts of 1–4 as "<5" and others rounded to the nearest 5,
percentages and per-person rates on fewer than 10 people left empty, and rates
worked from the count as shown (empty where it is suppressed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.stats.disclosure import scaled_from_shown, suppress_table
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, code_label


def _blank_where_suppressed(table: pd.DataFrame, rate: str, count: str) -> pd.Series:
    """A rate column worked from the count as shown (rounded to 5), empty where the count is suppressed
    (1–4): a rate from the exact count, beside the rounded count, would give the exact count back."""
    return scaled_from_shown(table[rate], table[count])


def availability_table(details: pd.DataFrame, *, unit: str, unit_names: dict[str, str],
                       intervention_names: dict[str, str]) -> pd.DataFrame:
    """The availability matrix as a long table: one row per need and area."""
    table = pd.DataFrame({
        "Need": details["need_code"].map(code_label),
        "Area": details[unit].map(lambda code: unit_names.get(code, code)),
        "Interventions available": details["intervention_count"],
        "PDUs in area": details["pdu_count"],
        "PDUs with no provision for the need": details["gap_pdu_count"],
        "Open to": details["open_to"].replace("", "nobody (gap)"),
        "Longest programme median wait (weeks)": details["programme_wait_weeks"].astype("float64").round(1),
        "Long programme wait, alternative available": np.where(details["long_wait_alternative"], "Yes", "No"),
        "Interventions": [
            "; ".join(sorted(intervention_names.get(code, code) for code in codes))
            for codes in details["intervention_codes"]
        ],
    })
    return table.sort_values(["Need", "Area"], ignore_index=True)


def group_names(demand: pd.DataFrame, *, by: str, names: dict[str, str]) -> pd.Series:
    """Display names of the groups: ``names`` where given, else the contract label (categories)."""
    return demand[by].map(lambda code: names.get(code, code_label(code)))


def demand_chart_frame(demand: pd.DataFrame, *, by: str, names: dict[str, str]) -> pd.DataFrame:
    """What the demand chart may show: names, places and referrals per month (empty when from 1–4 referrals)."""
    return pd.DataFrame({
        "name": group_names(demand, by=by, names=names),
        "places_per_month": demand["places_per_month"],
        "referrals_per_month": _blank_where_suppressed(demand, "referrals_per_month", "referral_count"),
        "demand_exceeds_places": demand["demand_exceeds_places"],
    })


def excess_ranks(chart_rows: pd.DataFrame, *, count: int) -> pd.Series:
    """1 for the flagged group with the most referrals per month above its places, 2 for the next,
    and so on up to ``count``; NaN for every other row (index as ``chart_rows``)."""
    flagged = chart_rows[chart_rows["demand_exceeds_places"]].dropna(subset=["referrals_per_month"])
    excess = (flagged["referrals_per_month"] - flagged["places_per_month"]).sort_values(ascending=False, kind="stable")
    top = excess.head(count)
    return pd.Series(range(1, len(top) + 1), index=top.index, dtype="float64").reindex(chart_rows.index)


def largest_excess(chart_rows: pd.DataFrame, *, count: int) -> list[str]:
    """The groups numbered on the demand chart, in order: "1 name (+x.x a month)" (referrals per month above places)."""
    ranks = excess_ranks(chart_rows, count=count).dropna().sort_values()
    rows = chart_rows.loc[ranks.index]
    excess = rows["referrals_per_month"] - rows["places_per_month"]
    return [f"{int(rank)} {name} (+{value:,.1f} a month)" for rank, name, value in zip(ranks, rows["name"], excess)]


def largest_excess_sentence(chart_rows: pd.DataFrame, *, count: int) -> str | None:
    """The sentence under the demand chart (page and meeting pack) naming its numbered groups; None if none."""
    largest = largest_excess(chart_rows, count=count)
    return "Most referrals above places (numbered on the chart): " + "; ".join(largest) if largest else None


def demand_table(demand: pd.DataFrame, *, by: str, names: dict[str, str]) -> pd.DataFrame:
    """Provision against demand per group, as shown and downloaded."""
    table = pd.DataFrame({
        "Group": group_names(demand, by=by, names=names),
        "Places per month": demand["places_per_month"].astype("float64").round(1),
        "Referrals": demand["referral_count"],
        "Referrals per month": _blank_where_suppressed(demand, "referrals_per_month", "referral_count").round(1),
        "Starts": demand["start_count"],
        "Starts per month": _blank_where_suppressed(demand, "starts_per_month", "start_count").round(1),
        "People with the need": demand["people_with_need_count"],
        "Utilisation (%)": _blank_where_suppressed(demand, "utilisation_pct", "start_count").round(1),
        "Places per 100 people with the need": scaled_from_shown(
            demand["places_per_100_people"], demand["people_with_need_count"], count_is="denominator").round(1),
        "Demand exceeds places": np.where(demand["demand_exceeds_places"], "Yes", "No"),
    })
    few_people = ~(demand["people_with_need_count"].astype("float64") >= MIN_DENOMINATOR_FOR_PERCENT)
    table["Places per 100 people with the need"] = table["Places per 100 people with the need"].where(~few_people)
    table = suppress_table(table, count_columns=("Referrals", "Starts", "People with the need"))
    return table.sort_values("Group", ignore_index=True)


def provider_chart_rows(providers: pd.DataFrame) -> pd.DataFrame:
    """``provider_outcomes`` with disclosure control for the chart: rates on too few referrals become NaN."""
    return suppress_table(providers, percent_columns={"completion_pct": "ended_after_start_count",
                                                      "removal_pct": "left_list_count"})


def provider_table(providers: pd.DataFrame) -> pd.DataFrame:
    """Provider outcomes with Wilson 95% limits and the comparison with all providers."""
    safe = suppress_table(
        providers,
        count_columns=("referral_count", "start_count", "completion_count"),
        percent_columns={"completion_pct": "ended_after_start_count", "removal_pct": "left_list_count"},
    )
    rounded = {column: safe[column].astype("float64").round(1) for column in safe.columns
               if column.startswith(("completion_pct", "removal_pct"))}
    safe = safe.assign(**rounded)
    return pd.DataFrame({
        "Provider": safe["provider"],
        "Referrals": safe["referral_count"],
        "Starts": safe["start_count"],
        "Completions": safe["completion_count"],
        "Completion rate (%)": safe["completion_pct"],
        "Completion rate lower 95% (%)": safe["completion_pct_lower95"],
        "Completion rate upper 95% (%)": safe["completion_pct_upper95"],
        "Completion rate compared with all providers": safe["completion_comparison"],
        "Removed without start (%)": safe["removal_pct"],
        "Removed without start lower 95% (%)": safe["removal_pct_lower95"],
        "Removed without start upper 95% (%)": safe["removal_pct_upper95"],
        "Removed without start compared with all providers": safe["removal_comparison"],
    })
