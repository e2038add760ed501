"""Which PDUs a slide's comparison chart shows: a room reads a dozen bars, not a hundred."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

#: Bars on a slide.
SLIDE_BARS: Final = 12


def slide_rows(compared: pd.DataFrame, *, pdu_of_interest: str | None = None, at_most: int = SLIDE_BARS) -> pd.DataFrame:
    """The rows of a PDU comparison (``compare_pdus``, window 0, in its order) a slide shows.

    All of them when they fit. Otherwise the PDUs significantly different from their benchmark (outside
    the 99.8% interval) and the PDU of interest, keeping the largest gaps from the benchmark when there
    are more than ``at_most``; with none significant, the ``at_most`` // 2 highest and lowest values.
    """
    rows = compared[compared["window"] == 0]
    if len(rows) <= at_most:
        return rows
    gap = (rows["value"] - rows["benchmark"]).abs().fillna(-1.0)
    chosen = rows["comparison"].astype(str).str.startswith("Significantly") | (rows["pdu_code"] == pdu_of_interest)
    if not chosen.any():
        valued = rows[np.isfinite(rows["value"].astype("float64"))]
        half = at_most // 2
        return rows.loc[sorted(set(valued.index[:half]) | set(valued.index[-half:]), key=list(rows.index).index)]
    ranked = gap.where(chosen, -2.0).sort_values(ascending=False, kind="stable")
    keep = set(ranked.index[:at_most]) | set(rows.index[rows["pdu_code"] == pdu_of_interest])
    return rows.loc[[index for index in rows.index if index in keep]]
