"""People on probation and their assessed needs, drawn as whole arrays.

Each person belongs to one PDU (chosen in proportion to PDU size), with gender,
ethnicity (the region's mix, a few percent unknown), age band, risk level and
sentence type drawn from fixed shares shaped like the national caseload, and a
supervision start spread evenly over the warm-up year and the three-year window.

Needs follow the OASys need areas. A person-level "complexity" (higher for
higher risk) raises every need together, so needs cluster in the same people as
they do in practice; women more often have emotional wellbeing and relationship
needs, young adults lifestyle and employment needs. The prevalences are set so
that a person has about 6.7 of the 10 needs on average. Most needs are
identified at the first assessment, shortly after supervision starts; about one
in eight later, at a review (needs not yet identified by as of are left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from sample_data.geography import ETHNICITY_ORDER, ethnicity_mix
from sample_data.timeline import NO_DATE, Window, to_datetime64
from vocabulary.definitions import NEEDS

GENDER_SHARES: Final[dict[str, float]] = {"male": 0.875, "female": 0.115, "unknown": 0.01}
AGE_SHARES: Final[dict[str, float]] = {
    "18-24": 0.17, "25-34": 0.34, "35-49": 0.34, "50+": 0.14, "unknown": 0.01}
RISK_SHARES: Final[dict[str, float]] = {
    "low": 0.28, "medium": 0.48, "high": 0.19, "very_high": 0.02, "unknown": 0.03}
SENTENCE_SHARES: Final[dict[str, float]] = {
    "community_order": 0.36, "suspended_sentence_order": 0.22, "licence": 0.33,
    "post_sentence_supervision": 0.07, "unknown": 0.02}
#: Shortest and longest supervision, in days, by sentence type.
SENTENCE_DAYS: Final[dict[str, tuple[int, int]]] = {
    "community_order": (180, 730), "suspended_sentence_order": (365, 730),
    "licence": (90, 900), "post_sentence_supervision": (365, 365)}
#: Base need prevalence (before the complexity spread), in contract need order.
NEED_PREVALENCE: Final[dict[str, float]] = {
    "accommodation": 0.66, "ete": 0.76, "finance": 0.68, "relationships": 0.76,
    "lifestyle": 0.81, "drugs": 0.61, "alcohol": 0.54, "emotional_wellbeing": 0.78,
    "thinking_behaviour": 0.95, "attitudes": 0.71}
_RISK_COMPLEXITY: Final[dict[str, float]] = {
    "low": -0.5, "medium": 0.0, "high": 0.4, "very_high": 0.6, "unknown": 0.0}


@dataclass(frozen=True)
class Cohort:
    """Person-level arrays, one element per person, in person_id order."""

    pdu: np.ndarray
    gender: np.ndarray
    ethnicity: np.ndarray
    age_band: np.ndarray
    risk_level: np.ndarray
    sentence_type: np.ndarray
    supervision_start: np.ndarray
    sentence_end: np.ndarray


@dataclass(frozen=True)
class NeedRecords:
    """One element per person and need: indices into the cohort and NEEDS."""

    person: np.ndarray
    need: np.ndarray
    identified: np.ndarray


def _pick(rng: np.random.Generator, shares: dict[str, float], count: int) -> np.ndarray:
    return rng.choice(np.array(list(shares)), size=count, p=np.array(list(shares.values())))


def _ethnicity(rng: np.random.Generator, region_codes: np.ndarray) -> np.ndarray:
    """Draw each person's ethnicity from their region's mix (inverse-CDF, vectorised)."""
    cumulative = np.cumsum(ethnicity_mix(region_codes), axis=1)
    picks = (rng.random(len(region_codes))[:, None] > cumulative).sum(axis=1)
    return np.array(ETHNICITY_ORDER)[np.minimum(picks, len(ETHNICITY_ORDER) - 1)]


def _sentence_end(rng: np.random.Generator, sentence: np.ndarray, start: np.ndarray) -> (
        np.ndarray):
    end = np.full(len(start), NO_DATE, dtype=np.int64)
    for kind, (shortest, longest) in SENTENCE_DAYS.items():
        chosen = sentence == kind
        end[chosen] = start[chosen] + rng.integers(shortest, longest + 1, chosen.sum())
    end[rng.random(len(start)) < 0.03] = NO_DATE
    return end


def draw_people(rng: np.random.Generator, count: int, pdus: pd.DataFrame, window: Window) -> (
        Cohort):
    """Draw ``count`` people over the PDUs in ``pdus`` (with ``size_weight``)."""
    weights = pdus["size_weight"].to_numpy()
    pdu = rng.choice(len(pdus), size=count, p=weights / weights.sum())
    start = np.sort(rng.integers(window.warm_up_start, window.as_of + 1, count))
    sentence = _pick(rng, SENTENCE_SHARES, count)
    return Cohort(
        pdu=pdu,
        gender=_pick(rng, GENDER_SHARES, count),
        ethnicity=_ethnicity(rng, pdus["region_code"].to_numpy()[pdu]),
        age_band=_pick(rng, AGE_SHARES, count),
        risk_level=_pick(rng, RISK_SHARES, count),
        sentence_type=sentence,
        supervision_start=start,
        sentence_end=_sentence_end(rng, sentence, start),
    )


def _need_logits(rng: np.random.Generator, cohort: Cohort) -> np.ndarray:
    prevalence = np.array([NEED_PREVALENCE[need] for need in NEEDS])
    risk_shift = np.zeros(len(cohort.pdu))
    for risk, shift in _RISK_COMPLEXITY.items():
        risk_shift[cohort.risk_level == risk] = shift
    complexity = rng.normal(0.0, 1.0, len(cohort.pdu)) + risk_shift
    logits = np.log(prevalence / (1 - prevalence))[None, :] + 0.9 * complexity[:, None]
    female, young = cohort.gender == "female", cohort.age_band == "18-24"
    column = {need: index for index, need in enumerate(NEEDS)}
    logits[:, column["emotional_wellbeing"]] += 0.8 * female
    logits[:, column["relationships"]] += 0.5 * female
    logits[:, column["attitudes"]] -= 0.5 * female
    logits[:, column["lifestyle"]] += 0.5 * young
    logits[:, column["ete"]] += 0.4 * young
    return logits


def draw_needs(rng: np.random.Generator, cohort: Cohort, window: Window) -> NeedRecords:
    """Draw each person's needs and the date each was identified.

    Needs that would be identified after as of are not known yet and are left out.
    """
    logits = _need_logits(rng, cohort)
    present = rng.random(logits.shape) < 1.0 / (1.0 + np.exp(-logits))
    person, need = np.nonzero(present)
    assessed = cohort.supervision_start + rng.exponential(18.0, len(cohort.pdu)).astype(np.int64)
    identified = assessed[person]
    at_review = rng.random(len(person)) < 0.12
    identified[at_review] += rng.integers(60, 361, at_review.sum())
    known = identified <= window.as_of
    return NeedRecords(person=person[known], need=need[known], identified=identified[known])


def people_frame(cohort: Cohort, pdu_codes: np.ndarray, person_id: np.ndarray) -> pd.DataFrame:
    """people.csv rows; sentence_end_date as datetime64 with NaT for empty."""
    return pd.DataFrame({
        "person_id": person_id,
        "pdu_code": pdu_codes[cohort.pdu],
        "gender": cohort.gender,
        "ethnicity_group": cohort.ethnicity,
        "age_band": cohort.age_band,
        "risk_level": cohort.risk_level,
        "sentence_type": cohort.sentence_type,
        "sentence_end_date": to_datetime64(cohort.sentence_end),
    })


def person_ids(index: np.ndarray) -> np.ndarray:
    """Pseudonymised person identifiers, "P0000001" onwards."""
    return np.char.add("P", np.char.zfill((index + 1).astype(str), 7))
