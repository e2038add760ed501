"""What the Data quality page draws: the summary, the impact on the figures, one measure by PDU."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from charts.accessibility import comparison_cell_style
from charts.quality.figures import quality_bar_figure
from components.blocks import caveat_note, chart, csv_bytes, display_table, download_csv
from components.comparison_key import comparison_key
from components.presentation import chart_font_px
from components.quality.page import chosen_measure
from components.quality.view import QualityView
from components.url_state import bind
from metrics.quality.impact import impact_table
from metrics.quality.measures import MEASURES, MEASURES_BY_KEY, NO_PROVISION
from metrics.quality.rates import measure_by_pdu
from metrics.quality.tables import COMPARED_COLUMN, pdu_display, summary_display

#: PDUs drawn in the chart: the highest shares (every PDU in scope is in the table).
CHART_PDUS = 15


def _with_shares(table: pd.DataFrame) -> Styler:
    """``display_table`` (counts sort by number, "<5" reads "<5") with shares to one decimal, "–" where hidden."""
    shown = display_table(table)
    styled = shown if isinstance(shown, Styler) else shown.style
    shares = [column for column in table.columns if column.endswith("(%)")]
    whole = [column for column in table.columns if pd.api.types.is_integer_dtype(table[column])]
    return styled.format(precision=1, na_rep="–", subset=shares).format("{:,}", subset=whole)


def summary_section(view: QualityView) -> None:
    """Section 1: every measure for the scope against England and Wales, as a table with its CSV."""
    st.subheader("1. How complete and plausible the records are")
    table = summary_display(view.summary)
    st.dataframe(_with_shares(table), hide_index=True, width="stretch", key="quality_summary")
    download_csv(table, file_name="data_quality_summary.csv", key="quality_summary_download")
    names = ", ".join(view.no_provision["pdu_name"]) or "none"
    st.markdown(f"**{NO_PROVISION}:** {len(view.no_provision)} of {len(view.scope_pdus)} PDUs selected ({names}).")
    caveat_note(f"The data date is {view.reference_date:%d %B %Y}, the day the latest data were loaded: no "
                "record can be dated after it. Counts are rounded to the nearest 5 and a share is hidden where "
                "it would reveal fewer than 5 records.")


def impact_section(view: QualityView) -> None:
    """Section 2: for each headline figure of the other pages, the share of it a problem touches."""
    st.subheader("2. Impact on the figures")
    table = impact_table(view.summary, pdus_without_provision=len(view.no_provision))
    st.markdown("\n".join(f"- **{row['Figure']}** ({row['Shown on']}): {row['What it means']}"
                          for _, row in table.iterrows()))
    download_csv(table, file_name="data_quality_impact.csv", key="quality_impact_download")


def measure_picker() -> str:
    """The measure to show by PDU (a select box kept in the URL as ``quality``); returns its key."""
    chosen_measure()
    keys = [measure.key for measure in MEASURES]
    return st.selectbox("Measure", keys, format_func=lambda key: MEASURES_BY_KEY[key].name,
                        **bind("page_quality"))


def by_pdu_section(view: QualityView) -> None:
    """Section 3: one measure by PDU against England and Wales: the highest shares as bars, every PDU as a table."""
    st.subheader("3. By PDU, against England and Wales")
    comparison_key("England and Wales", note="Here a lower share is better: fewer records with the problem.")
    measure_key = measure_picker()
    measure = MEASURES_BY_KEY[measure_key]
    compared = measure_by_pdu(view.counts, measure)
    compared = compared[compared["pdu_code"].isin(set(view.scope_pdus))].reset_index(drop=True)
    drawn = compared.dropna(subset=["value_pct"]).head(CHART_PDUS)
    which = "every PDU selected" if len(drawn) == len(compared) else f"the {len(drawn)} PDUs with the highest shares"
    if drawn.empty:
        st.info(f"No PDU's share of {measure.name.lower()} can be shown for these filters: too few records.")
    else:
        chart(quality_bar_figure(drawn, title=f"{measure.name} (%): {which}", font_px=chart_font_px()),
              key="quality_bars")
    st.caption(f"Share of {measure.counted} with the problem. The dashed line is England and Wales. A PDU is "
               "Worse when England and Wales lies below its 95% interval, Significantly worse below its 99.8% "
               "interval; the colour and the word say the same as the key above."
               + (f" {int(compared['suppressed'].sum())} PDUs' shares are hidden (too few records to show safely) "
                  "and are not drawn." if compared["suppressed"].any() else ""))
    table = pdu_display(compared, measure)
    styled = _with_shares(table).map(comparison_cell_style, subset=[COMPARED_COLUMN])
    st.dataframe(styled, hide_index=True, width="stretch", key="quality_pdu_table",
                 height=min(700, 40 + 35 * len(table)))
    download_csv(csv_bytes(table), file_name=f"data_quality_{measure.key}_by_pdu.csv",
                 key="quality_pdu_download")
