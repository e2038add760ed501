"""Waiting times page sections: headline, shape of the list, trend, breakdowns, at risk, completed waits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.waiting.figures import (
    pdu_scatter_figure,
    programme_bars_figure,
    wait_bands_figure,
    waiting_trend_figure,
)
from components import cache
from components.blocks import caveat_note, chart_card, disclosure_note, display_table, download_csv, kpi_row
from components.presentation import chart_font_px
from components.waiting.page import WaitingData
from metrics.stats.disclosure import format_count, format_percent
from metrics.waiting.completed import completed_waits_table
from metrics.waiting.flows import monthly_trend
from metrics.waiting.kpis import format_weeks, list_statistic_shown, waiting_kpis
from metrics.waiting.snapshot import wait_bands
from metrics.waiting.tables import (
    COUNT_NAMES,
    STATISTIC_NAMES,
    breakdown,
    breakdown_display,
    breakdown_download,
    count_text,
    statistic_text,
)
from metrics.waiting.views import at_risk_table, bands_table, labelled_trend, trend_table, with_count_labels
from vocabulary.definitions import CATEGORY_LABELS, USUAL_LENGTH_WEEKS
from vocabulary.scope import Filters

BREAKDOWN_LABELS = {
    "intervention_code": {"intervention": "Intervention"},
    "pdu_code": {"pdu": "Probation Delivery Unit", "region": "Region"},
    "region_code": {"region": "Region"},
}


def headline(waiting: WaitingData) -> None:
    """The six headline figures, with the change since the comparison date where the data allow."""
    settings = waiting.settings
    kpi_row(waiting_kpis(waiting.now, waiting.before, before_date=waiting.before_date, target_weeks=settings.target_weeks))
    compared = (f"Changes are against {waiting.before_date:%-d %B %Y}." if waiting.before_date
                else "The data do not reach back far enough for a comparison.")
    caveat_note(
        f"People waiting for {CATEGORY_LABELS[settings.category].lower()} at {settings.snapshot:%-d %B %Y} "
        f"(NHS referral-to-treatment incomplete pathways). {compared} Waits, shares "
        "and clearance are not shown for fewer than 10 people."
    )
    disclosure_note()


def shape_section(waiting: WaitingData) -> None:
    """Section 2: the list by band of weeks waited, with the target marked."""
    st.subheader("Shape of the list")
    bands = with_count_labels(wait_bands(waiting.histogram), "waiting_count")
    chart_card(wait_bands_figure(bands, target_weeks=waiting.settings.target_weeks, font_px=chart_font_px()),
               bands_table(bands), key="waiting_bands", file_name="waiting_list_by_weeks_waited.csv",
               caption="Bands follow NHS practice: '0–4' is up to 4 weeks, '4–8' over 4 up to 8 weeks, and so on.")


def trend_section(scope: Filters) -> None:
    """Section 3: the list at each month end of the period, and the month's flows."""
    st.subheader("Trend over the period")
    flows = cache.load_waiting_flows(scope)
    trend = labelled_trend(monthly_trend(flows["flows"], flows["waiting_before_count"]))
    chart_card(waiting_trend_figure(trend, font_px=chart_font_px()), trend_table(trend), key="waiting_trend",
               file_name="waiting_list_by_month.csv",
               caption="The list at each month end is the list the day before the period plus that month's and "
                       "earlier months' additions, less their starts and removals without start.")


def _selected(event: object) -> list[str]:
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    return [str(point["customdata"][0]) for point in points if point.get("customdata")]


def _names(frame: pd.DataFrame, names: dict[str, dict[str, str]]) -> pd.DataFrame:
    out = frame.copy()
    if "intervention_code" in out:
        out["intervention"] = out["intervention_code"].map(names["interventions"]).fillna(out["intervention_code"])
    if "pdu_code" in out:
        out["pdu"] = out["pdu_code"].map(names["pdus"]).fillna(out["pdu_code"])
    if "region_code" in out:
        out["region"] = out["region_code"].map(names["regions"]).fillna(out["region_code"])
    return out


def _show_breakdown(summary: pd.DataFrame, labels: dict[str, str], *, key: str) -> None:
    """A breakdown table that sorts as numbers but reads "<5", blank and "not clearing", with its CSV."""
    display = breakdown_display(summary, labels)
    formats = {name: count_text for name in COUNT_NAMES} | {name: statistic_text for name in STATISTIC_NAMES}
    st.dataframe(display.style.format(formats), width="stretch", hide_index=True)
    download_csv(breakdown_download(display), file_name=f"{key}.csv", key=f"{key}_download")


def breakdown_section(waiting: WaitingData, names: dict[str, dict[str, str]]) -> None:
    """Section 4: the six measures by intervention, PDU and region; clicking a chart narrows the tables."""
    st.subheader("Where people are waiting")
    target = waiting.settings.target_weeks
    programmes = _names(breakdown(waiting.histogram, waiting.recent, ["intervention_code"], target_weeks=target), names)
    pdus = _names(breakdown(waiting.histogram, waiting.recent, ["pdu_code", "region_code"], target_weeks=target), names)
    left, right = st.columns(2)
    with left:
        bars = with_count_labels(programmes, "waiting_count").assign(
            name=programmes["intervention"],
            median_text=[format_weeks(m, n) for m, n in zip(programmes["median_wait_weeks"], programmes["waiting_count"])])
        picked_programmes = _selected(st.plotly_chart(
            programme_bars_figure(bars, font_px=chart_font_px()), key="waiting_by_programme", on_select="rerun",
            selection_mode=("points",), config={"displaylogo": False}, width="stretch", theme=None))
    with right:
        # astype(bool): an empty object Series would otherwise be read as a list of column names.
        plotted = pdus[pdus["waiting_count"].apply(list_statistic_shown).astype(bool)].rename(columns={"pdu": "name"})
        picked_pdus = _selected(st.plotly_chart(
            pdu_scatter_figure(plotted, target_weeks=target, font_px=chart_font_px()), key="waiting_by_pdu",
            on_select="rerun", selection_mode=("points",), config={"displaylogo": False}, width="stretch", theme=None))
        st.caption("PDUs with fewer than 10 waiting are not plotted (their waits are not shown).")
    st.caption("Click a bar or a point to narrow the tables below to it.")
    unnarrowed = {"intervention_code": programmes, "pdu_code": pdus}
    _narrowed_tables(waiting, names, picked_programmes, picked_pdus, unnarrowed)


def _narrow(frame: pd.DataFrame, *, pdus: list[str], programmes: list[str]) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if pdus:
        keep &= frame["pdu_code"].isin(pdus)
    if programmes:
        keep &= frame["intervention_code"].isin(programmes)
    return frame[keep]


def _narrowed_tables(waiting: WaitingData, names: dict[str, dict[str, str]], programmes: list[str],
                     pdus: list[str], unnarrowed: dict[str, pd.DataFrame]) -> None:
    """The breakdown tables, narrowed to what was clicked (the other chart's choice narrows each table)."""
    if pdus or programmes:
        chosen = [names["pdus"].get(code, code) for code in pdus] + [
            names["interventions"].get(code, code) for code in programmes]
        st.info(f"Tables narrowed to: {', '.join(chosen)}. Click an empty part of the chart to see all.", icon="🔎")
    tabs = st.tabs(["By intervention", "By PDU", "By region"])
    for tab, by, narrowing in (
        (tabs[0], ["intervention_code"], {"pdus": pdus, "programmes": []}),
        (tabs[1], ["pdu_code", "region_code"], {"pdus": [], "programmes": programmes}),
        (tabs[2], ["region_code"], {"pdus": pdus, "programmes": programmes}),
    ):
        with tab:
            summary = unnarrowed.get(by[0]) if not any(narrowing.values()) else None
            if summary is None:
                summary = _names(breakdown(_narrow(waiting.histogram, **narrowing), _narrow(waiting.recent, **narrowing),
                                           by, target_weeks=waiting.settings.target_weeks), names)
            _show_breakdown(summary, BREAKDOWN_LABELS[by[0]], key=f"waiting_by_{by[0].removesuffix('_code')}_table")
    st.caption("Sortable: click a column heading (suppressed values sort lowest). <5: fewer than 5 people. Blank: fewer than 10 waiting, so "
               "waits and shares are not shown. Clearance time: list ÷ weekly starts in the 13 weeks to T.")


def at_risk_section(waiting: WaitingData, names: dict[str, dict[str, str]]) -> None:
    """Section 6: people waiting whose sentence ends before they could finish the intervention."""
    category = waiting.settings.category
    weeks = USUAL_LENGTH_WEEKS[category]
    st.subheader("At risk of not starting before the sentence ends")
    by_pdu = waiting.histogram.groupby(["pdu_code", "region_code"], as_index=False)[
        ["waiting_count", "sentence_known_count", "at_risk_count"]].sum()
    known, at_risk = by_pdu["sentence_known_count"].sum(), by_pdu["at_risk_count"].sum()
    unknown = by_pdu["waiting_count"].sum() - known
    share = format_percent(at_risk / known * 100 if known else None, known)
    st.markdown(
        f"**{format_count(at_risk)}** of the {format_count(known)} people waiting with a sentence end date "
        f"(**{share}**) have a sentence that ends within {weeks} weeks of the snapshot date — the usual length "
        f"of {CATEGORY_LABELS[category].lower()} — or has already ended. {format_count(unknown)} waiting have no "
        "sentence end date recorded and are left out."
    )
    table = at_risk_table(by_pdu, names)
    st.dataframe(display_table(table), width="stretch", hide_index=True, height=360)  # "<5" sorts as a number
    download_csv(table, file_name="waiting_at_risk_by_pdu.csv", key="waiting_at_risk_download")


def completed_section(scope: Filters, names: dict[str, dict[str, str]]) -> None:
    """Section 8 (secondary): the median wait to start of those who started in the period."""
    st.subheader("Completed waits (secondary measure)")
    flows = cache.load_waiting_flows(scope)
    monthly = monthly_trend(flows["flows"], flows["waiting_before_count"])
    table = completed_waits_table(cache.load_completed_waits(scope), names["interventions"],
                                  monthly_starts=monthly["starts_count"].tolist())
    caveat_note("Completed waits count only those who started, so they reward starting short waiters first "
                "and leave out everyone still waiting: read them after the waiting list above, not instead of it.")
    st.dataframe(display_table(table), width="stretch", hide_index=True)
    download_csv(table, file_name="completed_waits.csv", key="waiting_completed_download")
