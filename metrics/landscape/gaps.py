"""Where a need can be met: interventions available per need and area, and the gaps.

A *gap* is a need and PDU pair in scope where no available intervention (see
``metrics.landscape.availability``) addresses the need. The availability
matrix shows need × PDU, or need × region when many PDUs are in scope; a region
cell counts the interventions available anywhere in the region and says how
many of its PDUs have a gap.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.availability import genders_in_scope

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


def _open_to(flags: pd.DataFrame, genders: tuple[str, ...]) -> pd.Series:
    """Who a cell's available interventions serve: "everyone" in scope, "men only", "women only" or "" (a gap).

    ``flags`` has boolean columns all, men and women: whether an available intervention has that target group.
    """
    both_in_scope = {"female", "male"} <= set(genders_in_scope(genders))
    everyone = flags["all"] | (flags["men"] & flags["women"]) | (not both_in_scope)
    labels = np.where(everyone, EVERYONE, np.where(flags["men"], "men only", "women only"))
    offered = flags["all"] | flags["men"] | flags["women"]
    return pd.Series(np.where(offered, labels, ""), index=flags.index)


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
    keys = ["need_code", unit]
    offered = available_needs.merge(grid[["pdu_code", "region_code"]].drop_duplicates(), on="pdu_code").merge(
        interventions[["intervention_code", "target_group"]], on="intervention_code"
    )[[*keys, "intervention_code", "target_group"]].drop_duplicates(subset=[*keys, "intervention_code"])
    offered = offered.sort_values([*keys, "intervention_code"])
    codes = offered.groupby(keys)["intervention_code"].agg(tuple).rename("intervention_codes")
    flags = pd.DataFrame({group: offered["target_group"].eq(group) for group in ("all", "men", "women")})
    flags = flags.groupby([offered[key] for key in keys]).any()
    areas = grid.assign(gap=grid["intervention_count"].eq(0)).groupby(keys).agg(
        pdu_count=("pdu_code", "nunique"), gap_pdu_count=("gap", "sum"))
    cells = areas.join(codes, how="left").join(flags, how="left")
    cells[["all", "men", "women"]] = cells[["all", "men", "women"]].fillna(False).astype(bool)
    cells["intervention_codes"] = [value if isinstance(value, tuple) else () for value in cells["intervention_codes"]]
    cells["intervention_count"] = cells["intervention_codes"].map(len)
    cells["open_to"] = _open_to(cells, genders)
    cells["gap_pdu_count"] = cells["gap_pdu_count"].astype("int64")
    columns = [*keys, "intervention_count", "pdu_count", "gap_pdu_count", "open_to", "intervention_codes"]
    return cells.reset_index()[columns]
