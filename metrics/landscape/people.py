"""People with a need that a set of interventions addresses, counted without double counting.

The database returns *need profiles*: per PDU and gender, how many people have
each combination of needs (a bit mask over ``NEEDS``, bit i for NEEDS[i]). The
number of people with at least one need in a set S is then everyone minus those
whose needs all lie outside S; a subset-sum table over the masks answers that
for any S at once. A person counts for an intervention only if its target group
is open to them (women-only services count women only).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.landscape.availability import TARGET_GROUPS_BY_GENDER
from vocabulary.definitions import NEEDS

ALL_NEEDS_MASK: Final[int] = (1 << len(NEEDS)) - 1


def need_mask(need_codes: list[str] | tuple[str, ...] | set[str]) -> int:
    """The bit mask of a set of need codes (bit i for NEEDS[i])."""
    return sum(1 << NEEDS.index(code) for code in set(need_codes))


def intervention_masks(intervention_needs: pd.DataFrame) -> pd.Series:
    """intervention_code -> bit mask of the needs it addresses."""
    bits = intervention_needs["need_code"].map(lambda code: 1 << NEEDS.index(code))
    return bits.groupby(intervention_needs["intervention_code"]).sum().astype("int64")


#: Subset-sum tables already built, by a hash of the profiles they came from: a page asks
#: for the same profiles once per section, and each table takes tens of milliseconds.
_SUBSET_SUMS: dict[int, tuple[pd.MultiIndex, np.ndarray]] = {}
_SUBSET_SUMS_KEPT: Final[int] = 8


def _subset_sums(profiles: pd.DataFrame) -> tuple[pd.MultiIndex, np.ndarray]:
    """Per (pdu_code, gender): people whose need mask is a subset of each of the 2^len(NEEDS) masks."""
    columns = ["pdu_code", "gender", "need_mask", "people_count"]
    key = int(pd.util.hash_pandas_object(profiles[columns], index=False).to_numpy().sum(dtype="uint64"))
    if key not in _SUBSET_SUMS:
        if len(_SUBSET_SUMS) >= _SUBSET_SUMS_KEPT:
            _SUBSET_SUMS.pop(next(iter(_SUBSET_SUMS)))
        _SUBSET_SUMS[key] = _build_subset_sums(profiles)
    return _SUBSET_SUMS[key]


def _build_subset_sums(profiles: pd.DataFrame) -> tuple[pd.MultiIndex, np.ndarray]:
    """(the (pdu_code, gender) pairs in order of first appearance, the table: one row per pair, one
    column per need mask S, the people whose need mask is a subset of S).

    The table is filled with one ``bincount`` and then, per need, the halves of the mask axis
    without and with that need's bit are added (the mask axis seen as ten axes of two): the
    same integer sums as adding mask by mask, about ten times faster.
    """
    pdus, pdu_names = pd.factorize(profiles["pdu_code"], use_na_sentinel=False)
    genders, gender_names = pd.factorize(profiles["gender"], use_na_sentinel=False)
    rows, pairs = pd.factorize(pdus * len(gender_names) + genders)
    keys = pd.MultiIndex.from_arrays(
        [pdu_names.take(pairs // len(gender_names)), gender_names.take(pairs % len(gender_names))],
        names=["pdu_code", "gender"])
    width = ALL_NEEDS_MASK + 1
    cells = rows * width + profiles["need_mask"].to_numpy("int64")
    table = np.bincount(cells, weights=profiles["people_count"].to_numpy("float64"), minlength=len(keys) * width)
    table = np.rint(table).astype("int64").reshape(len(keys), *([2] * len(NEEDS)))  # axis 1 is the last need
    for axis in range(1, len(NEEDS) + 1):
        without, with_bit = ([slice(None)] * table.ndim for _ in range(2))
        without[axis], with_bit[axis] = 0, 1
        table[tuple(with_bit)] += table[tuple(without)]
    return keys, table.reshape(len(keys), width)


def people_with_any_need(profiles: pd.DataFrame, requests: pd.DataFrame) -> np.ndarray:
    """People in each request's PDU and gender with at least one need in its mask.

    Args:
        profiles: pdu_code, gender, need_mask, people_count (people with exactly those needs).
        requests: pdu_code, gender, need_mask (the set S).

    Returns:
        One count (people) per request row; 0 where the PDU and gender has nobody.
    """
    if profiles.empty or requests.empty:
        return np.zeros(len(requests), dtype="int64")
    keys, table = _subset_sums(profiles)
    rows = keys.get_indexer(pd.MultiIndex.from_frame(requests[["pdu_code", "gender"]]))
    found = rows >= 0
    outside = ALL_NEEDS_MASK ^ requests["need_mask"].to_numpy("int64")
    counts = np.zeros(len(requests), dtype="int64")
    counts[found] = table[rows[found], ALL_NEEDS_MASK] - table[rows[found], outside[found]]
    return counts


def _union_masks(offered: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of ``keys``: the bitwise OR of the need masks (one column per bit, then packed again)."""
    bits = pd.DataFrame({bit: (offered["need_mask"].to_numpy() >> bit) & 1 for bit in range(len(NEEDS))},
                        index=offered.index)
    present = bits.groupby([offered[key] for key in keys]).max()
    packed = (present.to_numpy() << np.arange(len(NEEDS))).sum(axis=1)
    return present.index.to_frame(index=False).assign(need_mask=packed.astype("int64"))


def _masks_per_gender(offered: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group, PDU and gender: the needs of the offered interventions that gender may join."""
    parts = []
    for gender, groups in TARGET_GROUPS_BY_GENDER.items():
        eligible = offered[offered["target_group"].isin(groups)]
        if not eligible.empty:
            parts.append(_union_masks(eligible, keys).assign(gender=gender))
    if not parts:
        return pd.DataFrame(columns=[*keys, "need_mask", "gender"])
    return pd.concat(parts, ignore_index=True)


def people_with_need_by(
    available: pd.DataFrame,
    interventions: pd.DataFrame,
    intervention_needs: pd.DataFrame,
    profiles: pd.DataFrame,
    *,
    by: str,
) -> pd.Series:
    """People with the need, per group ``by`` ("pdu_code", "category" or "intervention_code").

    Definition: distinct people, in the PDUs where the group's interventions are
    available, with a need record in scope for at least one need that an
    intervention of the group open to them addresses. Unit: people.
    """
    masks = intervention_masks(intervention_needs).rename("need_mask")
    offered = available.merge(interventions[["intervention_code", "category", "target_group"]], on="intervention_code")
    offered = offered.merge(masks, left_on="intervention_code", right_index=True)
    keys = list(dict.fromkeys([by, "pdu_code"]))
    requests = _masks_per_gender(offered, keys)
    requests["people_count"] = people_with_any_need(profiles, requests)
    return requests.groupby(by)["people_count"].sum().astype("int64").rename("people_with_need_count")
