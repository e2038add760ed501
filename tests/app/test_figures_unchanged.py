"""Every page shows what it showed when the digests were recorded (issue 14: speed work must not
change a figure).

Each page in the navigation runs in five scopes on the test dataset; every metric, table, chart
spec and sentence is compared, by digest, with ``tests/golden/page_outputs.json``. The same
digests hold on DuckDB and on PostgreSQL, so the two databases are also held to the same
figures. When a change is meant to alter what a page shows, rewrite the digests with
``python -m tests.page_outputs duckdb:///FILE --write-golden`` on the test dataset and say so
in the commit; to see what changed, dump both versions with ``python -m tests.page_outputs``
and ``diff -r`` them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.page_outputs import GOLDEN, changed_outputs, digests, dump_pages
from tests.sample_database import sample_in_postgres_schema


def _compare(database_url: str, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)  # dump_pages sets it; restored after the test
    dump_pages(database_url, out_dir)
    recorded = json.loads(GOLDEN.read_text())
    changes = changed_outputs(recorded, digests(out_dir))
    assert not changes, "page outputs differ from tests/golden/page_outputs.json:\n" + "\n".join(changes)


def test_every_page_unchanged_on_duckdb(sample_database_url: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(sample_database_url, tmp_path, monkeypatch)


def test_every_page_unchanged_on_postgresql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sample_in_postgres_schema(skip_reason="TEST_DATABASE_URL not set: PostgreSQL page outputs not compared") as url:
        _compare(url, tmp_path, monkeypatch)


def test_a_changed_figure_is_reported(tmp_path: Path) -> None:
    """The comparison itself: one changed value, one missing file and one new file are each named; a
    different load time is not a change."""
    (tmp_path / "overview" / "national").mkdir(parents=True)
    metrics = tmp_path / "overview" / "national" / "metrics.json"
    metrics.write_text('[{"label": "Waiting", "value": "1,230"}]')
    (tmp_path / "overview" / "national" / "texts.txt").write_text("Last load: 04 December 2026 23:21")
    before = digests(tmp_path)
    metrics.write_text('[{"label": "Waiting", "value": "1,235"}]')
    (tmp_path / "overview" / "national" / "texts.txt").write_text("Last load: 05 December 2026 09:02")
    (tmp_path / "overview" / "national" / "chart_00.json").write_text("{}")
    after = digests(tmp_path)
    assert after["overview/national/texts.txt"] == before["overview/national/texts.txt"]  # only the load time moved
    del after["overview/national/texts.txt"]
    assert changed_outputs(before, after) == [
        "changed: overview/national/metrics.json",
        "missing now: overview/national/texts.txt",
        "new: overview/national/chart_00.json",
    ]
