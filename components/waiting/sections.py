"""Waiting times page sections: headline, shape of the list, trend, breakdowns, at risk, completed waits.

Each section's charts, tables and words are drawn once per view (``WaitingView``) and
data version and replayed to everyone after (``components.replay``); the widgets
(click-to-narrow charts, data panels, downloads) are drawn live from what they return.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.waiting.figures import (
    pdu_scatter_figure,
    programme_bars_figure,
    wait_bands_figure,
    waiting_trend_figure,
)
from components import cache
from components.blocks import (
    caveat_note,
    chart,
    csv_bytes,
    data_panel,
    disclosure_note,
    display_table,
    download_csv,
    kpi_row,
    scope_labels,
)
from components.presentation import fit_to_slide
from components.replay import replayed, shared_figure
from components.waiting.page import WaitingView, start_view_loads, waiting_data
from components.waiting.tables import breakdowns, narrowed_tables
from metrics.stats.disclosure import format_count, format_percent
from metrics.waiting.completed import completed_waits_table
from metrics.waiting.flows import monthly_trend
from metrics.waiting.kpis import format_weeks, list_statistic_shown, waiting_kpis, within_target_note
from metrics.waiting.snapshot import wait_bands
from metrics.waiting.views import at_risk_table, bands_table, labelled_trend, trend_table, with_count_labels
from vocabulary.definitions import CATEGORY_LABELS, USUAL_LENGTH_WEEKS


@replayed
def headline(view: WaitingView) -> None:
    """The six headline figures, with the change since the comparison date where the data allow.

    The first section drawn: for a view not seen before it starts the later sections' queries too.
    """
    start_view_loads(view)
    settings, waiting = view.settings, waiting_data(view.filters, view.settings)
    kpi_row(waiting_kpis(waiting.now, waiting.before, before_date=waiting.before_date,
                         target_weeks=settings.target_weeks), presenting=view.presenting)
    caveat_note(within_target_note(settings.target_weeks, settings.snapshot))
    compared = (f"Changes are against {waiting.before_date:%-d %B %Y}." if waiting.before_date
                else "The data do not reach back far enough for a comparison.")
    caveat_note(
        f"People waiting for {CATEGORY_LABELS[settings.category].lower()} at {settings.snapshot:%-d %B %Y} "
        f"(NHS referral-to-treatment incomplete pathways). {compared} Waits, shares "
        "and weeks to clear are not shown for fewer than 10 people."
    )
    disclosure_note()


@replayed
def _bands_chart(view: WaitingView) -> pd.DataFrame:
    if not view.presenting:  # on a slide the chart's own title says it
        st.subheader("Shape of the list")
    bands = with_count_labels(wait_bands(waiting_data(view.filters, view.settings).histogram), "waiting_count")
    chart(fit_to_slide(wait_bands_figure(bands, target_weeks=view.settings.target_weeks, font_px=view.font_px),
                       view.presenting),
          key="waiting_bands",
          caption="Bands follow NHS practice: '0–4' is up to 4 weeks, '4–8' over 4 up to 8 weeks, and so on.")
    return bands_table(bands)


def shape_section(view: WaitingView) -> None:
    """Section 2: the list by band of weeks waited, with the target marked."""
    data_panel(_bands_chart(view), key="waiting_bands", file_name="waiting_list_by_weeks_waited.csv")


@replayed
def _trend_chart(view: WaitingView) -> pd.DataFrame:
    st.subheader("Trend over the period")
    flows = cache.load_waiting_flows(view.scope)
    trend = labelled_trend(monthly_trend(flows["flows"], flows["waiting_before_count"]))
    chart(waiting_trend_figure(trend, font_px=view.font_px), key="waiting_trend",
          caption="The list at each month end is the list the day before the period plus that month's and "
                  "earlier months' additions, less their starts and removals without start.")
    return trend_table(trend)


def trend_section(view: WaitingView) -> None:
    """Section 3: the list at each month end of the period, and the month's flows."""
    data_panel(_trend_chart(view), key="waiting_trend", file_name="waiting_list_by_month.csv")


@shared_figure
def _programme_figure(view: WaitingView) -> go.Figure:
    programmes = breakdowns(view, ("intervention_code",), (), ())  # the arguments the unnarrowed table passes
    bars = with_count_labels(programmes, "waiting_count").assign(
        name=programmes["intervention"],
        median_text=[format_weeks(m, n) for m, n in zip(programmes["median_wait_weeks"], programmes["waiting_count"])])
    return programme_bars_figure(bars, font_px=view.font_px)


@shared_figure
def _pdu_figure(view: WaitingView) -> go.Figure:
    pdus = breakdowns(view, ("pdu_code", "region_code"), (), ())  # shared with the unnarrowed table
    # astype(bool): an empty object Series would otherwise be read as a list of column names.
    plotted = pdus[pdus["waiting_count"].apply(list_statistic_shown).astype(bool)].rename(columns={"pdu": "name"})
    return pdu_scatter_figure(plotted, target_weeks=view.settings.target_weeks, font_px=view.font_px)


def _selected(event: object) -> tuple[str, ...]:
    points = event["selection"]["points"] if event else []  # type: ignore[index]
    return tuple(str(point["customdata"][0]) for point in points if point.get("customdata"))


def breakdown_section(view: WaitingView) -> None:
    """Section 4: the six measures by intervention, PDU and region; clicking a chart narrows the tables."""
    st.subheader("Where people are waiting")
    left, right = st.columns(2)
    with left:
        picked_programmes = _selected(chart(_programme_figure(view), key="waiting_by_programme", on_select="rerun"))
    with right:
        picked_pdus = _selected(chart(_pdu_figure(view), key="waiting_by_pdu", on_select="rerun",
                                      caption="PDUs with fewer than 10 waiting are not plotted (their waits are "
                                              "not shown)."))
    st.caption("Click a bar or a point to narrow the tables below to it.")
    narrowed_tables(view, picked_programmes, picked_pdus)


@replayed
def _at_risk(view: WaitingView) -> bytes:
    category = view.settings.category
    weeks = USUAL_LENGTH_WEEKS[category]
    st.subheader("At risk of not starting before the sentence ends")
    by_pdu = waiting_data(view.filters, view.settings).histogram.groupby(["pdu_code", "region_code"], as_index=False)[
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
    table = at_risk_table(by_pdu, scope_labels())
    st.dataframe(display_table(table), width="stretch", hide_index=True, height=360)  # "<5" sorts as a number
    return csv_bytes(table)


def at_risk_section(view: WaitingView) -> None:
    """Section 6: people waiting whose sentence ends before they could finish the intervention."""
    download_csv(_at_risk(view), file_name="waiting_at_risk_by_pdu.csv", key="waiting_at_risk_download")


@replayed
def _completed(view: WaitingView) -> bytes:
    st.subheader("Completed waits (secondary measure)")
    flows = cache.load_waiting_flows(view.scope)
    monthly = monthly_trend(flows["flows"], flows["waiting_before_count"])
    table = completed_waits_table(cache.load_completed_waits(view.scope), scope_labels()["interventions"],
                                  monthly_starts=monthly["starts_count"].tolist())
    caveat_note("Completed waits count only those who started, so they reward starting short waiters first "
                "and leave out everyone still waiting: read them after the waiting list above, not instead of it.")
    st.dataframe(display_table(table), width="stretch", hide_index=True)
    return csv_bytes(table)


def completed_section(view: WaitingView) -> None:
    """Section 8 (secondary): the median wait to start of those who started in the period."""
    download_csv(_completed(view), file_name="completed_waits.csv", key="waiting_completed_download")
