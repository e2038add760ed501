"""PDU comparisons page: the headline figures, drawn once per view and data version and replayed."""

from __future__ import annotations

from components.blocks import kpi_row
from components.comparison.view import ComparisonView, view_data, view_shown
from components.replay import replayed
from metrics.comparison.headline import comparison_kpis
from metrics.comparison.pdu_comparison import BENCHMARKS, ENGLAND_WALES
from metrics.kpi import Kpi


def benchmark_in_words(view: ComparisonView) -> tuple[str, float | None]:
    """The benchmark's name and value: England and Wales, the one region the PDUs shown are in, or
    "Their regions" with no single value."""
    data, key = view_data(view), view.item_key
    if view.benchmark == ENGLAND_WALES:
        return BENCHMARKS[ENGLAND_WALES], data.national[key]
    regions = data.pdus[data.pdus["pdu_code"].isin(data.shown_codes)].drop_duplicates("region_code")
    if len(regions) != 1:
        return "Their regions", None
    code, name = regions["region_code"].iloc[0], regions["region_name"].iloc[0]
    values = data.values[key]
    rows = values[(values["area_type"] == "region") & (values["area_code"] == code) & (values["window"] == 0)]
    return str(name), float(rows["value"].iloc[0]) if len(rows) else None


def headline_kpis(view: ComparisonView) -> list[Kpi]:
    """The page's headline figures for the view (also the meeting pack's)."""
    name, value = benchmark_in_words(view)
    return comparison_kpis(view_shown(view), view.item, benchmark_name=name, benchmark_value=value,
                           units="Regions" if view.regions else "PDUs")


@replayed
def headline(view: ComparisonView) -> None:
    """The benchmark's value and how many PDUs differ from it at 99.8%."""
    kpi_row(headline_kpis(view), presenting=view.presenting)
