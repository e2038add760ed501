"""Where each intervention is offered, how many places it has, and PDU caseloads.

Not every PDU offers everything. Toolkits are everywhere (practitioners deliver
them); CRS services cover every PDU of their region; accredited programmes are
run in most PDUs, the specialist ones (Kaizen, Living as New Me) in few; a CFO
activity hub serves about half of a region's PDUs; each local service one to
three PDUs. The planted provision gaps (see signals.py) are imposed on top, so
that some PDUs have needs with no local provision at all.

Monthly places follow what is used: each offered PDU and intervention gets
places near its average monthly starts, times a capacity ratio (accredited
programmes run at or just under demand, other services with some slack), with
month-to-month noise, rounded up or down at random so that small services keep
their average (some months have no places). Caseloads are scaled to the size of the sample: at
people_count = 240,000 the national caseload is 240,000 (about 2,200 per PDU);
at 60,000 it is 60,000, so rates per 100 people supervised stay the same
whatever the sample size. Caseloads drift up about 3% a year.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from sample_data.catalogue import BUILDING_CHOICES_FROM, Intervention
from sample_data.signals import planted_factor, planted_pdus
from sample_data.timeline import Window, day_number, month_strings

#: Share of PDUs offering each national intervention (1.0 when not listed).
OFFER_SHARE: Final[dict[str, float]] = {
    "AP-BC": 0.97, "AP-TSP": 0.95, "AP-BBR": 0.92, "AP-HZN": 0.75, "AP-IHZ": 0.6,
    "AP-NMS": 0.55, "AP-LNM": 0.35, "AP-HII": 0.5, "AP-KZN": 0.3, "AP-BNM": 0.35,
    "AP-RSV": 0.7, "SI-EMO": 0.85, "SI-PSO": 0.85, "SI-REL": 0.8, "SI-DRV": 0.6,
    "SI-SUB": 0.8, "OL-DRR": 0.95, "OL-ATR": 0.9, "OL-MHT": 0.7, "CFO": 0.5,
}
_GAP_NEEDS: Final[dict[str, str]] = {
    "no_accommodation_provision_pdus": "accommodation",
    "no_finance_provision_pdus": "finance",
}


def offered_matrix(rng: np.random.Generator, entries: tuple[Intervention, ...],
                   pdus: pd.DataFrame) -> np.ndarray:
    """Boolean PDU x intervention matrix: does the PDU offer it at all."""
    regions = pdus["region_code"].to_numpy()
    offered = np.zeros((len(pdus), len(entries)), dtype=bool)
    for column, item in enumerate(entries):
        in_region = regions == item.region_code if item.region_code else np.ones(len(pdus), bool)
        if item.category == "other_local" and item.region_code:
            chosen = rng.permutation(np.flatnonzero(in_region))[: rng.integers(1, 4)]
            offered[chosen, column] = True
            continue
        share = OFFER_SHARE.get("CFO" if item.category == "cfo_activity_hub" else item.code, 1.0)
        offered[:, column] = in_region & (rng.random(len(pdus)) < share)
    codes = pdus["pdu_code"].to_numpy()
    for signal, need in _GAP_NEEDS.items():
        gap_rows = np.isin(codes, planted_pdus(signal))
        addresses = np.array([need in item.needs for item in entries])
        offered[np.ix_(gap_rows, addresses)] = False
    return offered


def available_from(entries: tuple[Intervention, ...], window: Window) -> np.ndarray:
    """First day each intervention can take referrals (Building Choices from its roll-out)."""
    start = np.full(len(entries), window.warm_up_start, dtype=np.int64)
    start[[item.code == "AP-BC" for item in entries]] = day_number(BUILDING_CHOICES_FROM)
    return start


def caseload_frame(rng: np.random.Generator, pdus: pd.DataFrame, window: Window,
                   people_count: int) -> pd.DataFrame:
    """caseload.csv rows: people supervised per PDU and month, scaled to the sample."""
    months = window.months()
    per_pdu = pdus["size_weight"].to_numpy() * people_count / len(pdus)
    years = np.arange(len(months)) / 12.0
    supervised = per_pdu[:, None] * (1 + 0.03 * years)[None, :]
    supervised *= rng.normal(1.0, 0.015, supervised.shape)
    return pd.DataFrame({
        "pdu_code": np.repeat(pdus["pdu_code"].to_numpy(), len(months)),
        "month": np.tile(month_strings(months), len(pdus)),
        "people_supervised": np.rint(supervised).astype(np.int64).ravel(),
    })


def _capacity_ratio(rng: np.random.Generator, entries: tuple[Intervention, ...],
                    pdus: pd.DataFrame) -> np.ndarray:
    accredited = np.array([item.category == "accredited_programme" for item in entries])
    ratio = np.where(accredited[None, :], rng.uniform(0.85, 1.1, (len(pdus), len(entries))),
                     rng.uniform(1.0, 1.4, (len(pdus), len(entries))))
    slow = np.isin(pdus["pdu_code"].to_numpy(), planted_pdus("long_wait_pdus"))
    ratio[np.ix_(slow, accredited)] *= planted_factor("long_wait_pdus", "places_factor")
    return ratio


def provision_frame(rng: np.random.Generator, entries: tuple[Intervention, ...],
                    pdus: pd.DataFrame, offered: np.ndarray, window: Window,
                    start_counts: np.ndarray) -> pd.DataFrame:
    """provision.csv rows: monthly places for every offered PDU x intervention.

    Args:
        start_counts: PDU x intervention count of starts within the window.
    """
    months = window.months()
    month_days = months.astype(np.int64)
    open_months = month_days[None, :] >= available_from(entries, window)[:, None]
    monthly_starts = start_counts / np.maximum(open_months.sum(axis=1), 1)[None, :]
    base = monthly_starts * _capacity_ratio(rng, entries, pdus)
    pdu_index, item_index = np.nonzero(offered)
    month_table = open_months[item_index]
    row_pair, month_index = np.nonzero(month_table)
    expected = base[pdu_index, item_index][row_pair] * rng.normal(1.0, 0.12, len(row_pair))
    places = np.maximum(np.floor(expected + rng.random(len(row_pair))), 0)
    codes = np.array([item.code for item in entries])
    return pd.DataFrame({
        "pdu_code": pdus["pdu_code"].to_numpy()[pdu_index[row_pair]],
        "intervention_code": codes[item_index[row_pair]],
        "month": month_strings(months)[month_index],
        "places": places.astype(np.int64),
    })
