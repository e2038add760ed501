"""Which findings make the list, and in what order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from metrics.findings.model import TOPICS, Finding

#: The most findings listed.
MAX_FINDINGS: Final = 8


def _order(finding: Finding) -> tuple[int, int, str]:
    """Most important first; ties by topic order, then alphabetically by sentence (a stable, stated order)."""
    return -finding.importance, list(TOPICS).index(finding.topic), finding.sentence


def ranked(findings: Iterable[Finding], *, limit: int = MAX_FINDINGS) -> list[Finding]:
    """The key findings, most important first.

    Every topic with a finding contributes its most important one, so that one topic with many
    people cannot crowd out the others; the remaining places, up to ``limit``, go to the next most
    important findings of any topic. The list is then ordered by importance (people affected ×
    strength of evidence), ties by topic order and sentence.
    """
    ordered = sorted(findings, key=_order)
    leaders: dict[str, Finding] = {}
    for finding in ordered:
        leaders.setdefault(finding.topic, finding)
    chosen = sorted(leaders.values(), key=_order)[:limit]
    chosen += [finding for finding in ordered if finding not in chosen][: limit - len(chosen)]
    return sorted(chosen, key=_order)
