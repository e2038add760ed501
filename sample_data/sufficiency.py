"""Whether each need was judged sufficiently addressed, and the needs.csv rows.

The inspectorate's research bulletin of March 2024 (The interventions landscape
for probation services) found that around half of the cases inspected did not
receive sufficient interventions or services, with the clearest gaps for
accommodation and for people from ethnic minority groups. The model reproduces
that: the chance that a judged need is insufficient starts from a base per need
(accommodation highest), is raised for people from ethnic minority groups (and a
little where ethnicity is unknown), varies at random by PDU (and is set much higher in
the planted low-sufficiency PDUs), and depends on what happened: lower when an
intervention for the need started, higher when nothing was referred.

About 80% of need records carry a judgement; records identified in the last
two months before as of are judged less often (not reviewed yet).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from sample_data.people import Cohort, NeedRecords
from sample_data.signals import planted_factor, planted_pdus
from sample_data.timeline import Window, to_datetime64
from vocabulary.definitions import NEEDS

#: Base chance that a judged need is insufficient, before the shifts below.
INSUFFICIENT_BASE: Final[dict[str, float]] = {
    "accommodation": 0.65, "ete": 0.49, "finance": 0.48, "relationships": 0.45,
    "lifestyle": 0.48, "drugs": 0.43, "alcohol": 0.43, "emotional_wellbeing": 0.48,
    "thinking_behaviour": 0.40, "attitudes": 0.44}
MINORITY_SHIFT: Final[float] = 0.08
UNKNOWN_ETHNICITY_SHIFT: Final[float] = 0.03
NOT_REFERRED_SHIFT: Final[float] = 0.12
REFERRED_NOT_STARTED_SHIFT: Final[float] = 0.04
STARTED_SHIFT: Final[float] = -0.14
PDU_SPREAD: Final[float] = 0.04
JUDGED_SHARE: Final[float] = 0.82
RECENT_JUDGED_SHARE: Final[float] = 0.45
RECENT_DAYS: Final[int] = 61


def _pdu_shift(rng: np.random.Generator, pdus: pd.DataFrame) -> np.ndarray:
    shift = rng.normal(0.0, PDU_SPREAD, len(pdus))
    low = np.isin(pdus["pdu_code"].to_numpy(), planted_pdus("low_sufficiency_pdus"))
    return np.where(low, planted_factor("low_sufficiency_pdus", "insufficient_shift"), shift)


def judge_sufficiency(rng: np.random.Generator, needs: NeedRecords, cohort: Cohort,
                      pdus: pd.DataFrame, referred: np.ndarray, started: np.ndarray,
                      window: Window) -> np.ndarray:
    """Sufficiency per need record: "sufficient", "insufficient" or None (not judged).

    Args:
        referred: per need record, whether any referral addressed it.
        started: per need record, whether any such referral started.
    """
    ethnicity = cohort.ethnicity[needs.person]
    chance = np.array([INSUFFICIENT_BASE[need] for need in NEEDS])[needs.need]
    chance = chance + MINORITY_SHIFT * ~np.isin(ethnicity, ("white", "unknown"))
    chance = chance + UNKNOWN_ETHNICITY_SHIFT * (ethnicity == "unknown")
    chance = chance + _pdu_shift(rng, pdus)[cohort.pdu[needs.person]]
    chance = chance + np.where(started, STARTED_SHIFT,
                               np.where(referred, REFERRED_NOT_STARTED_SHIFT,
                                        NOT_REFERRED_SHIFT))
    insufficient = rng.random(len(chance)) < np.clip(chance, 0.03, 0.97)
    recent = needs.identified > window.as_of - RECENT_DAYS
    judged = rng.random(len(chance)) < np.where(recent, RECENT_JUDGED_SHARE, JUDGED_SHARE)
    verdict = np.where(insufficient, "insufficient", "sufficient").astype(object)
    verdict[~judged] = None
    return verdict


def needs_frame(needs: NeedRecords, sufficiency: np.ndarray, person_id: np.ndarray) -> (
        pd.DataFrame):
    """needs.csv rows, one per person and need, in person then need order.

    Args:
        person_id: every person's identifier, indexed like the cohort.
    """
    return pd.DataFrame({
        "person_id": person_id[needs.person],
        "need_code": np.array(NEEDS)[needs.need],
        "identified_date": to_datetime64(needs.identified),
        "sufficiency": sufficiency,
    })
