"""Palette, fonts and number formats shared by every chart.

Colours are the UK Government Analysis Function's accessible categorical palette;
comparison colours follow Fingertips' convention, always paired with a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

import plotly.graph_objects as go

from vocabulary.definitions import CATEGORIES

DARK_BLUE: Final = "#12436D"
TURQUOISE: Final = "#28A197"
DARK_PINK: Final = "#801650"
ORANGE: Final = "#F46A25"
DARK_GREY: Final = "#3D3D3D"
LIGHT_PURPLE: Final = "#A285D1"
CATEGORICAL: Final[tuple[str, ...]] = (
    DARK_BLUE,
    TURQUOISE,
    DARK_PINK,
    ORANGE,
    DARK_GREY,
    LIGHT_PURPLE,
)
CATEGORY_COLOURS: Final[dict[str, str]] = dict(zip(CATEGORIES, CATEGORICAL, strict=True))

TEXT_COLOUR: Final = "#0B0C0C"
GRID_COLOUR: Final = "#D9D9D9"
BACKGROUND: Final = "#FFFFFF"

#: Comparison label -> fill colour. Judged labels: blue better, orange/red worse;
#: neutral labels (no judgement) use blue shades only.
COMPARISON_COLOURS: Final[dict[str, str]] = {
    "Significantly better": "#12436D",
    "Better": "#5694CA",
    "Similar": "#BFBFBF",
    "Worse": "#F4A460",
    "Significantly worse": "#C0392B",
    "Significantly higher": "#12436D",
    "Higher": "#5694CA",
    "Lower": "#A285D1",
    "Significantly lower": "#801650",
    "Not compared": "#FFFFFF",
}

BASE_FONT_PX: Final = 16
TITLE_FONT_PX: Final = 20
#: Presentation mode's chart text. Builders print secondary labels up to 4 px smaller, which
#: must still reach 20 px on a projector.
PRESENTATION_FONT_PX: Final = 24


def apply_theme(figure: go.Figure, *, title: str, font_px: int = BASE_FONT_PX,
                layout: Mapping[str, object] | None = None, xaxes: Mapping[str, object] | None = None,
                yaxes: Mapping[str, object] | None = None) -> go.Figure:
    """Give ``figure`` the house look: title with units, large readable type, light grid; then the
    builder's own finishing touches.

    What the builder has set so far is kept unless the theme sets the same property
    (as ``update_layout`` would), but the layout is built in one go: Plotly's
    update methods took about 9 ms per figure, this about 2 ms. ``layout`` is then laid over
    the themed layout as ``figure.update_layout(layout)`` would lay it, and ``xaxes`` / ``yaxes``
    over every x / y axis as ``update_xaxes`` / ``update_yaxes`` would, still in the one
    assignment (each update call validated the whole layout again). Write them as nested
    dictionaries (``{"title": {"text": ...}}``, not ``title_text``), and set no list of annotations
    or shapes the figure already has (Plotly's update would merge the lists item by item).
    """
    current = figure.layout.to_plotly_json()
    current.pop("template", None)  # the default template is put back when the layout is assigned
    figure.layout = _themed(current, title=title, font_px=font_px, layout=layout, xaxes=xaxes, yaxes=yaxes)
    return figure


def themed_figure(data: Sequence[object], layout: Mapping[str, object] | None = None, *, title: str,
                  font_px: int = BASE_FONT_PX, finish: Mapping[str, object] | None = None,
                  xaxes: Mapping[str, object] | None = None, yaxes: Mapping[str, object] | None = None) -> go.Figure:
    """``apply_theme(go.Figure(data=data, layout=layout), ..., layout=finish, xaxes=..., yaxes=...)`` with the
    figure's layout built and checked once, not twice (about 3 ms a chart).

    ``layout`` must be written as Plotly writes a layout out (nested dictionaries, no ``title_text``
    shorthand, no title given as bare text), as ``apply_theme`` reads the figure's.
    """
    themed = _themed(dict(layout or {}), title=title, font_px=font_px, layout=finish, xaxes=xaxes, yaxes=yaxes)
    return go.Figure(data=list(data), layout=themed)


def _themed(current: dict[str, object], *, title: str, font_px: int, layout: Mapping[str, object] | None,
            xaxes: Mapping[str, object] | None, yaxes: Mapping[str, object] | None) -> dict[str, object]:
    """``current`` (a layout, without its template) with the theme and then ``layout``, ``xaxes`` and
    ``yaxes`` laid over it (see ``apply_theme``)."""
    axes = [name for name in current if _AXIS_NAME.fullmatch(name)] or ["xaxis", "yaxis"]
    theme = _theme_layout(title, font_px)
    # Axis text sizes are set explicitly: Streamlit's chart theme otherwise sizes tick
    # labels at 0.75 of the page's root font, below the size asked for.
    theme.update(dict.fromkeys(axes, _axis_theme(font_px)))
    merged = _merged(current, theme)
    # Subplot titles arrive as annotations fixed at 16 px; none may be smaller than the body text.
    if "annotations" in merged:
        merged["annotations"] = [_at_least(note, font_px) for note in merged["annotations"]]
    if layout:
        merged = _merged(merged, layout)
    for prefix, update in (("xaxis", xaxes), ("yaxis", yaxes)):
        if update:  # as update_xaxes: the first axis, set or not, and every numbered one the layout has
            for name in [prefix, *(key for key in merged if key != prefix and _AXIS_NAME.fullmatch(key)
                                   and key.startswith(prefix))]:
                axis = merged.get(name)
                merged[name] = _merged(axis if isinstance(axis, dict) else {}, update)
    return merged


def _at_least(note: dict[str, object], font_px: int) -> dict[str, object]:
    """An annotation with its font size raised to ``font_px`` when it is set smaller (a copy; else itself)."""
    font = note.get("font", {})
    size = font.get("size")
    if size is not None and size < font_px:
        return {**note, "font": {**font, "size": font_px}}
    return note


_AXIS_NAME: Final = re.compile(r"[xy]axis\d*")


def _theme_layout(title: str, font_px: int) -> dict[str, object]:
    return {
        "title": {"text": title, "font": {"size": font_px + 4}, "x": 0, "xanchor": "left"},
        "font": {"family": "Arial, Helvetica, sans-serif", "size": font_px, "color": TEXT_COLOUR},
        "hoverlabel": {"font": {"size": font_px}},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        # Room on the left for a rotated axis title: automargin alone left it clipped.
        "margin": {"l": 4 * font_px, "r": 10, "t": 60 + font_px, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "font": {"size": font_px},
                   "title": {"font": {"size": font_px}}},
        "colorway": list(CATEGORICAL),
    }


def _axis_theme(font_px: int) -> dict[str, object]:
    return {"gridcolor": GRID_COLOUR, "zerolinecolor": GRID_COLOUR, "automargin": True,
            "tickfont": {"size": font_px}, "title": {"font": {"size": font_px}}}


def _merged(base: Mapping[str, object], overrides: Mapping[str, object]) -> dict[str, object]:
    """``base`` with ``overrides`` laid over it, nested dictionaries merged key by key."""
    merged = dict(base)
    for key, value in overrides.items():
        current = merged.get(key)
        merged[key] = _merged(current, value) if isinstance(current, dict) and isinstance(value, dict) else value
    return merged
