"""Each page's part of the meeting pack, gathered exactly as the page gathers it.

A section builder takes the filters in force and returns a ``PackSection``: the
page's headline figures, main charts and main tables (disclosure control already
applied by the same metric functions the page uses) and the definitions of every
figure shown. They call the page's own cached loaders, metric and chart functions,
so a figure in the pack is the figure on the page. Page settings (measure,
benchmark, ...) are the ones in force in this session, else the page's defaults.
Key findings come first (the briefing opens with them), then the other pages in navigation
order; ``SECTION_BUILDERS`` maps each page to its builder.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from charts.overview import referrals_and_starts_figure
from charts.pack.html import PackChart, PackSection
from components import cache
from components.pack.common import definitions_of
from components.pack.comparison import comparison_section
from components.pack.findings import findings_section
from components.pack.landscape import landscape_section
from components.pack.quality import quality_section
from components.pack.sufficiency import sufficiency_section
from components.pack.waiting import waiting_section
from metrics.overview import overview_kpis, referrals_and_starts_table
from metrics.stats.disclosure import format_count
from vocabulary.scope import Filters

SectionBuilder = Callable[[Filters], PackSection]


def overview_section(filters: Filters) -> PackSection:
    """Overview: the six headline figures and referrals and starts per month."""
    monthly = cache.load_monthly_referrals_and_starts(filters)
    kpis = overview_kpis(cache.load_overview_counts(filters), monthly)
    chart = PackChart(referrals_and_starts_figure(monthly), referrals_and_starts_table(monthly))
    return PackSection("Overview", kpis=kpis, charts=[chart], definitions=definitions_of([k.label for k in kpis]),
                       brief=True)


def about_section(filters: Filters) -> PackSection:
    """About the data: rows loaded per table and the dates the data cover."""
    summary = cache.load_dataset_summary()
    rows = pd.DataFrame({"Table": list(summary["row_counts"]),
                         "Rows": [format_count(n) for n in summary["row_counts"].values()]})
    first, last = summary["referral_dates"]
    return PackSection(
        "About the data",
        notes=[f"Referral dates run from {first:%-d %B %Y} to {last:%-d %B %Y}."],
        tables=[("What is loaded", rows)],
        definitions=definitions_of(["Data as of", "Disclosure control"]),
        brief=True,
    )


#: The section the pack opens with, whatever the navigation order.
FIRST_SECTION = "/key-findings"
#: Page path (navigation.page_path) -> its section builder.
SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "/key-findings": findings_section,
    "/": overview_section,
    "/interventions-landscape": landscape_section,
    "/waiting-times": waiting_section,
    "/sufficiency-gaps": sufficiency_section,
    "/pdu-comparisons": comparison_section,
    "/data-quality": quality_section,
    "/about": about_section,
}
