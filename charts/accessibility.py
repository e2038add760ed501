"""Colour contrast (WCAG 2.x) and the text colour to print on a coloured fill.

Text must reach a contrast ratio of at least 4.5:1 with what it sits on. The
comparison colours are fills that carry their label as text (table cells, bar
labels), so each gets the text colour with the higher contrast.
"""

from __future__ import annotations

from typing import Final

from charts.theme import COMPARISON_COLOURS, TEXT_COLOUR

MIN_TEXT_CONTRAST: Final = 4.5
WHITE: Final = "#FFFFFF"


def _channel(value_8bit: int) -> float:
    value = value_8bit / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a "#RRGGBB" colour: 0 for black, 1 for white."""
    code = colour.lstrip("#")
    if len(code) != 6:
        raise ValueError(f"Expected a colour as #RRGGBB, got {colour!r}")
    red, green, blue = (_channel(int(code[index:index + 2], 16)) for index in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """The house text colour or white, whichever contrasts more with ``fill``."""
    return max((TEXT_COLOUR, WHITE), key=lambda text: contrast_ratio(text, fill))


#: Comparison label -> the colour of text printed on its fill.
COMPARISON_TEXT_COLOURS: Final[dict[str, str]] = {
    label: text_colour_on(fill) for label, fill in COMPARISON_COLOURS.items()
}


def comparison_cell_style(label: object) -> str:
    """CSS for a table cell holding a comparison label: its fill and readable text (empty if not a label)."""
    fill = COMPARISON_COLOURS.get(str(label))
    if fill is None:
        return ""
    return f"background-color: {fill}; color: {COMPARISON_TEXT_COLOURS[str(label)]}"
