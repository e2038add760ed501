"""The one key to the comparison colours, drawn once per page that shows comparison categories.

Every page uses this component, so the words and colours are the same everywhere
(``charts.comparison_key``); charts carry no legend of their own for the categories.
"""

from __future__ import annotations

import streamlit as st

from charts.comparison_key import Family, compact_key_html, comparison_key_html
from components.presentation import is_presenting


def comparison_key(benchmark_name: str, *, families: tuple[Family, ...] = ("judged",), note: str = "",
                   compact: bool | None = None) -> None:
    """Draw the key: each category's colour, its word and what it means against ``benchmark_name``.

    Call it once per page, above the first chart or table that colours units by their comparison.
    ``families``: "judged" (better/worse) and/or "neutral" (higher/lower, for measures with no good direction).
    ``compact`` (default: in presentation mode): two lines, so a slide keeps room for its chart.
    """
    if is_presenting() if compact is None else compact:
        st.html(compact_key_html(benchmark_name, families=families))
    else:
        st.html(comparison_key_html(benchmark_name, families=families, note=note))
