"""Colour contrast: the formula against published values, then every text colour the app uses."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from charts.accessibility import (
    COMPARISON_TEXT_COLOURS,
    MIN_TEXT_CONTRAST,
    WHITE,
    comparison_cell_style,
    contrast_ratio,
    relative_luminance,
    text_colour_on,
)
from charts.theme import BACKGROUND, COMPARISON_COLOURS, DARK_BLUE, TEXT_COLOUR

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),  # the maximum, by definition
        ("#FFFFFF", "#FFFFFF", 1.0),  # the minimum
        ("#767676", "#FFFFFF", 4.54),  # WebAIM: the lightest grey that passes AA on white
        ("#777777", "#FFFFFF", 4.48),  # WebAIM: one step lighter fails
        ("#0000FF", "#FFFFFF", 8.59),  # WebAIM contrast checker, pure blue on white
    ],
)
def test_contrast_ratio_matches_published_values(foreground, background, expected):
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(expected, abs=0.01)


def test_luminance_of_mid_grey_by_hand():
    # #808080: 128/255 = 0.50196 -> ((0.50196 + 0.055) / 1.055) ** 2.4 = 0.21586, same in every channel.
    assert relative_luminance("#808080") == pytest.approx(0.21586, abs=1e-5)
    with pytest.raises(ValueError, match="#RRGGBB"):
        relative_luminance("#FFF")


def test_theme_text_colours_reach_the_minimum():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    pairs = {
        "text on background": (theme["textColor"], theme["backgroundColor"]),
        "text on panels": (theme["textColor"], theme["secondaryBackgroundColor"]),
        "links and buttons": (theme["primaryColor"], theme["backgroundColor"]),
        "chart text": (TEXT_COLOUR, BACKGROUND),
        "scope strip and pack headings": (WHITE, DARK_BLUE),
    }
    low = {name: round(contrast_ratio(*pair), 2) for name, pair in pairs.items()
           if contrast_ratio(*pair) < MIN_TEXT_CONTRAST}
    assert low == {}


@pytest.mark.parametrize("label", sorted(COMPARISON_COLOURS))
def test_every_comparison_label_is_readable_on_its_colour(label):
    fill = COMPARISON_COLOURS[label]
    assert contrast_ratio(COMPARISON_TEXT_COLOURS[label], fill) >= MIN_TEXT_CONTRAST


def test_dark_fills_get_white_text_and_light_fills_dark_text():
    assert text_colour_on("#12436D") == WHITE
    assert text_colour_on("#C0392B") == WHITE  # house text on this red would be 3.4:1
    assert text_colour_on("#F4A460") == TEXT_COLOUR
    assert comparison_cell_style("Significantly worse") == "background-color: #C0392B; color: #FFFFFF"
    assert comparison_cell_style("not a label") == ""
