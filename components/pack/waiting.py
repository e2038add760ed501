"""The Waiting times page's part of the meeting pack (see components/pack/sections.py).

It gathers what components/waiting/sections.py draws, through the same functions,
with the category, snapshot date and target in force in this session.
"""

from __future__ import annotations

from charts.pack.html import PackChart, PackSection
from charts.waiting.figures import (
    pdu_scatter_figure,
    programme_bars_figure,
    wait_bands_figure,
    waiting_trend_figure,
)
from components import cache
from components.blocks import scope_labels
from components.pack.common import TOP_ROWS, definitions_of, page_setting_in_force
from components.waiting.page import (
    DEFAULT_CATEGORY,
    WaitingData,
    WaitingSettings,
    category_choices,
    waiting_data,
)
from components.waiting.tables import BREAKDOWN_LABELS, with_names
from metrics.waiting.completed import completed_waits_table
from metrics.waiting.flows import monthly_trend
from metrics.waiting.kpis import HEADLINE_LABELS, format_weeks, list_statistic_shown, waiting_kpis
from metrics.waiting.snapshot import wait_bands
from metrics.waiting.tables import breakdown, breakdown_display, breakdown_download
from metrics.waiting.views import at_risk_table, bands_table, labelled_trend, trend_table, with_count_labels
from vocabulary.definitions import CATEGORY_LABELS, DEFAULT_WAIT_TARGET_WEEKS
from vocabulary.scope import Filters

#: The Waiting times page's definitions list (pages/waiting_times.py).
WAITING_DEFINITIONS = (
    "Waiting times scope", "Snapshot date", "Waiting at the snapshot date", *HEADLINE_LABELS,
    "Weeks waited bands", "Additions, starts and removals", "Time to start", "Referrals started within target",
    "At risk of not starting before the sentence ends", "What-if capacity planner", "Completed waits",
    "Disclosure control",
)


def settings_in_force(filters: Filters) -> WaitingSettings:
    """The page's settings as the session holds them, corrected as the page corrects them."""
    choices = category_choices(filters)
    category = page_setting_in_force("wait_category", DEFAULT_CATEGORY)
    if category not in choices:
        category = DEFAULT_CATEGORY if DEFAULT_CATEGORY in choices else choices[0]
    info = cache.load_dataset_info()
    first, last = info["data_from"], info["data_as_of"]
    snapshot = page_setting_in_force("snapshot", None) or min(filters.period_end, last)
    return WaitingSettings(category, min(max(snapshot, first), last),
                           int(page_setting_in_force("target", DEFAULT_WAIT_TARGET_WEEKS)))


def _charts(data: WaitingData, names: dict[str, dict[str, str]]) -> list[PackChart]:
    target = data.settings.target_weeks
    bands = with_count_labels(wait_bands(data.histogram), "waiting_count")
    flows = cache.load_waiting_flows(data.scope)
    trend = labelled_trend(monthly_trend(flows["flows"], flows["waiting_before_count"]))
    programmes = with_names(breakdown(data.histogram, data.recent, ["intervention_code"], target_weeks=target), names)
    bars = with_count_labels(programmes, "waiting_count").assign(
        name=programmes["intervention"],
        median_text=[format_weeks(m, n) for m, n in zip(programmes["median_wait_weeks"], programmes["waiting_count"])])
    pdus = with_names(breakdown(data.histogram, data.recent, ["pdu_code", "region_code"], target_weeks=target), names)
    plotted = pdus[pdus["waiting_count"].apply(list_statistic_shown).astype(bool)].rename(columns={"pdu": "name"})
    return [
        PackChart(wait_bands_figure(bands, target_weeks=target), bands_table(bands)),
        PackChart(waiting_trend_figure(trend), trend_table(trend)),
        PackChart(programme_bars_figure(bars),
                  breakdown_download(breakdown_display(programmes, BREAKDOWN_LABELS["intervention_code"]))),
        PackChart(pdu_scatter_figure(plotted, target_weeks=target),
                  breakdown_download(breakdown_display(pdus, BREAKDOWN_LABELS["pdu_code"])).head(TOP_ROWS),
                  caption=f"Table: the {TOP_ROWS} PDUs with the longest lists; PDUs with fewer than 10 waiting are "
                          "not plotted."),
    ]


def waiting_section(filters: Filters) -> PackSection:
    """Waiting times: the six headline figures, shape, trend, where people wait, at risk, completed waits."""
    settings = settings_in_force(filters)
    data = waiting_data(filters, settings)
    names = scope_labels()
    regions = with_names(breakdown(data.histogram, data.recent, ["region_code"], target_weeks=settings.target_weeks),
                         names)
    at_risk = data.histogram.groupby(["pdu_code", "region_code"], as_index=False)[
        ["waiting_count", "sentence_known_count", "at_risk_count"]].sum()
    compared = f"Changes are against {data.before_date:%-d %B %Y}." if data.before_date else ""
    return PackSection(
        "Waiting times",
        kpis=waiting_kpis(data.now, data.before, before_date=data.before_date, target_weeks=settings.target_weeks),
        settings=[f"Waiting list for: {CATEGORY_LABELS[settings.category]}",
                  f"Snapshot date: {settings.snapshot:%-d %B %Y}", f"Target: {settings.target_weeks} weeks"],
        notes=[compared] if compared else [],
        charts=_charts(data, names),
        tables=[
            ("By region", breakdown_download(breakdown_display(regions, BREAKDOWN_LABELS["region_code"]))),
            (f"At risk of not starting before the sentence ends: the {TOP_ROWS} PDUs with most",
             at_risk_table(at_risk, names).head(TOP_ROWS)),
            ("Completed waits (secondary measure)",
             completed_waits_table(cache.load_completed_waits(data.scope), names["interventions"],
                                   monthly_starts=_monthly_starts(data))),
        ],
        definitions=definitions_of(WAITING_DEFINITIONS),
    )


def _monthly_starts(data: WaitingData) -> list[float]:
    flows = cache.load_waiting_flows(data.scope)
    return monthly_trend(flows["flows"], flows["waiting_before_count"])["starts_count"].tolist()
