"""Signals deliberately planted in the sample data, so comparisons have something real to find.

Every PDU and programme otherwise varies only by chance and by modest random
local effects. The ones below are made clearly worse than their region on
purpose (their random local effect is replaced by the planted one); tests check that each signal shows, and docs/sample-data.md lists
them. The places are real names, but the differences are invented: they say
nothing about the real PDUs.
"""

from __future__ import annotations

from typing import Final

from sample_data.geography import pdu_code_for

PLANTED_SIGNALS: Final[dict[str, dict[str, object]]] = {
    "low_sufficiency_pdus": {
        "pdus": (pdu_code_for("Stoke-on-Trent"), pdu_code_for("Southwark")),
        "effect": "judged needs are 18 percentage points more often insufficient",
        "insufficient_shift": 0.18,
    },
    "long_wait_pdus": {
        "pdus": (pdu_code_for("Swindon and Wiltshire"), pdu_code_for("Stoke-on-Trent")),
        "effect": "accredited programme waits twice as long; places cut to 60%",
        "wait_factor": 2.0,
        "places_factor": 0.6,
    },
    "long_wait_programmes": {
        "interventions": ("AP-KZN", "AP-LNM"),
        "effect": "Kaizen and Living as New Me waits 2.2 times as long everywhere",
        "wait_factor": 2.2,
    },
    "long_wait_programme_in_region": {
        "intervention": "AP-BBR",
        "region": "N51",
        "effect": "Building Better Relationships in the North West waits 2.2 times as long",
        "wait_factor": 2.2,
    },
    "no_accommodation_provision_pdus": {
        "pdus": (pdu_code_for("Cumbria"), pdu_code_for("Lincolnshire")),
        "effect": "no intervention addressing accommodation offered (CRS contract gap, no hub)",
    },
    "no_finance_provision_pdus": {
        "pdus": (pdu_code_for("Dyfed-Powys"),),
        "effect": "no intervention addressing finance offered (CRS contract gap, no hub)",
    },
}


def planted_pdus(signal: str) -> tuple[str, ...]:
    """The PDU codes of one planted signal."""
    pdus = PLANTED_SIGNALS[signal]["pdus"]
    assert isinstance(pdus, tuple)
    return pdus


def planted_factor(signal: str, key: str) -> float:
    """A numeric setting of one planted signal (e.g. its wait factor)."""
    value = PLANTED_SIGNALS[signal][key]
    assert isinstance(value, float)
    return value
