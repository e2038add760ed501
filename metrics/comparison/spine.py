"""The PDU profile ("spine chart"): one PDU on every indicator against the national range.

For each indicator the range of PDU values across England and Wales (lowest,
25th percentile, 75th percentile, highest, over PDUs with a value shown) is
drawn on a common scale centred on the England and Wales value: a value's
position is (value − centre) ÷ the larger distance from the centre to either
end, so every row spans at most −1 to 1. Rows are oriented so that better is
always to the right: low-is-good indicators are mirrored. Indicators with no
judgement keep higher to the right.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.stats.comparison import NOT_COMPARED, Polarity


def spine_position(
    values: np.ndarray | float, *, centre: float, lowest: float, highest: float, polarity: Polarity
) -> np.ndarray:
    """Positions on the spine, from −1 (worst end) to 1 (best end); 0 is the England and Wales value.

    NaN where the value or the centre is missing; 0 when every PDU equals the centre.
    """
    points = np.asarray(values, dtype="float64")
    half_width = np.nanmax([centre - lowest, highest - centre, 0.0])
    if not np.isfinite(centre) or not half_width > 0:
        return np.where(np.isnan(points), np.nan, 0.0)
    position = (points - centre) / half_width
    return -position if polarity == "low_is_good" else position


def national_range(compared: pd.DataFrame) -> dict[str, float]:
    """Lowest, 25th percentile, 75th percentile and highest PDU value (window 0, values shown only)."""
    shown = compared.loc[(compared["window"] == 0), "value"].dropna().to_numpy("float64")
    if shown.size == 0:
        return dict.fromkeys(("lowest", "q25", "q75", "highest"), float("nan"))
    q25, q75 = np.percentile(shown, [25, 75])
    return {"lowest": float(shown.min()), "q25": float(q25), "q75": float(q75), "highest": float(shown.max())}


def spine_rows(
    items: Sequence[Indicator],
    compared: dict[str, pd.DataFrame],
    national: dict[str, float],
    pdu_code: str,
) -> pd.DataFrame:
    """One row per indicator for the PDU of interest, with the range and every position.

    Args:
        items: the indicators, in display order.
        compared: indicator key -> the frame from ``compare_pdus`` (all PDUs).
        national: indicator key -> England and Wales value.
        pdu_code: the PDU of interest.

    Returns:
        key, name, unit, polarity, value, numerator, denominator, comparison,
        suppressed, national, lowest, q25, q75, highest, and positions ``pos_value``,
        ``pos_lowest``, ``pos_q25``, ``pos_q75``, ``pos_highest`` (better to the right).
    """
    rows = []
    for item in items:
        frame = compared[item.key]
        own = frame[(frame["pdu_code"] == pdu_code) & (frame["window"] == 0)]
        spread = national_range(frame)
        centre = national[item.key]
        row = {"key": item.key, "name": item.name, "unit": item.unit, "polarity": item.polarity,
               "value": float(own["value"].iloc[0]) if len(own) else float("nan"),
               "numerator": float(own["numerator"].iloc[0]) if len(own) else float("nan"),
               "denominator": float(own["denominator"].iloc[0]) if len(own) else float("nan"),
               "comparison": own["comparison"].iloc[0] if len(own) else NOT_COMPARED,
               "suppressed": bool(own["suppressed"].iloc[0]) if len(own) else False,
               "national": centre, **spread}
        for name in ("value", "lowest", "q25", "q75", "highest"):
            row[f"pos_{name}"] = float(spine_position(row[name], centre=centre, lowest=spread["lowest"],
                                                      highest=spread["highest"], polarity=item.polarity))
        rows.append(row)
    return pd.DataFrame(rows)
