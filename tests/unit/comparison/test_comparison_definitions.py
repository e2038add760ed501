"""Every indicator and every method the PDU comparisons page shows is defined in docs/definitions.md."""

from __future__ import annotations

import pytest

from data_access.definitions_doc import read_definitions
from metrics.comparison.indicators import INDICATORS, PAGE_DEFINITIONS

POLARITY_WORDS = {"high_is_good": "high is good", "low_is_good": "low is good", "no_judgement": "no judgement"}


@pytest.mark.parametrize("key", sorted(INDICATORS))
def test_each_indicator_states_definition_unit_and_polarity(key):
    item = INDICATORS[key]
    text = read_definitions().get(item.name, "")
    assert "Unit:" in text, item.name
    assert f"Polarity: {POLARITY_WORDS[item.polarity]}" in text, item.name


def test_median_definition_says_which_interval():
    assert "order-statistic interval" in read_definitions()[INDICATORS["median_wait"].name]


def test_page_definitions_are_written():
    written = read_definitions()
    assert [heading for heading in PAGE_DEFINITIONS if not written.get(heading)] == []
