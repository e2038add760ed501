"""A key finding: one sentence, what it is about, how much it matters and where to see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Topics in the order a tie is broken (earlier first); the names of the rules in docs/definitions.md.
TOPICS: Final[dict[str, str]] = {
    "need": "Least-met need",
    "gap": "Largest gap in a PDU",
    "subgroup": "Subgroup furthest below",
    "waits": "Programme waits against the target",
    "pdus": "PDUs significantly worse than their benchmark",
    "demand": "Referrals above places",
    "change": "What changed since",
}
#: Strength of evidence: a comparison outside the 99.8% limits (or a trend significant at 99.8%).
TESTED: Final = 2
#: Strength of evidence: a fact about the whole list, or a page's rule with a margin, not a test.
DESCRIBED: Final = 1


@dataclass(frozen=True)
class Finding:
    """One key finding.

    Attributes:
        topic: a key of ``TOPICS``.
        sentence: the finding in plain English; every number already disclosure-controlled.
        people_count: people it concerns, for ranking (exact; never shown as it is).
        evidence: ``TESTED`` or ``DESCRIBED``.
        page: the page that shows it: "sufficiency", "waiting", "comparison" or "landscape".
        narrow: filters to add to the scope's for the link, as (Filters field, codes).
        settings: the page's settings for the link, as (setting name, value).
        subject: what the chart is drawn for (e.g. a need code, or a PDU and a need).
    """

    topic: str
    sentence: str
    people_count: int
    evidence: int
    page: str
    narrow: tuple[tuple[str, tuple[str, ...]], ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    subject: tuple[str, ...] = ()

    @property
    def importance(self) -> int:
        """People affected × strength of evidence: what the findings are ranked by."""
        return max(self.people_count, 0) * self.evidence

    @property
    def rule(self) -> str:
        """The heading in docs/definitions.md that defines this finding's rule."""
        return TOPICS[self.topic]
