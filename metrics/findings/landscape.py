"""The finding from the Landscape page: where referrals exceed places. Input is the page's demand
chart frame (``metrics.landscape.tables.demand_chart_frame``: referrals per month worked from the
counts as shown, empty where a count is suppressed)."""

from __future__ import annotations

import math

import pandas as pd

from metrics.findings.model import DESCRIBED, Finding
from metrics.findings.wording import count_text
from metrics.landscape.utilisation import flows_and_places_by, with_utilisation


def referrals_against_places(activity: pd.DataFrame, provision: pd.DataFrame, available: pd.DataFrame,
                             interventions: pd.DataFrame, *, by: str, months: float, provision_months: int,
                             margin_pct: float) -> pd.DataFrame:
    """The Landscape page's provision against demand per group ``by`` as far as its demand flag reads it.

    ``metrics.landscape.utilisation.flows_and_places_by`` (``demand_by`` without the people with the need:
    ``people_with_need_count`` is 0 here) and ``with_utilisation``: the flag compares referrals per month with places per month
    alone, and with provision loaded (``provision_months`` > 0) every group that has people with the need
    has places too (both are the groups of ``available``), so the rows, their order and the flag are the
    page's. Sparing the people spares the page's slowest query (the need profiles).

    Args:
        activity: per (pdu_code, intervention_code): referral_count, start_count (in the period, in scope).
        provision: per (pdu_code, intervention_code): places_count over the period's provision months.
        available: the available pairs in scope (``Landscape.available_in_scope``).
        interventions: intervention_code and category of the interventions in scope.
        by: "pdu_code", "category" or "intervention_code".
        months: the period's length in months.
        provision_months: provision months loaded in the period (more than 0).
        margin_pct: the page's margin, in percent.
    """
    table = flows_and_places_by(activity, provision, available, interventions, by=by, months=months,
                                provision_months=provision_months)
    return with_utilisation(table, margin_pct=margin_pct)


def demand_finding(chart_rows: pd.DataFrame, *, groups: str, grouping: str, months: float,
                   margin_pct: float) -> Finding | None:
    """The groups whose referrals per month exceed their places per month by more than the margin.

    Args:
        chart_rows: name, places_per_month, referrals_per_month, demand_exceeds_places (the page's flag).
        groups: what a row is, plural, for the sentence ("PDUs", "interventions", "categories").
        grouping: the page's grouping setting ("pdu", "intervention", "category"), kept in the link.
        months: the period's length in months (turns the excess per month into referrals in the period).
        margin_pct: the page's margin, in percent.

    Returns:
        None when no group is flagged (or provision is not loaded: nothing is flagged then).
    """
    flagged = chart_rows[chart_rows["demand_exceeds_places"].astype(bool)].dropna(subset=["referrals_per_month"])
    if flagged.empty:
        return None
    excess = flagged["referrals_per_month"] - flagged["places_per_month"]
    ordered = flagged.assign(excess=excess).sort_values(["excess", "name"], ascending=[False, True], kind="stable")
    top = ordered.iloc[0]
    people = float(excess.sum()) * months
    people_count = int(math.floor(people + 0.5)) if math.isfinite(people) else 0
    sentence = (f"Referrals exceed places by more than {margin_pct:g}% in {len(flagged)} of {len(chart_rows)} "
                f"{groups}, by about {count_text(people_count)} referrals over the period; the most is {top['name']}, "
                f"with {top['referrals_per_month']:,.1f} referrals a month against {top['places_per_month']:,.1f} "
                "places a month.")
    return Finding("demand", sentence, people_count, DESCRIBED, "landscape", settings=(("compare", grouping),))
