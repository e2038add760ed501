"""Presentation helpers shared by pages: header, KPI row, chart cards, tables, caveats."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator

from components import access, cache, presentation
from components.replay import replayed, shared_data
from metrics.kpi import Kpi
from metrics.stats.disclosure import SUPPRESSED_COUNT
from vocabulary.access import AuditAction
from vocabulary.definitions import SUPPRESS_COUNT_BELOW
from vocabulary.scope import Filters, describe_scope

#: What a "<5" cell holds on screen so that a count column sorts by number; it is displayed as "<5".
SUPPRESSED_SORT_VALUE = SUPPRESS_COUNT_BELOW / 2


def definition(heading: str) -> str:
    """The text of ``## heading`` in docs/definitions.md (empty when absent)."""
    return cache.load_definitions().get(heading, "")


#: The heading in docs/definitions.md of the rule every page states.
DISCLOSURE_CONTROL = "Disclosure control"


def short_definition(heading: str) -> str:
    """The first paragraph of a definition: what the help tooltip shows."""
    return definition(heading).split("\n\n")[0].strip()


@shared_data
def scope_labels() -> dict[str, dict[str, str]]:
    """Display names for every filter code, for scope sentences (once per data version)."""
    options = cache.load_filter_options()
    return {
        "regions": dict(zip(options["regions"]["region_code"], options["regions"]["region_name"])),
        "pdus": dict(zip(options["pdus"]["pdu_code"], options["pdus"]["pdu_name"])),
        "interventions": dict(
            zip(options["interventions"]["intervention_code"], options["interventions"]["intervention_name"])
        ),
    }


def page_header(title: str, filters: Filters, *, lead: str | None = None) -> DeltaGenerator | None:
    """The page title, the scope in words, and the synthetic-data notice where it applies.

    In presentation mode the page opens as a slide: the scope strip (which carries the synthetic-data
    notice), the title with Previous / Next page links, and no lead paragraph; it returns the empty
    slot under the title where the page's top key finding goes (``components.findings.headline``),
    filled once the figures and chart are drawn. Out of presentation mode it returns None.
    """
    scope = describe_scope(filters, scope_labels())
    synthetic = bool(cache.load_dataset_info()["synthetic"])
    # Here, not in kpi_row: a style-only element goes outside the page's blocks, which a replayed section
    # cannot draw into.
    st.html(_WRAPPED_LABELS_CSS)
    if presentation.is_presenting():
        presentation.scope_strip(scope, synthetic=synthetic)
        presentation.slide_title(title)
        return st.empty()
    st.title(title)
    st.markdown(f"**{scope}**")
    if lead:
        st.markdown(lead)
    if synthetic:
        st.info("These figures come from **synthetic sample data**: no real people or services.", icon="ℹ️")
    return None


#: Headline labels wrap onto a second line instead of being cut ("Judged suffici…"): five figures
#: to a row at 1280 px leave a label under 100 px beside its help icon. Drawn by ``page_header``.
_WRAPPED_LABELS_CSS = """<style>
[data-testid="stMain"] [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
</style>"""


def _per_row(count: int) -> int:
    """Up to five figures share a row; six or more split over two rows so labels are not cut off."""
    return max(count, 1) if count <= 5 else -(-count // 2)


def kpi_row(kpis: Sequence[Kpi], *, presenting: bool | None = None) -> None:
    """Headline figures side by side, each with its definition as help text.

    In presentation mode the large figures flow as many to a row as the screen holds (four at
    1280 px, six at 1920 px), without help icons. ``presenting`` is this session's mode when None;
    a replayed section passes it.
    """
    if presenting is None:
        presenting = presentation.is_presenting()
    if presenting:
        with st.container(horizontal=True, key=f"slide_kpis_{_slug(kpis)}", gap="small"):
            for kpi in kpis:
                st.metric(kpi.label, kpi.value, delta=kpi.delta, delta_color=kpi.delta_color,
                          delta_arrow=kpi.delta_arrow, border=True, width=presentation.KPI_WIDTH_PX)
        return
    per_row = _per_row(len(kpis))
    for first in range(0, len(kpis), per_row):
        row = kpis[first:first + per_row]
        for column, kpi in zip(st.columns(per_row), row):
            with column:
                st.metric(
                    kpi.label,
                    kpi.value,
                    delta=kpi.delta,
                    delta_color=kpi.delta_color,
                    delta_arrow=kpi.delta_arrow,
                    help=kpi.definition or short_definition(kpi.label) or None,
                    border=True,
                )


def _slug(kpis: Sequence[Kpi]) -> str:
    """A key for a row of headline figures, from its first label (two rows on a page need two keys)."""
    return "".join(char if char.isalnum() else "_" for char in (kpis[0].label if kpis else "none")).lower()


def chart(
    figure: go.Figure,
    *,
    key: str,
    caption: str | None = None,
    on_select: str = "ignore",
    selection_mode: tuple[str, ...] = ("points",),
) -> object:
    """A chart and its caption; returns the chart's selection state.

    Without click selection it draws no widget, so a replayed section may draw it.
    """
    event = st.plotly_chart(
        figure, width="stretch", key=key, on_select=on_select, selection_mode=selection_mode, theme=None,
        config={"displaylogo": False},
    )
    if caption:
        st.caption(caption)
    return event


def data_panel(table: pd.DataFrame, *, key: str, file_name: str, column_config: dict[str, object] | None = None,
               column_order: Sequence[str] | None = None, row_height: int | None = None) -> None:
    """The chart ``key``'s data as a table with a CSV download, in a "Show the data as a table" expander.

    ``table`` must already have disclosure control applied: it is shown and
    downloaded exactly as given. The table and its CSV are built only while
    their expander is open (key ``<key>_table``): formatting every chart's
    table on every run cost a page with five charts about 40 ms. ``column_config``, ``column_order`` and
    ``row_height`` are ``st.dataframe``'s (widths, short headings, the columns that matter first on screen;
    a taller row lets long text wrap); the CSV keeps the table's own columns and headings.
    """
    panel = st.expander("Show the data as a table", key=table_key(key), on_change="rerun")
    if panel.open:
        with panel:
            st.dataframe(display_table(table), width="stretch", hide_index=True, column_config=column_config,
                         column_order=column_order, row_height=row_height)
            download_csv(table, file_name=file_name, key=f"{key}_download")


def chart_card(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    caption: str | None = None,
    on_select: str = "ignore",
    selection_mode: tuple[str, ...] = ("points",),
) -> object:
    """A chart with its data as a table and a CSV download beneath it (``chart``, then ``data_panel``).

    Returns the chart's selection state.
    """
    event = chart(figure, key=key, caption=caption, on_select=on_select, selection_mode=selection_mode)
    data_panel(table, key=key, file_name=file_name)
    return event


def table_key(chart_key: str) -> str:
    """The session-state key of a chart card's "Show the data as a table" expander (True = open)."""
    return f"{chart_key}_table"


def _count_text(value: float) -> str:
    if pd.isna(value):
        return "–"
    return SUPPRESSED_COUNT if value == SUPPRESSED_SORT_VALUE else f"{value:,.0f}"


def display_table(table: pd.DataFrame) -> pd.DataFrame | Styler:
    """A disclosure-controlled table ready for ``st.dataframe``, still sortable by number.

    A count column (numbers, possibly with "<5", held as text by
    ``suppress_table``) becomes numeric again: "<5" holds SUPPRESSED_SORT_VALUE
    (between 0 and 5, never the true count) underneath and is displayed as
    "<5", other counts with thousands separators, so the column sorts by number
    instead of as text. Tables without such columns are returned unchanged.
    """
    counts: dict[str, pd.Series] = {}
    for column in table.columns:
        if table[column].dtype != object:
            continue
        numbers = pd.to_numeric(table[column].replace(SUPPRESSED_COUNT, SUPPRESSED_SORT_VALUE), errors="coerce")
        if numbers.notna().sum() == table[column].notna().sum():
            counts[column] = numbers
    if not counts:
        return table
    return table.assign(**counts).style.format(_count_text, subset=list(counts))


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table's CSV download, as bytes (a replayed section returns these for the button after it)."""
    return table.to_csv(index=False).encode("utf-8")


def download_csv(table: pd.DataFrame | bytes, *, file_name: str, key: str, label: str = "Download CSV") -> None:
    """A download button for a table (or its ``csv_bytes``) that already has disclosure control applied."""
    data = table if isinstance(table, bytes) else csv_bytes(table)
    st.download_button(label, data, file_name=file_name, mime="text/csv", key=key,
                       on_click=access.on_download(AuditAction.CSV_DOWNLOAD, file_name))


def caveat_note(text: str) -> None:
    """A short caveat beside a figure or chart."""
    st.caption(f"ℹ️ {text}")


def disclosure_note() -> None:
    """The disclosure-control rule every page applies, in the words of docs/definitions.md."""
    caveat_note(short_definition(DISCLOSURE_CONTROL))


def definitions_expander(headings: Sequence[str], *, title: str = "Definitions used on this page") -> None:
    """The definitions (from docs/definitions.md) of every figure the page shows."""
    _definitions(tuple(headings), title)


@replayed
def _definitions(headings: tuple[str, ...], title: str) -> None:
    with st.expander(title):
        for heading in headings:
            st.markdown(f"**{heading}**\n\n{definition(heading)}")
