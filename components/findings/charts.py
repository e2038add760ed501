"""The chart a finding is read from: the page's own chart of the same data, by the page's chart builder."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.comparison.figures import comparison_bar_figure
from charts.landscape.figures import NAMED_POINTS, demand_figure
from charts.sufficiency.figures import share_bars_figure
from charts.waiting.figures import wait_bands_figure
from components.findings.frames import area_benchmark, comparison_frames, sufficiency_frames, waiting_now
from components.findings.topics import waiting_settings_for
from components.landscape.page import shared_landscape
from components.landscape.sections import area_names
from metrics.comparison.indicators import INDICATORS
from metrics.comparison.pdu_comparison import BENCHMARKS, ENGLAND_WALES
from metrics.comparison.slide import slide_rows
from metrics.findings.model import Finding
from metrics.landscape.tables import demand_chart_frame, largest_excess_sentence
from metrics.landscape.utilisation import DEFAULT_DEMAND_MARGIN_PCT, GROUPINGS
from metrics.sufficiency.benchmark import ALL_PERSONS, benchmark_name
from metrics.waiting.snapshot import wait_bands
from metrics.waiting.views import with_count_labels
from vocabulary.definitions import SUBGROUP_LABELS, code_label
from vocabulary.scope import Filters


def _shares_figure(filters: Filters, subject: tuple[str, ...], topic: str, font_px: int) -> go.Figure | None:
    frames = sufficiency_frames(filters)
    if frames is None:
        return None
    if topic == "gap":
        cells = frames.cells[frames.cells["pdu_code"] == subject[0]].sort_values(["value_pct", "need_code"])
        cells = cells.assign(label=cells["need_code"].map(code_label))
        return share_bars_figure(cells, title="Judged sufficient by need in the PDU (% of judged need records, 95% CI)",
                                 value_title="Judged sufficient", font_px=font_px,
                                 benchmark_name=benchmark_name(area_benchmark(filters)))
    if topic == "subgroup":
        label = SUBGROUP_LABELS[subject[0]]
        return share_bars_figure(frames.by_dimension[subject[0]], title=f"Judged sufficient by {label.lower()} (%, 95% CI)",
                                 value_title="Judged sufficient", benchmark_name="All people selected", font_px=font_px)
    return share_bars_figure(frames.shares, title="Judged sufficient by need, worst first (% of judged need records, 95% CI)",
                             value_title="Judged sufficient", font_px=font_px,
                             benchmark_name=benchmark_name(ALL_PERSONS, same_need=False))


def _comparison_figure(filters: Filters, key: str, pdu_code: str, font_px: int) -> go.Figure:
    frames = comparison_frames(filters)
    rows = slide_rows(frames.in_scope[key], pdu_of_interest=pdu_code)
    name = BENCHMARKS[ENGLAND_WALES] if frames.benchmark == ENGLAND_WALES else "its region"
    return comparison_bar_figure(rows, INDICATORS[key], benchmark_name=name, pdu_of_interest=pdu_code,
                                 font_px=font_px, label_values=True)


def _waits_figure(filters: Filters, font_px: int) -> go.Figure | None:
    settings = waiting_settings_for(filters)
    if settings is None:
        return None
    bands = with_count_labels(wait_bands(waiting_now(filters, settings).histogram), "waiting_count")
    return wait_bands_figure(bands, target_weeks=settings.target_weeks, font_px=font_px)


def _demand_rows(filters: Filters, grouping: str) -> pd.DataFrame:
    landscape, by = shared_landscape(filters), GROUPINGS[grouping][0]
    return demand_chart_frame(landscape.demand(by, margin_pct=DEFAULT_DEMAND_MARGIN_PCT), by=by,
                              names=area_names(landscape, by))


def _demand_figure(filters: Filters, grouping: str, font_px: int) -> go.Figure:
    return demand_figure(_demand_rows(filters, grouping), margin_pct=DEFAULT_DEMAND_MARGIN_PCT, font_px=font_px)


def finding_note(finding: Finding, filters: Filters) -> str | None:
    """Words a slide writes under a chart whose points are numbered (a room cannot hover): the demand
    chart's groups furthest above their places, as the Landscape page lists them under its chart."""
    if finding.topic != "demand":
        return None
    rows = _demand_rows(filters, dict(finding.settings).get("compare", "pdu"))
    return largest_excess_sentence(rows, count=NAMED_POINTS)


def finding_figure(finding: Finding, filters: Filters, *, font_px: int) -> go.Figure | None:
    """The figure behind ``finding`` (None when there is none to draw)."""
    subject, topic = finding.subject, finding.topic
    if topic == "change":  # the subject is the comparison's key: ("need", code), ("subgroup", dim, value), ("pdu", key, pdu)
        kind, subject = subject[0], subject[1:]
        if kind == "pdu":
            return _comparison_figure(filters, subject[0], subject[1], font_px)
        topic = kind
    if topic in ("need", "gap", "subgroup"):
        return _shares_figure(filters, subject, topic, font_px)
    if topic == "pdus":
        return _comparison_figure(filters, subject[0], subject[1], font_px)
    if topic == "waits":
        return _waits_figure(filters, font_px)
    return _demand_figure(filters, dict(finding.settings).get("compare", "pdu"), font_px)
