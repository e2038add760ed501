"""Referrals: which needs get referred, when, and to which intervention.

Each need record gets a Poisson number of referrals (more for accommodation,
drugs and thinking and behaviour; about 12% fewer for people from ethnic
minority groups, one of the gaps inspectors found). The first referral follows
identification by a few weeks (a few days before it, sometimes, when work starts
at sentence); repeats come months later. Referrals dated after as of, or after
the person's sentence has ended, are not made.

The intervention is drawn among those that address the need, are offered in
the person's PDU, are open to the person's gender (women's services for women
only; some programmes for men only) and, for low-risk people, rarely an
accredited programme. Where the PDU offers nothing for the need, no referral
is made: the planted provision gaps therefore also lower sufficiency there.
The draw is vectorised by laying every (epoch, PDU, need, gender, risk) row's
cumulative weights end to end and searching them once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from sample_data.catalogue import BUILDING_CHOICES_FROM, PHASED_OUT, PHASED_OUT_WEIGHT, Intervention
from sample_data.people import Cohort, NeedRecords
from sample_data.timeline import NO_DATE, Window, day_number
from vocabulary.definitions import NEEDS

#: Mean referrals per need record (before referrals that cannot be made are dropped).
REFERRAL_RATE: Final[dict[str, float]] = {
    "accommodation": 0.81, "ete": 0.64, "finance": 0.60, "relationships": 0.60,
    "lifestyle": 0.46, "drugs": 0.79, "alcohol": 0.68, "emotional_wellbeing": 0.64,
    "thinking_behaviour": 0.89, "attitudes": 0.51}
MINORITY_REFERRAL_FACTOR: Final[float] = 0.88
LOW_RISK_ACCREDITED_WEIGHT: Final[float] = 0.15
_GENDER_CLASSES: Final[tuple[str, ...]] = ("female", "male", "unknown")
_TARGETS_OPEN_TO: Final[dict[str, tuple[str, ...]]] = {
    "female": ("all", "women"), "male": ("all", "men"), "unknown": ("all",)}


@dataclass(frozen=True)
class Referrals:
    """Referral arrays, one element per referral."""

    record: np.ndarray
    person: np.ndarray
    need: np.ndarray
    item: np.ndarray
    referral_date: np.ndarray


def _referral_dates(rng: np.random.Generator, needs: NeedRecords, cohort: Cohort) -> (
        tuple[np.ndarray, np.ndarray]):
    minority = ~np.isin(cohort.ethnicity, ("white", "unknown"))
    rate = np.array([REFERRAL_RATE[need] for need in NEEDS])[needs.need]
    rate = rate * np.where(minority[needs.person], MINORITY_REFERRAL_FACTOR, 1.0)
    counts = rng.poisson(rate)
    record = np.repeat(np.arange(len(counts)), counts)
    ordinal = np.arange(len(record)) - np.repeat(np.cumsum(counts) - counts, counts)
    delay = rng.exponential(40.0, len(record)) - 10.0
    delay += ordinal * rng.uniform(90.0, 300.0, len(record))
    dates = needs.identified[record] + delay.astype(np.int64)
    return record, np.maximum(dates, cohort.supervision_start[needs.person[record]])


def _weight_table(entries: tuple[Intervention, ...], offered: np.ndarray) -> np.ndarray:
    """Choice weights indexed [epoch, pdu, need, gender class, low risk, intervention]."""
    codes = [item.code for item in entries]
    popularity = np.array([item.popularity for item in entries])
    epoch = np.vstack([popularity * [code != "AP-BC" for code in codes],
                       popularity * np.where(np.isin(codes, PHASED_OUT), PHASED_OUT_WEIGHT, 1)])
    addresses = np.array([[need in item.needs for item in entries] for need in NEEDS])
    open_to = np.array([[item.target_group in _TARGETS_OPEN_TO[gender] for item in entries]
                        for gender in _GENDER_CLASSES])
    accredited = np.array([item.category == "accredited_programme" for item in entries])
    risk = np.vstack([np.ones(len(entries)),
                      np.where(accredited, LOW_RISK_ACCREDITED_WEIGHT, 1.0)])
    return (epoch[:, None, None, None, None, :] * offered[None, :, None, None, None, :]
            * addresses[None, None, :, None, None, :] * open_to[None, None, None, :, None, :]
            * risk[None, None, None, None, :, :])


def _choose(rng: np.random.Generator, weights: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Draw one column per row index from a 2-D weight table; -1 where a row has no weight."""
    cumulative = np.cumsum(weights, axis=1)
    total = cumulative[:, -1]
    positive = weights > 0
    row_of, column_of = np.nonzero(positive)
    keys = row_of + cumulative[positive] / total[row_of]
    draw = np.clip(rng.random(len(row)), 1e-12, 1.0 - 1e-12)
    position = np.searchsorted(keys, row + draw, side="left")
    chosen = column_of[np.minimum(position, len(keys) - 1)]
    return np.where(total[row] > 0, chosen, -1)


def draw_referrals(rng: np.random.Generator, cohort: Cohort, needs: NeedRecords,
                   entries: tuple[Intervention, ...], offered: np.ndarray,
                   window: Window) -> Referrals:
    """Draw every referral that can be made: dated by as of, within the sentence, offered."""
    record, dates = _referral_dates(rng, needs, cohort)
    person = needs.person[record]
    sentence_end = cohort.sentence_end[person]
    feasible = (dates <= window.as_of) & ((sentence_end == NO_DATE) | (dates <= sentence_end))
    record, dates, person = record[feasible], dates[feasible], person[feasible]
    table = _weight_table(entries, offered)
    epoch = (dates >= day_number(BUILDING_CHOICES_FROM)).astype(np.int64)
    gender = np.searchsorted(np.array(_GENDER_CLASSES), cohort.gender[person])
    low_risk = (cohort.risk_level[person] == "low").astype(np.int64)
    row = np.ravel_multi_index(
        (epoch, cohort.pdu[person], needs.need[record], gender, low_risk), table.shape[:-1])
    item = _choose(rng, table.reshape(-1, table.shape[-1]), row)
    made = item >= 0
    return Referrals(record=record[made], person=person[made], need=needs.need[record][made],
                     item=item[made], referral_date=dates[made])
