"""Keep a view's state in the URL so a copied link reproduces it.

The first run of a session reads the URL it was opened with; after that the
session state is the source of truth and every run writes the URL afresh from it
(shared filters first, then the current page's own settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")

_INITIAL_KEY = "_url_initial"
_NOTICES_KEY = "_url_notices"
_LISTENER_KEY = "_url_listener"


def initial_params() -> dict[str, str]:
    """The query parameters the session was opened with (captured once)."""
    if _INITIAL_KEY not in st.session_state:
        st.session_state[_INITIAL_KEY] = {key: st.query_params[key] for key in st.query_params}
    return st.session_state[_INITIAL_KEY]


def forget_initial_params() -> None:
    """Treat the session as opened without a query string (used by "Reset filters")."""
    st.session_state[_INITIAL_KEY] = {}


def start_over_from(params: dict[str, str], *, prefixes: tuple[str, ...] = ("filter_", "page_")) -> None:
    """Treat the session as newly opened with ``params`` (used to open a saved view).

    Every value read from a link (session keys starting with ``prefixes``, and their
    widgets' ``w_`` keys) is forgotten, so the next run reads it afresh from ``params``.
    """
    wanted = prefixes + tuple(f"w_{prefix}" for prefix in prefixes)
    for key in [key for key in st.session_state if str(key).startswith(wanted)]:
        del st.session_state[key]
    st.session_state[_INITIAL_KEY] = dict(params)


def add_notice(message: str) -> None:
    """Record a notice about a URL value that was dropped; shown once on the page."""
    st.session_state.setdefault(_NOTICES_KEY, []).append(message)


def pop_notices() -> list[str]:
    """Notices recorded so far in this session, cleared once returned."""
    return st.session_state.pop(_NOTICES_KEY, [])


def write_params(params: dict[str, str]) -> None:
    """Replace the URL's query string with ``params`` (empty values are left out)."""
    wanted = {key: value for key, value in params.items() if value not in ("", None)}
    current = {key: st.query_params[key] for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
    _notify()


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` whenever this run changes the URL (e.g. to redraw "Copy link to this view")."""
    st.session_state[_LISTENER_KEY] = listener


def _notify() -> None:
    listener = st.session_state.get(_LISTENER_KEY)
    if listener is not None:
        listener()


def _copy_to_shadow(widget_key: str, shadow_key: str) -> None:
    st.session_state[shadow_key] = st.session_state[widget_key]


def bind(shadow_key: str) -> dict[str, object]:
    """Widget keyword arguments that keep ``shadow_key`` in session state in step with a widget.

    Widget state is dropped when a page stops drawing the widget; the shadow key
    survives page switches. The widget is re-seeded from the shadow on every run.
    """
    widget_key = f"w_{shadow_key}"
    st.session_state[widget_key] = st.session_state[shadow_key]
    return {"key": widget_key, "on_change": _copy_to_shadow, "args": (widget_key, shadow_key)}


def _parses(value: object, parse: Callable[[str], object], serialise: Callable[[object], str]) -> bool:
    try:
        parse(serialise(value))
    except (ValueError, TypeError, KeyError):
        return False
    return True


def page_setting(
    name: str,
    default: T,
    *,
    parse: Callable[[str], T],
    serialise: Callable[[T], str] = str,
) -> T:
    """Current value of a page setting kept in the URL as ``name``.

    On first use in a session the value comes from the URL when it parses (a
    value that does not parse is dropped with a notice), else ``default``. The
    value lives in ``st.session_state["page_<name>"]``; draw its widget with
    ``**bind("page_<name>")``. The URL carries the value while it differs from the default.
    """
    key = f"page_{name}"
    if key not in st.session_state:
        raw = initial_params().get(name)
        value = default
        if raw is not None:
            try:
                value = parse(raw)
            except (ValueError, TypeError):
                add_notice(f"Ignored '{name}={raw}' from the link: not a valid value.")
        st.session_state[key] = value
    value = st.session_state[key]
    if value != default and not _parses(value, parse, serialise):
        # Another page keeps a setting of the same name with values this page cannot use.
        value = st.session_state[key] = default
    if value != default:
        st.query_params[name] = serialise(value)
    elif name in st.query_params:
        del st.query_params[name]
    _notify()
    return value
