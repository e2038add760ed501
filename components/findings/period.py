"""The comparison period of "what changed since": a page setting, by default the previous period of
the same length, kept in the link as ``since_from`` and ``since_to``."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import cache
from components.presentation import page_controls
from components.url_state import page_setting
from vocabulary.scope import Filters, previous_period

Period = tuple[dt.date, dt.date]
_NAMES = ("since_from", "since_to")


def _day(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw)


def _text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def default_since(filters: Filters) -> Period | None:
    """The previous period of the same length, cut to the data's first date (None when it has no data)."""
    first = cache.load_dataset_info()["data_from"]
    start, end = previous_period(filters.period_start, filters.period_end)
    return None if end < first else (max(start, first), end)


def _keep(name: str) -> None:
    st.session_state[f"page_{name}"] = st.session_state[f"w_page_{name}"]


def _pickable(filters: Filters, chosen: tuple[dt.date | None, dt.date | None]) -> list[dt.date]:
    """The dates the pickers show: each chosen date, else the default's, kept within the data's dates."""
    info = cache.load_dataset_info()
    first, last = info["data_from"], info["data_as_of"]
    default = default_since(filters) or (first, first)
    return [min(max(day or fallback, first), last) for day, fallback in zip(chosen, default, strict=True)]


def since_in_force(filters: Filters, chosen: tuple[dt.date | None, dt.date | None]) -> Period | None:
    """The comparison period from the dates chosen (None: not chosen, so the default's).

    None when nothing is chosen and the previous period has no data, or the period ends before it starts.
    """
    if chosen == (None, None) and default_since(filters) is None:
        return None
    start, end = _pickable(filters, chosen)
    return (start, end) if start <= end else None


def since_setting(filters: Filters) -> Period | None:
    """Draw the comparison period's pickers (with the page's controls); return the period in force.

    Until a date is picked each follows the filters' period (the previous period of the same length).
    """
    info = cache.load_dataset_info()
    chosen = (page_setting("since_from", None, parse=_day, serialise=_text),
              page_setting("since_to", None, parse=_day, serialise=_text))
    labels = ("What changed since: from", "to")
    for column, name, day, label in zip(page_controls(2), _NAMES, _pickable(filters, chosen), labels, strict=True):
        st.session_state[f"w_page_{name}"] = day
        with column:
            st.date_input(label, min_value=info["data_from"], max_value=info["data_as_of"], format="DD/MM/YYYY",
                          key=f"w_page_{name}", on_change=_keep, args=(name,),
                          help="The period the findings are compared with. Default: the period of the same "
                               "length just before the one in the sidebar.")
    return since_in_force(filters, chosen)
