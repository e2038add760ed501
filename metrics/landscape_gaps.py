"""Where a need can be met: interventions available per need and area, and the gaps.

A *gap* is a need and PDU pair in scope where no available intervention (see
``metrics.landscape_availability``) addresses the need. The availability
matrix shows need × PDU, or need × region when many PDUs are in scope; a region
cell counts the interventions available anywhere in the region and says how
many of its PDUs have a gap.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.landscape_availability import genders_in_scope

#: Above this many PDUs in scope the matrix shows regions instead of PDUs.
MAX_PDUS_IN_MATRIX: Final[int] = 30
EVERYONE: Final = "everyone"


def matrix_unit(pdu_count: int) -> str:
    """The matrix's column unit: "pdu_code" for up to MAX_PDUS_IN_MATRIX PDUs, else "region_code"."""
    return "pdu_code" if pdu_count <= MAX_PDUS_IN_MATRIX else "region_code"


def pdu_need_grid(available_needs: pd.DataFrame, pdus: pd.DataFrame, needs: tuple[str, ...]) -> pd.DataFrame:
    """Interventions available for every need × PDU pair in scope (0 where none: a gap).

    Args:
        available_needs: (pdu_code, intervention_code, need_code) rows of available interventions.
        pdus: the PDUs in scope (pdu_code, region_code).
        needs: the needs in scope.

    Returns:
        One row per (need_code, pdu_code) with region_code and intervention_count (interventions).
    """
    grid = pd.MultiIndex.from_product([list(needs), pdus["pdu_code"].tolist()], names=["need_code", "pdu_code"])
    counts = available_needs.groupby(["need_code", "pdu_code"])["intervention_code"].nunique()
    table = counts.reindex(grid, fill_value=0).rename("intervention_count").reset_index()
    return table.merge(pdus[["pdu_code", "region_code"]], on="pdu_code", how="left")


def gap_pair_count(grid: pd.DataFrame) -> int:
    """Needs with no local provision: need × PDU pairs in scope with no available intervention (pairs)."""
    return int((grid["intervention_count"] == 0).sum())


def _open_to(target_groups: set[str], genders: tuple[str, ...]) -> str:
    """Who the available interventions serve, when not everyone in scope."""
    scope = set(genders_in_scope(genders))
    if not target_groups:
        return ""
    if "all" in target_groups or {"female", "male"} - scope or {"men", "women"} <= target_groups:
        return EVERYONE
    return "men only" if "men" in target_groups else "women only"


def availability_cells(
    available_needs: pd.DataFrame,
    grid: pd.DataFrame,
    interventions: pd.DataFrame,
    *,
    unit: str,
    genders: tuple[str, ...],
) -> pd.DataFrame:
    """The matrix: one cell per need and unit (``unit`` = "pdu_code" or "region_code").

    Returns:
        Columns need_code, <unit>, intervention_count (interventions available
        in the unit addressing the need), pdu_count, gap_pdu_count (PDUs of the
        unit with none), open_to ("everyone", "men only", "women only", or ""
        for a gap) and intervention_codes (sorted tuple).
    """
    with_region = available_needs.merge(grid[["pdu_code", "region_code"]].drop_duplicates(), on="pdu_code")
    with_groups = with_region.merge(interventions[["intervention_code", "target_group"]], on="intervention_code")
    offered = with_groups.groupby(["need_code", unit]).agg(
        intervention_codes=("intervention_code", lambda codes: tuple(sorted(set(codes)))),
        target_groups=("target_group", set),
    )
    areas = grid.groupby(["need_code", unit]).agg(
        pdu_count=("pdu_code", "nunique"),
        gap_pdu_count=("intervention_count", lambda counts: int((counts == 0).sum())),
    )
    cells = areas.join(offered, how="left").reset_index()
    cells["intervention_codes"] = [codes if isinstance(codes, tuple) else () for codes in cells["intervention_codes"]]
    cells["intervention_count"] = cells["intervention_codes"].map(len)
    cells["open_to"] = [
        _open_to(groups if isinstance(groups, set) else set(), genders) for groups in cells["target_groups"]
    ]
    columns = ["need_code", unit, "intervention_count", "pdu_count", "gap_pdu_count", "open_to", "intervention_codes"]
    return cells[columns]
