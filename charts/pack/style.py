"""The meeting pack's stylesheet: large readable type, theme colours, print layout."""

from __future__ import annotations

from charts.theme import BACKGROUND, DARK_BLUE, GRID_COLOUR, TEXT_COLOUR

PACK_CSS = f"""
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 18px; color: {TEXT_COLOUR};
  background: {BACKGROUND}; margin: 0; line-height: 1.45; }}
main {{ max-width: 1200px; margin: 0 auto; padding: 24px; }}
h1 {{ font-size: 36px; color: {DARK_BLUE}; margin: 0 0 12px; }}
h2 {{ font-size: 28px; color: {DARK_BLUE}; border-bottom: 3px solid {DARK_BLUE}; padding-bottom: 4px; }}
h3 {{ font-size: 21px; margin-top: 28px; }}
.scope {{ font-size: 24px; font-weight: bold; background: {DARK_BLUE}; color: #FFFFFF; padding: 10px 14px; }}
.facts dt {{ font-weight: bold; float: left; clear: left; width: 140px; }}
.facts dd {{ margin: 0 0 6px 150px; }}
.notice {{ border-left: 6px solid {DARK_BLUE}; background: #F3F2F1; padding: 10px 14px; }}
.settings {{ font-weight: bold; }}
.kpis {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }}
.kpi {{ border: 1px solid {GRID_COLOUR}; border-radius: 6px; padding: 10px 14px; break-inside: avoid; }}
.kpi .label {{ font-size: 17px; }}
.kpi .value {{ font-size: 36px; font-weight: bold; }}
.kpi .delta {{ font-size: 16px; }}
.chart {{ margin: 24px 0; break-inside: avoid-page; }}
.chart .plot {{ width: 100%; }}
details > summary {{ font-weight: bold; margin-top: 8px; cursor: pointer; }}
.table-wrap {{ overflow-x: auto; max-width: 100%; }}
.small, .note {{ font-size: 16px; }}
table.data {{ border-collapse: collapse; margin: 8px 0 16px; font-size: 15px; }}
table.data th, table.data td {{ border-bottom: 1px solid {GRID_COLOUR}; padding: 4px 10px; text-align: left; }}
table.data th {{ background: #F3F2F1; }}
.definitions dt {{ font-weight: bold; margin-top: 12px; }}
.definitions dd {{ margin-left: 0; font-size: 16px; }}
a {{ color: {DARK_BLUE}; }}
.findings li {{ margin: 0 0 12px; }}
.findings li::marker {{ font-weight: bold; color: {DARK_BLUE}; }}
.finding {{ font-size: 19px; margin: 0; }}
.more {{ font-style: italic; }}
.appendix .definitions dt {{ margin-top: 6px; }}
.appendix .definitions dd p {{ margin: 0 0 4px; }}
/* Nothing interactive is printed; Plotly's toolbar is switched off, and hidden here too should a chart bring one. */
.modebar-container, .modebar {{ display: none !important; }}
.print-only {{ display: none; }}
@page {{ size: A4; margin: 12mm; }}
@media print {{
  body {{ font-size: 11pt; line-height: 1.3; }}
  main {{ max-width: none; padding: 0; }}
  h1 {{ font-size: 22pt; }}
  h2 {{ font-size: 16pt; margin: 0 0 6px; }}
  h3 {{ font-size: 12pt; margin: 10px 0 4px; break-after: avoid; }}
  .scope {{ font-size: 13pt; }}
  .page {{ break-before: page; }}
  .cover + .page, .page[data-brief] {{ break-before: auto; margin-top: 18px; }}  /* short: no sheet of their own */
  .appendix .definitions {{ columns: 2; column-gap: 18px; }}
  .appendix .definitions dt {{ break-after: avoid; }}
  .chart-data {{ display: none; }}
  .table-wrap {{ overflow: visible; }}  /* a printed scroll bar hides columns */
  table.data {{ width: 100%; table-layout: auto; overflow-wrap: break-word; }}
  .print-only {{ display: block; }}
  .kpis {{ grid-template-columns: repeat(3, 1fr); gap: 6px; }}
  .kpi {{ padding: 4px 8px; }}
  .kpi .label {{ font-size: 9pt; }}
  .kpi .value {{ font-size: 18pt; }}
  .kpi .delta, .small, .note {{ font-size: 9pt; }}
  .finding {{ font-size: 11pt; }}
  .findings li {{ margin: 0 0 6px; }}
  .chart {{ margin: 8px 0; }}
  table.data {{ font-size: 7.5pt; margin: 4px 0 6px; }}
  table.data th, table.data td {{ padding: 1px 6px; }}
  .definitions dd {{ font-size: 8pt; }}
  .definitions dt {{ font-size: 8.5pt; }}
}}
"""
