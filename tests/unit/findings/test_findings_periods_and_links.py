"""The default comparison period and the address a finding's link starts from."""

from __future__ import annotations

import datetime as dt

import pytest

from components.findings.links import app_root
from vocabulary.scope import previous_period


@pytest.mark.parametrize(("start", "end", "expected"), [
    # 365 days ending 31 Oct 2026 -> the 365 days ending 31 Oct 2025.
    (dt.date(2025, 11, 1), dt.date(2026, 10, 31), (dt.date(2024, 11, 1), dt.date(2025, 10, 31))),
    # One day -> the day before.
    (dt.date(2026, 3, 1), dt.date(2026, 3, 1), (dt.date(2026, 2, 28), dt.date(2026, 2, 28))),
    # 1–31 March (31 days) -> 29 January – 28 February.
    (dt.date(2026, 3, 1), dt.date(2026, 3, 31), (dt.date(2026, 1, 29), dt.date(2026, 2, 28))),
])
def test_the_previous_period_has_the_same_length_and_ends_the_day_before(start, end, expected):
    assert previous_period(start, end) == expected


@pytest.mark.parametrize(("url", "root"), [
    ("http://host:8501/waiting-times?region=N53", "http://host:8501"),
    ("http://host:8501/", "http://host:8501"),
    ("https://example.org/dashboard/key-findings", "https://example.org/dashboard"),
    (None, "."),
    ("", "."),
])
def test_a_links_root_is_the_apps_address(url, root):
    assert app_root(url) == root


def test_the_benchmark_keys_the_findings_pass_mean_the_same_on_both_pages():
    from metrics.comparison import pdu_comparison
    from metrics.sufficiency import benchmark

    assert (benchmark.ENGLAND_WALES, benchmark.REGION) == (pdu_comparison.ENGLAND_WALES, pdu_comparison.REGION)


def test_every_findings_page_path_and_title_is_the_apps():
    import re
    from pathlib import Path

    from components.findings.links import PAGE_PATHS, PAGE_TITLES

    source = (Path(__file__).resolve().parents[3] / "dashboard.py").read_text(encoding="utf-8")
    registered = dict(re.findall(r'title="([^"]+)", icon="[^"]*", url_path="([^"]+)"', source))
    assert {PAGE_TITLES[page]: path.lstrip("/") for page, path in PAGE_PATHS.items()}.items() <= registered.items()
