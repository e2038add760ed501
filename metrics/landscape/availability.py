"""Where an intervention counts as available: the rule behind the Landscape page.

An intervention is *available* in a PDU when it had places > 0 in the period's
months there; when the dataset holds no provision rows for the period it falls
back to "received at least one referral in the period" there. It must also be
open to someone in scope: an intervention for women only is available only while
women are in scope (no gender filter, or a gender filter that includes female),
and one for men only likewise; people of unknown gender are eligible only for
interventions open to all. A need is met where an available intervention lists
it among the needs it addresses (interventions.csv ``needs``).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from vocabulary.definitions import GENDERS
from vocabulary.scope import Filters

#: Target groups whose interventions a person of each gender may join.
TARGET_GROUPS_BY_GENDER: Final[dict[str, tuple[str, ...]]] = {
    "female": ("all", "women"),
    "male": ("all", "men"),
    "unknown": ("all",),
}
PAIR_COLUMNS: Final[tuple[str, str]] = ("pdu_code", "intervention_code")
#: Filters fields that restrict people (not places).
PERSON_FIELDS: Final[tuple[str, ...]] = ("genders", "ethnicity_groups", "age_bands", "risk_levels", "sentence_types")


def genders_in_scope(genders: tuple[str, ...]) -> tuple[str, ...]:
    """The genders a view covers: the gender filter, or every gender when it is empty."""
    return genders or GENDERS


def open_target_groups(genders: tuple[str, ...]) -> tuple[str, ...]:
    """Target groups open to at least one gender in scope, e.g. ("male",) -> ("all", "men")."""
    groups = {group for gender in genders_in_scope(genders) for group in TARGET_GROUPS_BY_GENDER[gender]}
    return tuple(sorted(groups))


def availability_filters(filters: Filters) -> Filters:
    """The scope that decides the referral fallback: the same area, interventions and period,
    but every person and need: an intervention is offered whoever happened to be referred."""
    return filters.with_changes(needs=(), **{field: () for field in PERSON_FIELDS})


def available_pairs(
    provision: pd.DataFrame,
    referred: pd.DataFrame,
    interventions: pd.DataFrame,
    *,
    use_provision: bool,
    genders: tuple[str, ...],
) -> pd.DataFrame:
    """PDU and intervention pairs where the intervention is available in the period.

    Args:
        provision: one row per (pdu_code, intervention_code) with ``places_count``
            (places summed over the period's months).
        referred: one row per (pdu_code, intervention_code) with ``referral_count``
            (referrals received in the period, any person).
        interventions: the interventions in scope, with ``target_group``.
        use_provision: whether provision rows exist for the period (else the fallback).
        genders: the gender filter (empty: everyone).

    Returns:
        Unique (pdu_code, intervention_code) rows, sorted.
    """
    source, column = (provision, "places_count") if use_provision else (referred, "referral_count")
    offered = source.loc[source[column] > 0, list(PAIR_COLUMNS)]
    eligible = interventions.loc[
        interventions["target_group"].isin(open_target_groups(genders)), "intervention_code"
    ]
    pairs = offered[offered["intervention_code"].isin(eligible)].drop_duplicates()
    return pairs.sort_values(list(PAIR_COLUMNS)).reset_index(drop=True)


def available_need_pairs(available: pd.DataFrame, intervention_needs: pd.DataFrame) -> pd.DataFrame:
    """Every (pdu_code, intervention_code, need_code) where an available intervention addresses the need."""
    return available.merge(intervention_needs, on="intervention_code", how="inner")
