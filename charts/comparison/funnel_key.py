"""The funnel plot's labels: a number with a leader line beside each point outside the 99.8% limits, and
the numbered key under the chart (``metrics.comparison.funnel_labels`` chooses and numbers them).

Labels go above points over the centre line and below points under it, at one of three
distances in turn along the x axis, so neighbouring numbers do not sit on one another.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.stats.disclosure import shown_counts

#: Leader-line lengths (px), taken in turn by neighbouring labels on the same side of the centre.
LEADER_PX: Final = (26, 46, 66)
PER_LINE: Final = 3


def number_annotations(units: pd.DataFrame, numbers: pd.Series, *, centre: float, pdu_of_interest: str | None,
                       font_px: int) -> list[dict[str, object]]:
    """One annotation per numbered point (and the PDU of interest, by name), with a leader line to it."""
    marked = units.assign(number=numbers, x=shown_counts(units["denominator"]))
    marked = marked[marked["number"].notna() | (marked["pdu_code"] == pdu_of_interest)].sort_values("x")
    notes: list[dict[str, object]] = []
    turns = {True: 0, False: 0}
    for row in marked.itertuples():
        above = bool(row.value >= centre)
        length = LEADER_PX[turns[above] % len(LEADER_PX)]
        turns[above] += 1
        text = "" if pd.isna(row.number) else str(int(row.number))
        if row.pdu_code == pdu_of_interest:
            text = f"<b>{text + ' ' if text else ''}▶ {row.pdu_name}</b>"
        notes.append({"x": row.x, "y": row.value, "xref": "x", "yref": "y", "text": text, "showarrow": True,
                      "arrowhead": 0, "arrowwidth": 1, "ax": 0, "ay": -length if above else length,
                      "font": {"size": font_px - 2}, "bgcolor": "rgba(255,255,255,0.85)"})
    return notes


def key_lines(units: pd.DataFrame, numbers: pd.Series, *, per_line: int = PER_LINE) -> list[str]:
    """The numbered key as lines of text, ``per_line`` entries each: "<b>1</b> Outlier Vale      <b>2</b> …"."""
    labelled = units.assign(number=numbers).dropna(subset=["number"]).sort_values("number")
    entries = [f"<b>{int(number)}</b> {name}" for number, name in zip(labelled["number"], labelled["pdu_name"])]
    return ["      ".join(entries[start:start + per_line]) for start in range(0, len(entries), per_line)]


def key_annotation(lines: list[str], *, font_px: int) -> dict[str, object]:
    """The key under the x axis's title, left-aligned ("Outside the 99.8% limits:" and the numbered names)."""
    text = "<br>".join(["Outside the 99.8% limits:", *lines]) if lines else "No PDU is outside the 99.8% limits."
    return {"x": 0, "xref": "paper", "xanchor": "left", "y": 0, "yref": "paper", "yanchor": "top",
            "yshift": -4 * font_px, "showarrow": False, "align": "left", "text": text, "font": {"size": font_px - 2}}
