"""The one key to the comparison categories: each category's colour, its word and what it means in plain
English, the same on every page (and in the meeting pack).

The words say how unlikely a difference is to be chance: outside a unit's 95% interval
"unlikely" (about 1 in 20 by chance), outside its 99.8% interval "very unlikely" (about
1 in 500). Colours are ``charts.theme.COMPARISON_COLOURS``, the ones the charts use.
"""

from __future__ import annotations

from html import escape
from typing import Final, Literal

from charts.accessibility import text_colour_on
from charts.theme import COMPARISON_COLOURS, TEXT_COLOUR
from metrics.stats.comparison import JUDGED_LABELS, NEUTRAL_LABELS, NOT_COMPARED, SIMILAR

Family = Literal["judged", "neutral"]
#: The marker printed on a higher/lower swatch, as in the sufficiency matrix's cells. Better/worse get
#: none: "better" is a lower value for a measure where low is good, so an arrow would mislead.
SYMBOLS: Final[dict[str, str]] = {
    "Significantly higher": "▲▲", "Higher": "▲", "Lower": "▼", "Significantly lower": "▼▼",
}
#: Marks the key's HTML, so that tests can count the keys on a page.
KEY_MARK: Final = "comparison-key"


def category_meaning(label: str, benchmark_name: str) -> str:
    """What ``label`` means against ``benchmark_name``, in plain English.

    >>> category_meaning("Significantly better", "England and Wales")
    'better than England and Wales, and very unlikely to be chance'
    """
    if label == SIMILAR:
        return f"no clear difference from {benchmark_name}; any difference could be chance"
    if label == NOT_COMPARED:
        return "too few people to compare, or the figure is withheld to protect privacy"
    word = label.removeprefix("Significantly ").lower()
    likely = "very unlikely" if label.startswith("Significantly") else "unlikely"
    return f"{word} than {benchmark_name}, and {likely} to be chance"


def key_labels(family: Family) -> tuple[str, ...]:
    """The categories of one family, best (or highest) first, "Not compared" last."""
    return JUDGED_LABELS if family == "judged" else NEUTRAL_LABELS


def _ordered(families: tuple[Family, ...]) -> list[str]:
    """The families' categories: one family in its own order ("Similar" in the middle); several with the
    shared "Similar" and "Not compared" once, last."""
    if len(families) == 1:
        return list(key_labels(families[0]))
    labels = list(dict.fromkeys(label for family in families for label in key_labels(family)))
    return [label for label in labels if label not in (SIMILAR, NOT_COMPARED)] + [SIMILAR, NOT_COMPARED]


def _swatch(label: str) -> str:
    fill = COMPARISON_COLOURS[label]
    return (f'<span style="display:inline-block;min-width:2.1em;height:1.3em;line-height:1.3em;text-align:center;'
            f'background:{fill};color:{text_colour_on(fill)};border:1px solid {TEXT_COLOUR};'
            f'font-size:0.8em;vertical-align:-0.2em">{SYMBOLS.get(label, "")}</span>')


def comparison_key_html(benchmark_name: str, *, families: tuple[Family, ...] = ("judged",),
                        note: str = "") -> str:
    """The key as one block of HTML: for each category a swatch, its word in bold and its meaning.

    Args:
        benchmark_name: what units are compared with ("England and Wales", "their region", "all providers").
        families: "judged" (better/worse: the measure has a good direction) and/or "neutral"
            (higher/lower: no judgement). Both: the shared "Similar" and "Not compared" once.
        note: a line under the entries (e.g. what the whiskers or the black tick are).
    """
    labels = _ordered(families)
    name = escape(benchmark_name)
    entries = "".join(
        f'<div style="display:flex;gap:0.5em;align-items:baseline">{_swatch(label)}'
        f'<span><b>{escape(label)}</b>: {escape(category_meaning(label, benchmark_name))}</span></div>'
        for label in labels)
    footer = f'<div style="margin-top:0.3em">{note}</div>' if note else ""
    return (f'<div class="{KEY_MARK}" role="note" aria-label="Key to the comparison colours" '
            f'style="font-size:0.95rem;line-height:1.45;border-left:4px solid {TEXT_COLOUR};padding:0.3em 0.8em">'
            f'<div style="font-weight:bold;margin-bottom:0.2em">Key: compared with {name}</div>'
            f'<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:0.15em 1.5em">'
            f'{entries}</div>{footer}</div>')


def compact_key_html(benchmark_name: str, *, families: tuple[Family, ...] = ("judged",)) -> str:
    """The key for a slide, where room is short: the swatches and words on one line, then the meanings
    in one sentence per level ("Significantly …: very unlikely to be chance", …)."""
    labels = _ordered(families)
    swatches = " &nbsp; ".join(f"{_swatch(label)}&nbsp;<b>{escape(label)}</b>" for label in labels)
    name = escape(benchmark_name)
    words = " or ".join("better or worse" if family == "judged" else "higher or lower" for family in families)
    meaning = (f"Compared with {name}: significantly {words} is very unlikely to be chance; {words} is "
               "unlikely to be chance; similar could be chance; not compared: too few people or withheld.")
    return (f'<div class="{KEY_MARK}" role="note" aria-label="Key to the comparison colours" '
            f'style="line-height:1.5">{swatches}<br>{meaning}</div>')
