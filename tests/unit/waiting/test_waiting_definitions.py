"""Every figure the Waiting times page shows has its definition in docs/definitions.md."""

from __future__ import annotations

from components.waiting.page import WAITING_DEFINITIONS
from data_access.definitions_doc import read_definitions
from metrics.waiting.kpis import HEADLINE_LABELS


def test_every_waiting_times_definition_is_written():
    written = read_definitions()
    missing = [heading for heading in WAITING_DEFINITIONS if not written.get(heading)]
    assert missing == []


def test_each_headline_definition_opens_with_a_short_paragraph_for_its_help():
    written = read_definitions()
    for label in HEADLINE_LABELS:
        first = written[label].split("\n\n")[0]
        assert 20 < len(first) < 300, label
        assert "Unit:" in written[label], label
