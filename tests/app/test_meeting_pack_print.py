"""The national meeting pack is one a meeting can use: at most 20 printed pages on the test dataset,
nothing that only works on a screen printed, and every table whole in the bundle beside it.

The page count is Chromium's (data_access/pdf.py, the path the sidebar's "Make a PDF" takes): it
depends only on the pack's HTML, so for the fixed test dataset it is the same on every run.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access.pdf import html_to_pdf, pdf_unavailable_reason
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page

#: Printed pages a meeting pack may take at national scope (issue 17: 128 before).
PAGE_BUDGET = 20


@pytest.fixture(scope="module")
def national_pack(sample_database_url: str) -> Iterator[tuple[str, bytes]]:
    """The pack and its tables bundle, built from the Overview at national scope with default settings."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    at = open_page(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS),
                   "pages/overview.py")
    at.sidebar.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    _, page, bundle = at.session_state["_meeting_pack"]
    yield page, bundle
    monkeypatch.undo()


def printed_page_count(pdf: bytes) -> int:
    """Pages in a PDF: the page tree's root counts them all (the largest /Count)."""
    return max(int(count) for count in re.findall(rb"/Count (\d+)", pdf))


def visible_text(page: str) -> str:
    """What the printed pack shows: no scripts, no styles, no folded screen-only tables, no tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    page = re.sub(r'<details class="chart-data">.*?</details>', " ", page, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.skipif(pdf_unavailable_reason() is not None, reason="Chromium is not installed (set CHROMIUM_PATH)")
def test_the_national_pack_prints_within_the_page_budget(national_pack):
    page, _ = national_pack
    pdf = html_to_pdf(page)
    assert pdf.startswith(b"%PDF-")
    pages = printed_page_count(pdf)
    sections = page.count('<section class="page"')
    assert sections <= pages <= PAGE_BUDGET, pages


def test_no_toolbar_or_screen_hint_is_printed(national_pack):
    page, _ = national_pack
    configs = re.findall(r"Plotly\.newPlot\(.*?(\{[^{}]*\})\s*\)", page, flags=re.DOTALL)
    assert configs and len(configs) == page.count("Plotly.newPlot(")
    assert all('"displayModeBar": false' in config for config in configs)
    assert "modebar" not in visible_text(page).lower()
    hints = re.findall(r"[^.]*\b(?:click|clicking|hover|drag|zoom)\b[^.]*", visible_text(page), flags=re.IGNORECASE)
    assert hints == []


def test_long_tables_print_short_and_every_table_is_whole_in_the_bundle(national_pack):
    page, bundle = national_pack
    named = set(re.findall(r"<code>(\d\d-[a-z0-9-]+\.csv)</code>", page))
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        files = set(archive.namelist())
        catalogue = next(name for name in files if name.endswith("-landscape-catalogue-of-interventions.csv"))
        catalogue_rows = len(pd.read_csv(io.BytesIO(archive.read(catalogue))))
    assert named and named <= files
    listed = int(re.search(r"<summary>Catalogue of interventions \((\d+) rows\)</summary>", page).group(1))
    assert catalogue in named and catalogue_rows == listed > 100  # the whole catalogue, which the pack does not print
    printed_rows = [len(re.findall(r"<tr>", table)) - 1 for table in re.findall(
        r"<table[^>]*>.*?</table>", re.sub(r'<details class="chart-data">.*?</details>', "", page, flags=re.DOTALL),
        flags=re.DOTALL)]
    assert printed_rows and max(printed_rows) <= 10
