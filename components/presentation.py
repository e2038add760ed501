"""Presentation mode: one screen read from across a room.

Switched on by the sidebar toggle or ``?present=1`` and kept, like the filters,
for the whole session and in every page's URL. In presentation mode every page opens
as a slide that fits a meeting-room screen: a one-line strip stating the scope (and,
for synthetic data, saying so), the title with Previous / Next links, the page's top
key finding in one sentence, the headline figures and the main chart. What a room does
not read is left out: the lead paragraph, footnotes and captions, the "?" help icons;
the page's own controls move to the sidebar, which collapses and shows the filters in
words. Type is large (body 22 px, headline figures 56 px, chart text ``chart_font_px()``)
and headline figures flow as many to a row as the screen holds.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from charts.theme import BASE_FONT_PX, PRESENTATION_FONT_PX
from components.navigation import neighbours
from components.url_state import add_notice, bind, initial_params

PRESENT_KEY = "shared_present"
URL_KEY = "present"
#: Width of a headline figure's card in presentation mode: six to a row at 1920 px (at 1280 px the
#: styles make them 188 px wide, their figures 48 px and the margins narrower, so six fit there too).
KPI_WIDTH_PX = 250
#: Height of a page's main chart on a slide: it fits under the headline figures at 1920 × 1080.
SLIDE_CHART_PX = 500
_CONTROLS_KEY = "_presentation_controls"

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
h1 { font-size: 44px !important; padding: 0 !important; }
.block-container { padding: 4rem 3rem 6rem !important; }
.st-key-scope_strip { background: #12436D; padding: 0.3rem 0.8rem; border-radius: 0.3rem; }
.st-key-scope_strip p { color: #FFFFFF; font-size: 24px !important; margin: 0; line-height: 1.4; }
.st-key-scope_strip [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
.st-key-slide_sentence p { font-size: 26px !important; font-weight: 600; line-height: 1.3; }
[class*="st-key-slide_kpis"] [data-testid="stMetric"] { padding: 0.3rem 0.6rem !important; }
[class*="st-key-slide_kpis"] [data-testid="stMetric"] > div { padding: 0 !important; }
[class*="st-key-slide_kpis"] [data-testid="stMetricDelta"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; word-break: normal !important; overflow-wrap: normal !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.7rem; }
/* A 1280-pixel screen: six figures to a row, a little smaller, so the chart starts on the first screen. */
@media (max-width: 1600px) {
  .block-container { padding-left: 2rem !important; padding-right: 2rem !important; }
  [class*="st-key-slide_kpis"] { gap: 0.5rem !important; }
  [class*="st-key-slide_kpis"] > [data-testid="stElementContainer"] { width: 188px !important; flex: 0 0 188px !important; }
  [class*="st-key-slide_kpis"] [data-testid="stMetric"] { padding: 0.3rem 0.4rem !important; }
  [class*="st-key-slide_kpis"] [data-testid="stMetricValue"],
  [class*="st-key-slide_kpis"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 48px !important; }
  [class*="st-key-slide_kpis"] [data-testid="stMetricLabel"] p { font-size: 19px !important; line-height: 1.2; }
  [class*="st-key-slide_kpis"] [data-testid="stMetricDelta"] { font-size: 16px !important; background: none !important;
    padding: 0 !important; }
  .st-key-slide_sentence p { font-size: 23px !important; }
}
/* Footnotes and captions are for the reader at a desk, not the room. */
[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]) { display: none; }
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


def fit_to_slide(figure: go.Figure, presenting: bool) -> go.Figure:
    """On a slide, the page's main chart at the height that fits under the headline figures (a figure
    built for this drawing only: shared figures are built at that height instead)."""
    if presenting:
        figure.update_layout(height=SLIDE_CHART_PX)
    return figure


def scope_strip(scope: str, *, synthetic: bool) -> None:
    """The one-line scope strip (with the synthetic-data notice in it where it applies)."""
    with st.container(key="scope_strip"):
        notice = " · *Synthetic sample data: no real people or services*" if synthetic else ""
        st.markdown(f"**{scope}**{notice}")


def slide_title(title: str) -> None:
    """The page title with the Previous / Next page links beside it."""
    before, after = neighbours()
    heading, back, forward = st.columns([4, 3, 3], vertical_alignment="center")
    with heading:
        st.title(title)
    with back:
        if before is not None:
            st.page_link(before, label=f"Previous: {before.title}", icon=":material/arrow_back:")
    with forward:
        if after is not None:
            st.page_link(after, label=f"Next: {after.title}", icon=":material/arrow_forward:")


def page_controls(spec: int | list[int]) -> list[DeltaGenerator]:
    """Where a page draws its own controls: side by side on the page (``st.columns(spec)``), or, in
    presentation mode, one under another in the sidebar under "Page settings" (still reachable there)."""
    count = spec if isinstance(spec, int) else len(spec)
    if not is_presenting():
        return list(st.columns(spec))
    box = st.session_state.get(_CONTROLS_KEY)
    if box is None:
        box = st.sidebar.container()
        box.markdown("### Page settings")
        st.session_state[_CONTROLS_KEY] = box
    return [box] * count


def forget_controls() -> None:
    """Start a run with no "Page settings" heading drawn yet (the sidebar calls this first)."""
    st.session_state.pop(_CONTROLS_KEY, None)
