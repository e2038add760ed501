"""The one comparison key: every category with the chart colour, its word and a plain-English meaning."""

import re

import pytest

from charts.comparison_key import KEY_MARK, category_meaning, compact_key_html, comparison_key_html
from charts.theme import COMPARISON_COLOURS
from metrics.stats.comparison import JUDGED_LABELS, NEUTRAL_LABELS


@pytest.mark.parametrize(("label", "meaning"), [
    ("Significantly better", "better than England and Wales, and very unlikely to be chance"),
    ("Better", "better than England and Wales, and unlikely to be chance"),
    ("Similar", "no clear difference from England and Wales; any difference could be chance"),
    ("Worse", "worse than England and Wales, and unlikely to be chance"),
    ("Significantly lower", "lower than England and Wales, and very unlikely to be chance"),
    ("Not compared", "too few people to compare, or the figure is withheld to protect privacy"),
])
def test_each_category_is_said_in_plain_words(label: str, meaning: str) -> None:
    assert category_meaning(label, "England and Wales") == meaning


def _entries(html: str) -> list[tuple[str, str]]:
    """(fill colour, bold word) of each entry, in order."""
    return re.findall(r"background:(#[0-9A-F]{6});[^>]*>[^<]*</span><span><b>([^<]+)</b>", html)


def test_judged_key_lists_the_five_grades_and_not_compared_in_order_with_the_chart_colours() -> None:
    entries = _entries(comparison_key_html("its region"))
    assert [word for _, word in entries] == list(JUDGED_LABELS)
    assert all(colour == COMPARISON_COLOURS[word] for colour, word in entries)


def test_both_families_share_similar_and_not_compared_once() -> None:
    words = [word for _, word in _entries(comparison_key_html("all providers", families=("judged", "neutral")))]
    assert sorted(words) == sorted(set(JUDGED_LABELS) | set(NEUTRAL_LABELS))
    assert words[-2:] == ["Similar", "Not compared"]


def test_key_is_marked_and_escapes_the_benchmark_name() -> None:
    html = comparison_key_html("Kent, Surrey & Sussex", families=("neutral",))
    assert f'class="{KEY_MARK}"' in html
    assert "Kent, Surrey &amp; Sussex" in html and "Surrey & Sussex" not in html


def test_the_slide_key_keeps_every_word_and_colour_in_two_lines() -> None:
    html = compact_key_html("England and Wales", families=("neutral",))
    words = re.findall(r"background:(#[0-9A-F]{6});[^>]*>[^<]*</span>&nbsp;<b>([^<]+)</b>", html)
    assert [word for _, word in words] == list(NEUTRAL_LABELS)
    assert all(colour == COMPARISON_COLOURS[word] for colour, word in words)
    assert html.count("<br>") == 1 and "significantly higher or lower is very unlikely to be chance" in html
