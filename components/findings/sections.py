"""The Key findings page's sections: the numbered list, one finding per slide in presentation mode,
and what to do when the scope is too small for any finding to pass the gate."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.blocks import chart, short_definition
from components.findings.charts import finding_figure, finding_note
from components.findings.headline import markdown_text
from components.findings.links import PAGE_TITLES, finding_link
from components.findings.topics import key_findings
from components.presentation import SLIDE_CHART_PX, font_px
from components.replay import replayed
from components.url_state import page_setting
from metrics.findings.model import TOPICS, Finding
from vocabulary.scope import Filters

#: Every definition the page shows (headings of docs/definitions.md).
FINDINGS_DEFINITIONS = (*TOPICS.values(), "Key findings: gate and ranking", "Disclosure control")
_FINDING = "page_finding"


def widen_advice(filters: Filters) -> str:
    """How to widen the scope so that findings can pass the gate, in words."""
    steps = []
    if filters.pdus:
        steps.append("choose the PDU's region instead of the PDU")
    elif filters.regions:
        steps.append("add regions, or clear the region filter for England and Wales")
    if filters.restricts_people:
        steps.append("clear the people filters")
    if filters.needs or filters.interventions or filters.categories:
        steps.append("clear the need, category or intervention filters")
    steps.append("lengthen the period")
    return "; ".join(steps)


def too_small(filters: Filters) -> None:
    """Say that no finding passes the gate for the filters, and how to widen them."""
    st.info("**No finding passes the significance gate for this scope.** With this few people no need, "
            "subgroup or PDU differs from its benchmark by more than chance would explain (outside the 99.8% "
            f"interval), and the waiting list is too short to describe. To see findings, {widen_advice(filters)}.",
            icon="ℹ️")


def _since(since: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, dt.date | None]:
    return since if since is not None else (None, None)


@replayed
def _numbered(filters: Filters, since_start: dt.date | None, since_end: dt.date | None) -> None:
    findings = key_findings(filters, since_start, since_end)
    if not findings:
        too_small(filters)
        return
    for number, finding in enumerate(findings, start=1):
        with st.container(border=True, key=f"finding_{number}"):
            figure, words = st.columns([1, 16])
            figure.markdown(f"### {number}")
            words.markdown(markdown_text(finding.sentence), help=short_definition(finding.rule))
            words.link_button(f"Open {PAGE_TITLES[finding.page]}", finding_link(finding, filters),
                              icon=":material/open_in_new:")


def findings_list(filters: Filters, since: tuple[dt.date, dt.date] | None) -> None:
    """The key findings for the filters, numbered, each with its rule as help and a link to its view."""
    _numbered(filters, *_since(since))


def _finding_number(raw: str) -> int:
    number = int(raw)
    if number < 1:
        raise ValueError(raw)
    return number


def _step(by: int, count: int) -> None:
    st.session_state[_FINDING] = min(max(int(st.session_state.get(_FINDING, 1)) + by, 1), count)


@replayed
def _slide(filters: Filters, since_start: dt.date | None, since_end: dt.date | None, number: int) -> None:
    finding = key_findings(filters, since_start, since_end)[number - 1]
    figure = finding_figure(finding, filters, font_px=font_px(True))
    if figure is not None:
        chart(figure.update_layout(height=SLIDE_CHART_PX), key="finding_chart")
    if note := finding_note(finding, filters):
        st.markdown(markdown_text(note))
    st.link_button(f"Open {PAGE_TITLES[finding.page]}", finding_link(finding, filters, presenting=True),
                   icon=":material/open_in_new:")


def _slide_sentence(finding: Finding) -> None:
    with st.container(key="slide_sentence"):
        st.markdown(markdown_text(finding.sentence))


def finding_slides(slot: DeltaGenerator, filters: Filters, since: tuple[dt.date, dt.date] | None) -> None:
    """Presentation mode: one finding per screen with its chart; Previous / Next (or ← →) step through them.

    The finding shown is kept in the link as ``finding`` (1 = the first).
    """
    findings = key_findings(filters, *_since(since))
    if not findings:
        too_small(filters)
        return
    number = min(page_setting("finding", 1, parse=_finding_number), len(findings))
    st.session_state[_FINDING] = number
    with slot.container():  # the slot page_header left under the title
        back, counter, forward = st.columns([2, 1, 2], vertical_alignment="center")
        counter.markdown(f"**Finding {number} / {len(findings)}**", text_alignment="center")
        back.button("Previous finding", key="finding_previous", icon=":material/arrow_back:", shortcut="Left",
                    on_click=_step, args=(-1, len(findings)), disabled=number == 1, width="stretch")
        forward.button("Next finding", key="finding_next", icon=":material/arrow_forward:", shortcut="Right",
                       on_click=_step, args=(1, len(findings)), disabled=number == len(findings), width="stretch")
        _slide_sentence(findings[number - 1])
    _slide(filters, *_since(since), number)
