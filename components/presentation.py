"""Presentation mode: one screen read from across a room.

Switched on by the sidebar toggle or ``?present=1`` and kept, like the filters,
for the whole session and in every page's URL. In presentation mode the sidebar
collapses and shows the filters in words instead of its widgets, every page opens
with a one-line strip stating the scope, type is large (body 22 px, headline
figures 56 px, chart text ``chart_font_px()``), headline figures wrap three to a
row, and Previous / Next links step through the pages in navigation order.
"""

from __future__ import annotations

import streamlit as st

from charts.theme import BASE_FONT_PX, PRESENTATION_FONT_PX
from components.navigation import neighbours
from components.url_state import add_notice, bind, initial_params

PRESENT_KEY = "shared_present"
URL_KEY = "present"
#: Headline figures per row in presentation mode: 56 px numbers fit three across at 1280 px.
KPIS_PER_ROW = 3

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")

# Sizes in px. Streamlit sizes text in rem, so the root size scales body text, labels
# and widgets together; headline figures and headings get explicit sizes.
_PRESENTATION_CSS = """
<style>
html { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stAlertContentInfo"] p { font-size: 22px !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 56px !important; line-height: 1.15; }
[data-testid="stMetricLabel"] p { font-size: 22px !important; }
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
h1 { font-size: 44px !important; padding-top: 0.2rem !important; }
.block-container { padding-top: 4rem !important; }
.st-key-scope_strip { background: #12436D; padding: 0.3rem 0.8rem; border-radius: 0.3rem; }
.st-key-scope_strip p { color: #FFFFFF; font-size: 24px !important; margin: 0; line-height: 1.4; }
.st-key-scope_strip [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
</style>
"""


def _parse(raw: str) -> bool:
    if raw.lower() in _TRUE:
        return True
    if raw.lower() not in _FALSE:
        add_notice(f"Ignored '{URL_KEY}={raw}' from the link: use present=1 for presentation mode.")
    return False


def is_presenting() -> bool:
    """Whether this session is in presentation mode (read from the link on first use)."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = _parse(initial_params().get(URL_KEY, ""))
    return bool(st.session_state[PRESENT_KEY])


def forget() -> None:
    """Forget the setting, so the next run reads it from the link again (opening a saved view)."""
    for key in (PRESENT_KEY, f"w_{PRESENT_KEY}"):
        st.session_state.pop(key, None)


def font_px(presenting: bool) -> int:
    """Font size for chart text in or out of presentation mode (for replayed sections, which get the mode)."""
    return PRESENTATION_FONT_PX if presenting else BASE_FONT_PX


def chart_font_px() -> int:
    """Font size for chart text in this session: pass it as ``font_px`` to every ``*_figure`` builder."""
    return font_px(is_presenting())


def url_params() -> dict[str, str]:
    """The presentation setting as URL parameters (nothing when off)."""
    return {URL_KEY: "1"} if is_presenting() else {}


def mode_toggle() -> bool:
    """Draw the presentation toggle (call inside the sidebar); returns whether presenting.

    When presenting, the sidebar is asked to collapse and the large-type styles apply.
    """
    is_presenting()
    st.toggle(
        "Presentation mode",
        help="Large type for a room, scope stated at the top, Previous / Next page buttons. "
        "Adds present=1 to the link.",
        **bind(PRESENT_KEY),
    )
    presenting = bool(st.session_state[PRESENT_KEY])
    if presenting:
        st.set_page_config(initial_sidebar_state="collapsed")
        st.html(_PRESENTATION_CSS)
    return presenting


def scope_strip(scope: str) -> None:
    """The one-line scope strip, then Previous / Next page links (left and right)."""
    before, after = neighbours()
    with st.container(key="scope_strip"):
        st.markdown(f"**{scope}**")
    back, _, forward = st.columns([3, 1, 3], vertical_alignment="center")
    with back:
        if before is not None:
            st.page_link(before, label=f"Previous: {before.title}", icon=":material/arrow_back:")
    with forward:
        if after is not None:
            st.page_link(after, label=f"Next: {after.title}", icon=":material/arrow_forward:")
