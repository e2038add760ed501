"""The meeting pack's first section: the key findings for the filters in force, each with its link."""

from __future__ import annotations

import streamlit as st

from charts.pack.html import PackFinding, PackSection
from components import site
from components.findings.links import PAGE_TITLES, app_root, finding_link
from components.findings.period import since_in_force
from components.findings.sections import FINDINGS_DEFINITIONS, widen_advice
from components.findings.topics import key_findings, since_words
from components.pack.common import definitions_of, page_setting_in_force
from vocabulary.scope import Filters


def findings_section(filters: Filters) -> PackSection:
    """Key findings: the numbered sentences as the page lists them, with the comparison period in force."""
    since = since_in_force(filters, (page_setting_in_force("since_from", None), page_setting_in_force("since_to", None)))
    findings = key_findings(filters, *(since or (None, None)))
    root = site.public_url() or app_root(st.context.url)  # the pack is read away from the browser
    settings = [f"What changed is measured against {since_words(*since)}"] if since else []
    notes = [] if findings else [f"No finding passes the significance gate for this scope. To see findings, "
                                 f"{widen_advice(filters)}."]
    return PackSection(
        "Key findings",
        settings=settings,
        findings=[PackFinding(item.sentence, f"Open {PAGE_TITLES[item.page]}", finding_link(item, filters, root=root))
                  for item in findings],
        notes=notes,
        definitions=definitions_of(FINDINGS_DEFINITIONS),
    )
