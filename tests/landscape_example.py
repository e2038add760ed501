"""A hand-worked landscape shared by the Landscape unit tests: three PDUs, five interventions.

Region R1 holds PDUs A1 and A2, region R2 holds B1. Places over the period
(two provision months) and who each intervention is for:

    A1: AP 24 (all), CRS_ACC 10 (all), WOM 6 (women), SI 4 (all)
    A2: AP 0 (all: a row with no places), BBR 12 (men)
    B1: SI 8 (all)

Needs each intervention lists: AP thinking_behaviour + attitudes; CRS_ACC
accommodation; WOM emotional_wellbeing + accommodation; BBR relationships;
SI thinking_behaviour.
"""

from __future__ import annotations

import pandas as pd

from metrics.landscape.people import need_mask

PDUS = pd.DataFrame({
    "pdu_code": ["A1", "A2", "B1"],
    "pdu_name": ["Alpha One", "Alpha Two", "Beta One"],
    "region_code": ["R1", "R1", "R2"],
    "region_name": ["Region One", "Region One", "Region Two"],
})

INTERVENTIONS = pd.DataFrame({
    "intervention_code": ["AP", "CRS_ACC", "WOM", "BBR", "SI"],
    "intervention_name": ["A programme", "Accommodation CRS", "Women's CRS", "Relationships programme",
                          "Structured intervention"],
    "category": ["accredited_programme", "commissioned_rehabilitative_service",
                 "commissioned_rehabilitative_service", "accredited_programme", "structured_intervention"],
    "delivery": ["group", "one_to_one", "mixed", "group", "one_to_one"],
    "provider": ["Probation Service", "Nacro", "Advance", "Probation Service", None],
    "target_group": ["all", "all", "women", "men", "all"],
})

INTERVENTION_NEEDS = pd.DataFrame(
    [("AP", "thinking_behaviour"), ("AP", "attitudes"), ("CRS_ACC", "accommodation"),
     ("WOM", "emotional_wellbeing"), ("WOM", "accommodation"), ("BBR", "relationships"),
     ("SI", "thinking_behaviour")],
    columns=["intervention_code", "need_code"],
)

PROVISION = pd.DataFrame(
    [("A1", "AP", 24), ("A1", "CRS_ACC", 10), ("A1", "WOM", 6), ("A1", "SI", 4), ("A2", "AP", 0),
     ("A2", "BBR", 12), ("B1", "SI", 8)],
    columns=["pdu_code", "intervention_code", "places_count"],
)

#: Referrals received in the period by anyone (the fallback's evidence of availability).
REFERRED = pd.DataFrame(
    [("A1", "AP", 5), ("A2", "AP", 3), ("A2", "SI", 2), ("B1", "CRS_ACC", 1)],
    columns=["pdu_code", "intervention_code", "referral_count"],
)

#: Flows in scope per pair (referrals, starts, completions, non-completions, removals).
ACTIVITY = pd.DataFrame(
    [("A1", "AP", 30, 20, 9, 3, 4), ("A1", "CRS_ACC", 10, 8, 5, 1, 1), ("A2", "BBR", 40, 22, 10, 6, 2),
     ("B1", "SI", 4, 2, 1, 0, 0), ("A2", "AP", 6, 0, 0, 0, 3)],
    columns=["pdu_code", "intervention_code", "referral_count", "start_count", "completion_count",
             "non_completion_count", "removal_count"],
)


def profiles() -> pd.DataFrame:
    """People by PDU, gender and exact need set (identified in the period)."""
    rows = [
        ("A1", "female", ("emotional_wellbeing",), 3),
        ("A1", "male", ("thinking_behaviour", "accommodation"), 5),
        ("A1", "male", ("relationships",), 2),
        ("A2", "male", ("relationships",), 7),
        ("A2", "female", ("relationships",), 4),
        ("B1", "male", ("thinking_behaviour",), 6),
        ("B1", "unknown", ("thinking_behaviour",), 1),
    ]
    return pd.DataFrame(
        [(pdu, gender, need_mask(needs), count) for pdu, gender, needs, count in rows],
        columns=["pdu_code", "gender", "need_mask", "people_count"],
    )


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """The (pdu_code, intervention_code) pairs of a frame, as a set."""
    return set(zip(frame["pdu_code"], frame["intervention_code"]))
