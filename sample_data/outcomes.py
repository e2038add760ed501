"""What happens to each referral: start, removal without start, completion.

Each referral gets a planned wait to start (log-normal, so waits of months with
a long tail for accredited programmes), a fate (some are withdrawn or found not
suitable before starting, after a log-normal time) and, once started, a
duration and whether it is completed. A referral whose planned start falls after
the person's sentence ends is removed on the day the order ends (recorded as
withdrawn). Anything due after as of has not happened yet: the referral is open,
still waiting or still in progress. Calibrated so that, as the inspectorate and
HMPPS report, roughly 40% of accredited programme referrals never start.

Accredited programme waits grow over time (from 0.7 to 1.4 times the base
median between the warm-up start and as of), so the waiting list grows over the
three years. PDUs have random wait effects, and the planted long-wait PDUs and
programmes (signals.py) are slower still.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from sample_data.catalogue import Intervention
from sample_data.signals import PLANTED_SIGNALS, planted_factor, planted_pdus
from sample_data.timeline import NO_DATE, Window

#: Per category: median wait (days), wait spread (log sd), share removed before start,
#: median days to removal, median duration (days), share of starters completing.
CATEGORY_TIMING: Final[dict[str, tuple[float, float, float, float, float, float]]] = {
    "accredited_programme": (98.0, 0.75, 0.24, 75.0, 105.0, 0.68),
    "structured_intervention": (21.0, 0.7, 0.15, 30.0, 42.0, 0.75),
    "practitioner_toolkit": (8.0, 0.8, 0.08, 20.0, 35.0, 0.80),
    "commissioned_rehabilitative_service": (16.0, 0.7, 0.20, 30.0, 70.0, 0.62),
    "cfo_activity_hub": (14.0, 0.7, 0.22, 28.0, 84.0, 0.55),
    "other_local": (21.0, 0.8, 0.18, 30.0, 56.0, 0.65),
}
NOT_SUITABLE_SHARE: Final[float] = 0.3
WITHDRAWN_AFTER_START_SHARE: Final[float] = 0.1
OUTCOME_CODES: Final[tuple[str, ...]] = (
    "open", "completed", "did_not_complete", "withdrawn", "not_suitable")


#: Spread (log sd) of each PDU's random effect on waits.
PDU_WAIT_SPREAD: Final[float] = 0.15


def wait_factors(rng: np.random.Generator, pdus: pd.DataFrame,
                 entries: tuple[Intervention, ...], pdu: np.ndarray, item: np.ndarray,
                 referral_date: np.ndarray, window: Window) -> np.ndarray:
    """Multiplier on each referral's median wait: PDU effect, planted signals, growth."""
    codes = pdus["pdu_code"].to_numpy()
    by_pdu = rng.lognormal(0.0, PDU_WAIT_SPREAD, len(pdus))
    accredited = np.array([entry.category == "accredited_programme" for entry in entries])
    by_cell = np.where(accredited[None, :], by_pdu[:, None], np.sqrt(by_pdu)[:, None])
    slow_pdus = np.isin(codes, planted_pdus("long_wait_pdus"))
    by_cell[np.ix_(slow_pdus, accredited)] = planted_factor("long_wait_pdus", "wait_factor")
    entry_codes = np.array([entry.code for entry in entries])
    slow_items = np.isin(entry_codes, PLANTED_SIGNALS["long_wait_programmes"]["interventions"])
    by_cell[:, slow_items] *= planted_factor("long_wait_programmes", "wait_factor")
    regional = PLANTED_SIGNALS["long_wait_programme_in_region"]
    in_region = pdus["region_code"].to_numpy() == regional["region"]
    by_cell[np.ix_(in_region, entry_codes == regional["intervention"])] *= planted_factor(
        "long_wait_programme_in_region", "wait_factor")
    elapsed = (referral_date - window.warm_up_start) / (window.as_of - window.warm_up_start)
    growth = np.where(accredited[item], 0.7 + 0.7 * elapsed, 1.0)
    return by_cell[pdu, item] * growth


def _timing(category: np.ndarray) -> np.ndarray:
    """The CATEGORY_TIMING row of every referral (category as index into its keys)."""
    return np.array(list(CATEGORY_TIMING.values()))[category].T


def draw_outcomes(rng: np.random.Generator, referral_date: np.ndarray, category: np.ndarray,
                  wait_factor: np.ndarray, sentence_end: np.ndarray,
                  window: Window) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start date, end date (NO_DATE when empty) and outcome index into OUTCOME_CODES.

    Args:
        category: index of each referral's category in CATEGORY_TIMING.
        wait_factor: multiplier on the category's median wait.
        sentence_end: day the order ends, NO_DATE when unknown (never before referral).
    """
    count = len(referral_date)
    wait_median, wait_sd, removal_share, removal_median, duration_median, complete_share = (
        _timing(category))
    wait = rng.lognormal(np.log(wait_median * wait_factor), wait_sd).astype(np.int64)
    planned_start = referral_date + wait
    order_end = np.where(sentence_end == NO_DATE, np.iinfo(np.int64).max, sentence_end)
    removal_fate = rng.random(count) < removal_share
    fate_day = referral_date + rng.lognormal(np.log(removal_median), 0.8).astype(np.int64)
    removed = removal_fate | (planned_start > order_end)
    removal_day = np.where(removal_fate, np.minimum(fate_day, order_end), order_end)
    started = ~removed & (planned_start <= window.as_of)
    left = removed & (removal_day <= window.as_of)
    start = np.where(started, planned_start, NO_DATE)
    completes = rng.random(count) < complete_share
    share_done = np.where(completes, 1.0, rng.uniform(0.1, 0.8, count))
    duration = rng.lognormal(np.log(duration_median), 0.3) * share_done
    planned_end = planned_start + duration.astype(np.int64)
    finished = started & (planned_end <= window.as_of)
    end = np.where(finished, planned_end, np.where(left, removal_day, NO_DATE))
    outcome = np.zeros(count, dtype=np.int64)
    stopped_early = rng.random(count) < WITHDRAWN_AFTER_START_SHARE
    outcome[finished] = np.where(completes, 1, np.where(stopped_early, 3, 2))[finished]
    not_suitable = removal_fate & (rng.random(count) < NOT_SUITABLE_SHARE)
    outcome[left] = np.where(not_suitable, 4, 3)[left]
    return start, end, outcome
