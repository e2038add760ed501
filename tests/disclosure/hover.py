"""Figures read out of free text: hover labels, chart text, sentences on the page.

Hover text is split at ``<br>`` into lines; "Label: value" gives a figure named
Label, "a of b noun" a numerator and a denominator, "<5 referrals" a figure
named by its noun. In prose every number is read with the words after it, so
"**12** of the 30 people waiting" gives two counts and "(**40.0%**)" a percentage.
"""

from __future__ import annotations

import html
import re
from typing import Final

from tests.disclosure.kinds import kind_of
from tests.disclosure.shown import COUNT, PERCENT, Shown, read

_TAGS: Final = re.compile(r"<[^>]+>")
#: "fewer than 10 people", "at least 5": a threshold, not a figure.
_THRESHOLD: Final = re.compile(r"(fewer than|less than|under|at least|more than|over|below|above)\s*$", re.IGNORECASE)
_MONTHS: Final = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_AFTER: Final = re.compile(rf"\s+({_MONTHS}|{'|'.join(m[:3] for m in _MONTHS.split('|'))})\b")
_MONTH_BEFORE: Final = re.compile(rf"\b({_MONTHS}|{'|'.join(m[:3] for m in _MONTHS.split('|'))})\s+$")
_DIGITS: Final = re.compile(r"\d[\d,.]*")
_PAIR: Final = re.compile(r"^(?P<label>[^:<>]{2,80}):\s*(?P<value><5|[−-]?\d[\d,]*(?:\.\d+)?%?)(?P<rest>.*)$")
_OF: Final = re.compile(r"^(?P<a><5|\d[\d,]*) of (?P<b><5|\d[\d,]*)\s*(?P<noun>[A-Za-z][A-Za-z ]*)?$")
_NOUNED: Final = re.compile(r"^(?P<value><5|about \d[\d,]*|\d[\d,]*)\s+(?P<noun>[a-z][a-z ]+)$")
#: A number in prose; ranges such as "1–4" and "0–4 weeks" are skipped.
_PROSE_NUMBER: Final = re.compile(r"(?<![\w.–-])(?P<value>fewer than 5|<5|\d[\d,]*(?:\.\d+)?%?)(?![\w–-])")
#: "12 of the 30 people": the first number is also of people.
_OF_THE: Final = re.compile(r"^\s*of (the )?(<5|\d[\d,]*)\s+")
_WORDS: Final = re.compile(r"[\w()'-]+")
_DURATION: Final = re.compile(r"^\s*(days?|weeks?|months?|years?)\b", re.IGNORECASE)


def _is_date_or_legend(before: str, after: str) -> bool:
    """A day or year of a date ("31 October 2025"), or a key such as "<5: fewer than 5 people"."""
    return bool(_MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before) or after.startswith(":"))


def plain(text: str) -> str:
    """``text`` without HTML tags or entities."""
    return html.unescape(_TAGS.sub("", text)).strip()


def _figure(label: str, value: str) -> Shown | None:
    kind = PERCENT if value.endswith("%") else kind_of(label)
    return read(kind, value.removesuffix("%") if kind == PERCENT and not value.endswith("%") else value)


def hover_figures(text: str) -> list[tuple[str, Shown]]:
    """(label, figure) for each figure in a hover or chart text."""
    found = []
    for line in (plain(part) for part in re.split(r"<br\s*/?>", text)):
        pair, of, nouned = _PAIR.match(line), _OF.match(line), _NOUNED.match(line)
        if pair:
            value, rest = pair.group("value"), pair.group("rest").strip()
            figure = _figure(f"{pair.group('label')} {rest}".strip(), value)
            if figure is not None:  # "Waited 0–4 weeks" and "Waited 4–8 weeks" are one column
                found.append((_DIGITS.sub("#", pair.group("label").strip()), figure))
        elif of:
            noun = (of.group("noun") or "").strip() or "people"
            for part, name in (("a", f"{noun} (numerator)"), ("b", f"{noun} (denominator)")):
                figure = read(COUNT, of.group(part))
                if figure is not None:
                    found.append((name, figure))
        elif nouned and kind_of(nouned.group("noun")) == COUNT:
            figure = read(COUNT, nouned.group("value"))
            if figure is not None:
                found.append((nouned.group("noun").strip(), figure))
    return found


def first_line(text: str) -> str:
    """The first line of a hover text: usually the name of what the point is."""
    return plain(re.split(r"<br\s*/?>", text)[0])


def prose_figures(text: str) -> list[tuple[str, Shown]]:
    """(name, figure) for each count or percentage in a sentence; the name is the words after it."""
    text = text.replace("**", "")
    found = []
    for match in _PROSE_NUMBER.finditer(text):
        value, before, after = match.group("value"), text[:match.start()], text[match.end():match.end() + 100]
        threshold = _THRESHOLD.search(before) and value != "fewer than 5"
        if threshold or _is_date_or_legend(before, after) or before.rstrip().endswith(":"):
            continue
        words = " ".join(_WORDS.findall(_OF_THE.sub("", after.lstrip(") ")))[:5])
        if _DURATION.match(after):  # "the 13 weeks", "over 52 weeks": a length of time, not people
            continue
        if value.endswith("%"):
            figure = read(PERCENT, value)
        else:
            figure = read(COUNT, "<5" if value == "fewer than 5" else value) if kind_of(words) == COUNT else None
        if figure is not None:
            found.append((f"# {_DIGITS.sub('#', ' '.join(_WORDS.findall(after)[:6]))}".strip(), figure))
    return found
