"""The landscape at a glance: category → intervention tiles sized by referrals or places.

Tile ids carry what a click selects: ``category:<code>`` or
``intervention:<code>``. A tile for a count of 1–4 referrals is drawn at the
size of ``SUPPRESS_COUNT_BELOW / 2`` and labelled "<5", so neither its label
nor its area discloses the count; every other tile and every category total is
drawn and labelled at its count rounded to the nearest 5 (``metrics.stats.disclosure``),
so a hidden count cannot be worked out by subtraction.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.stats.disclosure import format_count, is_suppressed_count, shown_counts
from vocabulary.definitions import SUPPRESS_COUNT_BELOW, code_label

SIZE_MEASURES: Final[dict[str, str]] = {"referrals": "Referrals in the period", "places": "Places per month"}
CATEGORY_PREFIX: Final = "category:"
INTERVENTION_PREFIX: Final = "intervention:"


def _size_text(value: float, measure: str) -> str:
    if measure == "places":
        return f"{value:,.1f} places per month"
    return f"{format_count(value)} referrals"


def treemap_frame(catalogue_rows: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """Tiles for the treemap: one per category and per intervention with a non-zero size.

    Args:
        catalogue_rows: ``metrics.landscape.catalogue.catalogue`` output.
        measure: "referrals" (referrals in the period) or "places" (places per month).

    Returns:
        Columns id, label, parent, category, size (drawn area; 0 for categories,
        whose area is the sum of their tiles) and text (value with disclosure control).
    """
    column = {"referrals": "referral_count", "places": "places_per_month"}[measure]
    rows = catalogue_rows[catalogue_rows[column].fillna(0) > 0]
    sizes = rows[column].astype("float64")
    if measure == "referrals":
        # Areas are drawn from the shown (rounded) counts: an exact area would be a figure too.
        sizes = shown_counts(sizes).where(~sizes.apply(is_suppressed_count), SUPPRESS_COUNT_BELOW / 2)
    tiles = pd.DataFrame({
        "id": INTERVENTION_PREFIX + rows["intervention_code"],
        "label": rows["intervention_name"],
        "parent": CATEGORY_PREFIX + rows["category"],
        "category": rows["category"],
        "size": sizes,
        "text": [_size_text(value, measure) for value in rows[column]],
    })
    totals = rows.groupby("category")[column].sum()
    parents = pd.DataFrame({
        "id": CATEGORY_PREFIX + totals.index,
        "label": totals.index.map(code_label),
        "parent": "",
        "category": totals.index,
        "size": 0.0,
        "text": [_size_text(value, measure) for value in totals],
    })
    return pd.concat([parents, tiles], ignore_index=True)


def selected_filter(point_id: object) -> tuple[str, str] | None:
    """The shared filter a clicked tile sets: ("categories", code), ("interventions", code) or None."""
    if not isinstance(point_id, str):
        return None
    for prefix, field in ((CATEGORY_PREFIX, "categories"), (INTERVENTION_PREFIX, "interventions")):
        if point_id.startswith(prefix) and len(point_id) > len(prefix):
            return field, point_id[len(prefix):]
    return None


def treemap_table(tiles: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """The treemap's data as a table: one row per intervention tile with its category and size text."""
    table = tiles.loc[tiles["parent"] != "", ["label", "parent", "text"]].rename(
        columns={"label": "Intervention", "parent": "Category", "text": SIZE_MEASURES[measure]})
    table["Category"] = table["Category"].map(dict(zip(tiles["id"], tiles["label"])))
    return table
