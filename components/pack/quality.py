"""The meeting pack's Data quality section: every measure for the scope and its impact on the figures."""

from __future__ import annotations

from charts.pack.html import PackSection
from components.pack.common import definitions_of
from components.quality.view import quality_view
from metrics.quality.impact import impact_table
from metrics.quality.measures import MEASURES, NO_PROVISION
from metrics.quality.tables import summary_display
from vocabulary.scope import Filters


def quality_section(filters: Filters) -> PackSection:
    """Data quality: the summary table (shares against England and Wales) and the impact on each headline figure."""
    view = quality_view(filters)
    summary = summary_display(view.summary)
    impact = impact_table(view.summary, pdus_without_provision=len(view.no_provision))
    names = ", ".join(view.no_provision["pdu_name"]) or "none"
    return PackSection(
        "Data quality",
        notes=[f"{NO_PROVISION}: {len(view.no_provision)} of {len(view.scope_pdus)} PDUs selected ({names}).",
               f"Data date: {view.reference_date:%-d %B %Y}, the day the latest data were loaded."],
        tables=[("How complete and plausible the records are", summary),
                ("Impact on the figures", impact[["Figure", "Share affected", "What it means"]])],
        definitions=definitions_of([*(measure.name for measure in MEASURES), NO_PROVISION, "Data date"]),
    )
