"""The ranked bars that lead the Landscape page: categories, and the interventions within each, by size.

Built from the treemap's tiles (``metrics.landscape.treemap.treemap_frame``), so
the bars carry exactly the treemap's figures and disclosure control: referral
counts drawn and labelled at their count rounded to 5, counts of 1–4 labelled
"<5" and drawn at half the threshold.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from vocabulary.definitions import code_label

#: Interventions drawn per category unless the user asks for every one.
TOP_PER_CATEGORY: Final = 8


def ranked_bars(tiles: pd.DataFrame, *, per_category: int | None = TOP_PER_CATEGORY) -> pd.DataFrame:
    """One row per intervention bar: categories by their total (largest first), interventions by size within.

    Args:
        tiles: ``treemap_frame`` output (id, label, parent, category, size, text).
        per_category: the largest this many interventions of each category (None: all).

    Returns:
        Columns category, heading ("<b>category</b><br><total>, the largest n of m interventions" or
        "…<br><total>, m interventions"),
        id, label, size and text, in drawing order.
    """
    parents = tiles[tiles["parent"] == ""].set_index("id")
    bars = tiles[tiles["parent"] != ""]
    totals = bars.groupby("parent")["size"].sum()
    ranked = bars.assign(total=bars["parent"].map(totals)).sort_values(
        ["total", "parent", "size", "label"], ascending=[False, True, False, True], kind="stable")
    ranked = ranked.assign(rank=ranked.groupby("parent").cumcount() + 1,
                           of=ranked.groupby("parent")["id"].transform("size"))
    if per_category is not None:
        ranked = ranked[ranked["rank"] <= per_category]

    def heading(parent: str, shown: int, of: int) -> str:
        count = f"the largest {shown} of {of} interventions" if shown < of else (
            f"{of} intervention" + ("s" if of != 1 else ""))
        return f"<b>{parents.at[parent, 'label']}</b><br>{parents.at[parent, 'text']}, {count}"

    shown = ranked.groupby("parent")["id"].transform("size")
    headings = [heading(parent, count, of) for parent, count, of in zip(ranked["parent"], shown, ranked["of"])]
    return ranked.assign(heading=headings)[["category", "heading", "id", "label", "size", "text"]].reset_index(drop=True)


def ranked_table(bars: pd.DataFrame, *, measure_name: str) -> pd.DataFrame:
    """The ranked bars' data as shown: category, intervention and its figure."""
    return pd.DataFrame({"Category": bars["category"].map(code_label), "Intervention": bars["label"], measure_name: bars["text"]})
