"""Every measure the Data quality page shows is defined in docs/definitions.md, with its unit."""

from __future__ import annotations

import pytest

from data_access.definitions_doc import read_definitions
from metrics.quality.measures import MEASURES, NO_PROVISION

HEADINGS = [*(measure.name for measure in MEASURES), NO_PROVISION, "Data quality by PDU", "Data date"]


@pytest.mark.parametrize("heading", HEADINGS)
def test_each_measure_is_defined_with_its_unit(heading: str) -> None:
    text = read_definitions().get(heading, "")
    assert "Unit:" in text or heading == "Data quality by PDU", heading
    assert len(text) > 80, heading


def test_duplicate_window_in_the_words_is_the_constant() -> None:
    from vocabulary.definitions import DUPLICATE_WINDOW_DAYS, STALE_OPEN_DAYS

    assert f"up to {DUPLICATE_WINDOW_DAYS}" in read_definitions()["Likely duplicate referrals"]
    assert f"more than {STALE_OPEN_DAYS} days" in read_definitions()["Stale open referrals"]
