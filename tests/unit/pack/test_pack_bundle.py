"""The tables bundle beside the meeting pack: every table whole, named as the pack names it."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import plotly.graph_objects as go

from charts.pack.bundle import DEFINITIONS_NAME, README_NAME, tables_bundle
from charts.pack.html import PackChart, PackSection, pack_html
from tests.unit.pack.test_pack_html import COVER


def _files(bundle: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_every_table_is_in_the_bundle_whole_under_the_name_the_pack_prints():
    figure = go.Figure(go.Bar(x=["A"], y=[1]))
    figure.update_layout(title={"text": "Waits by PDU (weeks)"})
    by_pdu = pd.DataFrame({"PDU": [f"P{n:03d}" for n in range(108)], "Waiting": ["<5"] * 108})
    sections = [
        PackSection("Overview", definitions={"Referrals": "Referrals made in the period.\n\nUnit: referrals."}),
        PackSection("Waiting times", charts=[PackChart(figure, by_pdu)],
                    tables=[("By region", pd.DataFrame({"Region": ["North East"], "Waiting": [1_230]}))],
                    full_tables=[("Catalogue", pd.DataFrame({"Name": ["Building Choices"]}))]),
    ]
    files = _files(tables_bundle(COVER, sections))
    names = ["02-waiting-times-waits-by-pdu-weeks.csv", "02-waiting-times-by-region.csv", "02-waiting-times-catalogue.csv"]
    assert sorted(files) == sorted([*names, DEFINITIONS_NAME, README_NAME])
    assert pd.read_csv(io.StringIO(files[names[0]]), dtype=str).equals(by_pdu)  # all 108 rows, "<5" kept as text
    assert files[names[1]] == "Region,Waiting\nNorth East,1230\n"
    page = pack_html(COVER, sections)
    assert all(f"<code>{name}</code>" in page for name in (names[0], names[2]))  # a short table is printed whole
    definitions = pd.read_csv(io.StringIO(files[DEFINITIONS_NAME]))
    assert definitions.to_dict("records") == [{"Figure": "Referrals", "Definition": "Referrals made in the period.\n\nUnit: referrals."}]
    assert COVER.scope in files[README_NAME] and "17 March 2025" in files[README_NAME]
    assert "synthetic sample data" in files[README_NAME]
