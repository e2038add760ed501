"""Which PDUs a slide's comparison chart shows: a room reads a dozen bars, not a hundred."""

from __future__ import annotations

from typing import Final

import pandas as pd

#: Bars on a slide.
SLIDE_BARS: Final = 12


def slide_rows(compared: pd.DataFrame, *, pdu_of_interest: str | None = None, at_most: int = SLIDE_BARS) -> pd.DataFrame:
    """The rows of a PDU comparison (``compare_pdus``, window 0, in its order) a slide shows.

    All of them when they fit. Otherwise the PDUs significantly different from their benchmark (outside
    the 99.8% interval) come first, then the others, each furthest from the benchmark first, up to
    ``at_most``; the PDU of interest is always shown. The rows keep the page's order.
    """
    rows = compared[compared["window"] == 0]
    if len(rows) <= at_most:
        return rows
    ranking = pd.DataFrame({
        "significant": rows["comparison"].astype(str).str.startswith("Significantly"),
        "gap": (rows["value"] - rows["benchmark"]).abs().fillna(-1.0),
    }, index=rows.index).sort_values(["significant", "gap"], ascending=False, kind="stable")
    keep = set(ranking.index[:at_most]) | set(rows.index[rows["pdu_code"] == pdu_of_interest])
    return rows.loc[[index for index in rows.index if index in keep]]
