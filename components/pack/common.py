"""Helpers shared by the meeting pack's page sections."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import streamlit as st

from components.blocks import definition

#: Rows of a ranked table the pack shows (the app's download has them all).
TOP_ROWS = 25


def page_setting_in_force(name: str, default: object, *, allowed: Collection[object] | None = None) -> object:
    """A page setting as the session holds it (``page_<name>``), else its default.

    With ``allowed``, a held value outside it (another page's setting of the same name) gives the default.
    """
    value = st.session_state.get(f"page_{name}", default)
    return value if allowed is None or value in allowed else default


def definitions_of(labels: Sequence[str]) -> dict[str, str]:
    """Each label's definition from docs/definitions.md (labels without one are left out)."""
    return {label: text for label in dict.fromkeys(labels) if (text := definition(label))}
