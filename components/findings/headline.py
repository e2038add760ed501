"""A slide's headline sentence: the page's top key finding, under the title in presentation mode."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.findings.period import default_since
from components.findings.topics import key_findings, page_finding
from components.replay import replayed
from metrics.findings.model import Finding
from vocabulary.scope import Filters

#: What a slide says when its page has no finding, by page (``slide_sentence``).
NO_FINDING = {
    "overview": "No finding passes the significance gate for this scope: see Key findings for how to widen it.",
    "sufficiency": "No need, subgroup or PDU × need is significantly below its benchmark for these filters (99.8% level).",
    "waiting": "Too few people are waiting for accredited programmes in this scope to describe the list.",
    "comparison": "No PDU selected is significantly worse than its benchmark on any indicator (99.8% level).",
    "landscape": "Referrals do not exceed places by more than the margin anywhere selected, or no places are loaded.",
}


def markdown_text(sentence: str) -> str:
    """A sentence safe to show as markdown (names and figures are never read as formatting)."""
    for character in ("\\", "*", "_", "$", "#", "[", "]"):
        sentence = sentence.replace(character, f"\\{character}")
    return sentence


def top_finding(filters: Filters) -> Finding | None:
    """The first of the key findings (with the default comparison period), as the Key findings page lists them."""
    since = default_since(filters) or (None, None)
    found = key_findings(filters, *since)
    return found[0] if found else None


@replayed
def _sentence(filters: Filters, page: str) -> None:
    finding = top_finding(filters) if page == "overview" else page_finding(filters, page)
    st.markdown(markdown_text(finding.sentence) if finding else NO_FINDING[page])


def slide_sentence(slot: DeltaGenerator | None, filters: Filters, page: str) -> None:
    """Fill the slot ``page_header`` left under the title with the page's top finding (presentation mode only).

    ``page``: "overview" for the first of all key findings, else a page of ``topics.PAGE_TOPICS``.
    Pages call it after drawing their figures and chart, so those do not wait for the findings.
    """
    if slot is None:
        return
    with slot.container(key="slide_sentence"):
        _sentence(filters, page)
