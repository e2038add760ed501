"""The need shown on the Sufficiency gaps and Landscape maps: a picker kept in the URL as ``map_need``."""

from __future__ import annotations

import streamlit as st

from components.presentation import page_controls
from components.url_state import bind, page_setting
from vocabulary.definitions import NEEDS, code_label

NO_NEED = ""


def _parse_need(raw: str) -> str:
    if raw not in (NO_NEED, *NEEDS):
        raise ValueError(raw)
    return raw


def map_need(options: tuple[str, ...], *, label: str = "Need shown on the map") -> str | None:
    """Draw the need picker over ``options`` (the needs in scope); return the need (None: no option).

    Kept in the URL as ``map_need``; a need the filters rule out falls back to the first option.
    """
    if not options:
        return None
    page_setting("map_need", NO_NEED, parse=_parse_need)
    if st.session_state["page_map_need"] not in options:
        st.session_state["page_map_need"] = options[0]
    place, _ = page_controls([1, 2])
    place.selectbox(label, options=list(options), format_func=code_label, **bind("page_map_need"))
    return str(st.session_state["page_map_need"])


def set_pdu_filter(pdu_code: str, *, need_code: str | None = None) -> None:
    """Set the shared PDU filter (and the need filter) to a clicked PDU, as the pages' own clicks do; rerun."""
    wanted = {"filter_pdus": [pdu_code], **({"filter_needs": [need_code]} if need_code else {})}
    if all(st.session_state.get(key) == value for key, value in wanted.items()):
        return
    st.session_state.update(wanted)
    st.rerun()
