"""The funnel plot's labels: a number with a leader line beside each point outside the 99.8% limits, and
the numbered key under the chart (``metrics.comparison.funnel_labels`` chooses and numbers them).

Labels of points over the centre line sit in a row along the top of the plot, those under it
along the bottom, spread along the row so that no two print over one another.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.stats.disclosure import shown_counts

#: Least gap between neighbouring labels in a row, as a share of the x axis's span.
LABEL_GAP_SHARE: Final = 0.035
PER_LINE: Final = 3


def spread(positions: list[float], *, gap: float) -> list[float]:
    """``positions`` (ascending) moved apart as little as possible so neighbours are at least ``gap`` apart.

    A left-to-right sweep pushes each label right of the one before; the row is then shifted back
    left by half the drift it gained, so labels stay centred on their points as a group.
    """
    placed: list[float] = []
    for position in positions:
        placed.append(max(position, placed[-1] + gap) if placed else position)
    drift = (sum(placed) - sum(positions)) / len(placed) if placed else 0.0
    return [position - drift for position in placed]


def number_annotations(units: pd.DataFrame, numbers: pd.Series, *, centre: float, pdu_of_interest: str | None,
                       font_px: int, y_range: tuple[float, float], x_span: float) -> list[dict[str, object]]:
    """One annotation per numbered point (and the PDU of interest, by name), each with a leader line.

    Labels of points above the centre sit in a row along the top of the plot, those below along the
    bottom, each row spread so that no two labels are closer than ``LABEL_GAP_SHARE`` of ``x_span``:
    numbers never print over one another or over a point, however close the points are.
    """
    marked = units.assign(number=numbers, x=shown_counts(units["denominator"]))
    marked = marked[marked["number"].notna() | (marked["pdu_code"] == pdu_of_interest)].sort_values("x")
    notes: list[dict[str, object]] = []
    for above in (True, False):
        row = marked[(marked["value"] >= centre) == above]
        xs = spread([float(x) for x in row["x"]], gap=LABEL_GAP_SHARE * x_span)
        for label_x, point in zip(xs, row.itertuples(), strict=True):
            text = "" if pd.isna(point.number) else str(int(point.number))
            if point.pdu_code == pdu_of_interest:
                text = f"<b>{text + ' ' if text else ''}▶ {point.pdu_name}</b>"
            notes.append({"x": point.x, "y": point.value, "xref": "x", "yref": "y", "text": text,
                          "showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": "#505A5F",
                          "axref": "x", "ayref": "y", "ax": label_x, "ay": y_range[1] if above else y_range[0],
                          "yanchor": "bottom" if above else "top", "font": {"size": font_px - 2},
                          "bgcolor": "rgba(255,255,255,0.85)"})
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
