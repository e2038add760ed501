"""Waiting times page: the breakdown tables by intervention, PDU and region, narrowed by chart clicks.

The tables for each narrowing are drawn once and replayed (``components.replay``); the
tabs and download buttons around them are drawn live.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.blocks import csv_bytes, download_csv, scope_labels
from components.replay import replayed, shared_data
from components.waiting.page import WaitingView, waiting_data
from metrics.waiting.tables import (
    COUNT_NAMES,
    STATISTIC_NAMES,
    breakdown,
    breakdown_display,
    breakdown_download,
    count_text,
    statistic_text,
)

BREAKDOWN_LABELS = {
    "intervention_code": {"intervention": "Intervention"},
    "pdu_code": {"pdu": "Probation Delivery Unit", "region": "Region"},
    "region_code": {"region": "Region"},
}
Codes = tuple[str, ...]


def with_names(frame: pd.DataFrame, names: dict[str, dict[str, str]]) -> pd.DataFrame:
    """``frame`` with the names of its intervention, PDU and region codes beside them."""
    out = frame.copy()
    if "intervention_code" in out:
        out["intervention"] = out["intervention_code"].map(names["interventions"]).fillna(out["intervention_code"])
    if "pdu_code" in out:
        out["pdu"] = out["pdu_code"].map(names["pdus"]).fillna(out["pdu_code"])
    if "region_code" in out:
        out["region"] = out["region_code"].map(names["regions"]).fillna(out["region_code"])
    return out


def _narrow(frame: pd.DataFrame, *, pdus: Codes, programmes: Codes) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if pdus:
        keep &= frame["pdu_code"].isin(pdus)
    if programmes:
        keep &= frame["intervention_code"].isin(programmes)
    return frame[keep]


@shared_data
def breakdowns(view: WaitingView, by: Codes, pdus: Codes = (), programmes: Codes = ()) -> pd.DataFrame:
    """The six measures per ``by`` group, named, for the list narrowed to ``pdus`` and ``programmes``."""
    waiting = waiting_data(view.filters, view.settings)
    narrowing = {"pdus": pdus, "programmes": programmes}
    return with_names(breakdown(_narrow(waiting.histogram, **narrowing), _narrow(waiting.recent, **narrowing),
                                list(by), target_weeks=view.settings.target_weeks), scope_labels())


@replayed
def _breakdown_table(view: WaitingView, by: Codes, pdus: Codes, programmes: Codes) -> bytes:
    """A breakdown table that sorts as numbers but reads "<5", blank and "not clearing"; returns its CSV."""
    display = breakdown_display(breakdowns(view, by, pdus, programmes), BREAKDOWN_LABELS[by[0]])
    formats = {name: count_text for name in COUNT_NAMES} | {name: statistic_text for name in STATISTIC_NAMES}
    st.dataframe(display.style.format(formats), width="stretch", hide_index=True)
    return csv_bytes(breakdown_download(display))


@replayed
def _narrowing_note(pdus: Codes, programmes: Codes) -> None:
    names = scope_labels()
    chosen = [names["pdus"].get(code, code) for code in pdus] + [
        names["interventions"].get(code, code) for code in programmes]
    st.info(f"Tables narrowed to: {', '.join(chosen)}. Click an empty part of the chart to see all.", icon="🔎")


def narrowed_tables(view: WaitingView, programmes: Codes, pdus: Codes) -> None:
    """The breakdown tables, narrowed to what was clicked (the other chart's choice narrows each table)."""
    if pdus or programmes:
        _narrowing_note(pdus, programmes)
    tabs = st.tabs(["By intervention", "By PDU", "By region"])
    for tab, by, narrowing in (
        (tabs[0], ("intervention_code",), (pdus, ())),
        (tabs[1], ("pdu_code", "region_code"), ((), programmes)),
        (tabs[2], ("region_code",), (pdus, programmes)),
    ):
        with tab:
            key = f"waiting_by_{by[0].removesuffix('_code')}_table"
            download_csv(_breakdown_table(view, by, *narrowing), file_name=f"{key}.csv", key=f"{key}_download")
    st.caption("Sortable: click a column heading (suppressed values sort lowest). <5: fewer than 5 people. Blank: "
               "fewer than 10 waiting, so waits and shares are not shown. Weeks to clear the list: list ÷ weekly starts in "
               "the 13 weeks to T.")
