"""Which figures are counts of people (or their records), which are percentages, and which are neither,
read from the words the user sees beside them: a column heading, an axis title, a hover label, a
headline figure's label, the words after a number in a sentence.
"""

from __future__ import annotations

import re
from typing import Final

from tests.disclosure.shown import COUNT, OTHER, PERCENT

#: Words that make a figure something other than a count of people, checked first:
#: waits and times, rates, averages, model projections, capacity, and counts of services or areas.
NOT_PEOPLE: Final = re.compile(
    r"\(weeks\)|\(days\)|\bweeks?\)|\b(?:weeks|days) since\b|\bmedian\b|percentile|\bmean\b|average|clearance|\btime\b"
    r"|per month|per 100|per week|a month|\brate\b|\bratio\b|projected|projection"
    r"|\bplaces?\b|capacity|interventions?\b|providers?\b|\bpdus?\b|\bregions?\b|needs with no"
    r"|\bgroups\b|\btables?\b|\brows\b|\bscore\b|\blimits?\b|benchmark|\bcentre\b",
    re.IGNORECASE,
)
PERCENT_WORDS: Final = re.compile(r"%|\bpercent\b|\bshare\b|\bproportion\b", re.IGNORECASE)
#: Words naming people or their records (referrals, need records, starts, the list).
PEOPLE: Final = re.compile(
    r"\bpeople\b|\bpersons?\b|referrals?\b|referred\b|\bstarts?\b|\bstarted\b|completions?\b|completed\b"
    r"|\bwaiting\b|\bremovals?\b|\bremoved\b|additions?\b|need records?|needs identified|\bjudged\b"
    r"|\bcount\b|\bnumber of\b|\bat risk\b|\bleft\b|\bcohort\b|with a sentence|\bsufficient\b"
    r"|\bneed records\b|\bin the period\b",
    re.IGNORECASE,
)
#: A count of weeks waited ("Waiting over 52 weeks") is still a count of people.
_WEEKS_IN_A_NAME: Final = re.compile(r"\d+ weeks|\bwithin \d+|\d+–\d+ weeks", re.IGNORECASE)


def kind_of(label: str | None) -> str:
    """COUNT, PERCENT or OTHER for a figure labelled ``label``."""
    if not label:
        return OTHER
    text = _WEEKS_IN_A_NAME.sub("", label)
    if PERCENT_WORDS.search(text):
        return PERCENT
    if NOT_PEOPLE.search(text):
        return OTHER
    return COUNT if PEOPLE.search(text) else OTHER
