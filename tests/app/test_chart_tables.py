"""Every chart's "Show the data as a table": built only when opened, then the chart's data with a CSV.

Pages draw several charts; their tables are formatted only while the reader has
the expander open, so a closed one must hold nothing and an open one the table
(with disclosure control already applied by the page) and its download.
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.blocks import table_key
from tests.app.conftest import open_page

LANDSCAPE = "pages/landscape.py"
TABLE_LABEL = "Show the data as a table"


def data_panels(app: AppTest) -> list:
    return [expander for expander in app.expander if expander.label == TABLE_LABEL]


def test_closed_data_panels_hold_no_table(app):
    open_page(app, LANDSCAPE)
    panels = data_panels(app)
    assert len(panels) == 7  # ranked bars, treemap, availability, map, demand, shortfall, trend
    assert all(len(panel.dataframe) == 0 and len(panel.get("download_button")) == 0 for panel in panels)


def test_an_open_data_panel_shows_its_chart_data_and_a_csv_download(app):
    open_page(app, LANDSCAPE)
    app.session_state[table_key("landscape_shortfall")] = True
    app.run()
    assert not app.exception, app.exception

    filled = [panel for panel in data_panels(app) if len(panel.dataframe)]
    assert len(filled) == 1, "only the opened panel is built"
    table = filled[0].dataframe[0].value
    table = table.data if not isinstance(table, pd.DataFrame) else table  # a Styler keeps "<5" sortable
    assert {"Need", "PDU", "Shortfall in places per month"} <= set(table.columns) and len(table) > 0
    downloads = filled[0].get("download_button")
    assert [button.proto.label for button in downloads] == ["Download CSV"]
