"""Every result the pages' cached loaders return survives the shared cache's bytes unchanged.

The pages are run under AppTest with each query wrapped to record what it returned, so
the results checked are exactly those the app caches (every frame type, dict and scalar
the loaders give), not a hand-made list. Each call is then repeated on a period before
the data begins, so the same queries' empty results are checked too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import cache
from data_access.engine import make_engine
from data_access.result_codec import decode_result, encode_result
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from vocabulary.scope import Filters

PAGE_LINKS = [
    ("pages/overview.py", {}),
    ("pages/landscape.py", {}),
    ("pages/waiting_times.py", {"region": "N53"}),
    ("pages/sufficiency_gaps.py", {}),
    ("pages/pdu_comparisons.py", {"cmp_indicator": "median_wait", "cmp_pdu": "N03P01", "cmp_benchmark": "region"}),
    ("pages/data_quality.py", {}),
    ("pages/about_the_data.py", {}),
    ("pages/key_findings.py", {}),  # its subgroup counts are its own query
]
BEFORE_THE_DATA = Filters(dt.date(1990, 1, 1), dt.date(1990, 3, 31))


def assert_same(decoded: object, original: object, where: str) -> None:
    """Equal values of the same types, frames compared column type by column type (text of a str
    subclass, such as SQLAlchemy's table names, comes back as plain text)."""
    assert type(decoded) is (str if isinstance(original, str) else type(original)), where
    if isinstance(original, pd.DataFrame):
        pd.testing.assert_frame_equal(decoded, original, check_exact=True, obj=where)
        for column in original.columns:  # object columns: the Python types inside too (dates stay dates)
            assert [type(v) for v in decoded[column]] == [type(v) for v in original[column]], f"{where}.{column}"
    elif isinstance(original, dict):
        assert list(decoded) == list(original), where
        for key in original:
            assert_same(decoded[key], original[key], f"{where}[{key!r}]")
    elif isinstance(original, (tuple, list)):
        assert len(decoded) == len(original), where
        for index, (left, right) in enumerate(zip(decoded, original)):
            assert_same(left, right, f"{where}[{index}]")
    else:
        assert decoded == original or (decoded != decoded and original != original), where  # nan == nan here


def before_the_data(value: object) -> object:
    """``value`` with every filter, date and window moved to a period before the data begin."""
    if isinstance(value, Filters):
        return value.with_changes(period_start=BEFORE_THE_DATA.period_start, period_end=BEFORE_THE_DATA.period_end)
    if isinstance(value, dt.date):
        return BEFORE_THE_DATA.period_end
    if isinstance(value, tuple):
        return tuple(before_the_data(item) for item in value)
    return value


Call = tuple[str, tuple, dict, Any]


@pytest.fixture
def recorded_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[Call], dict[str, Callable[..., Any]]]]:
    """The calls the pages make to the queries, with their results; and the unwrapped queries by name."""
    calls: list[Call] = []
    originals = dict(cache._QUERIES)

    def recording(name: str, query: Callable[..., Any]) -> Callable[..., Any]:
        def run(engine: object, *args: object, **kwargs: object) -> Any:
            result = query(engine, *args, **kwargs)
            calls.append((name, args, kwargs, result))
            return result
        return run

    for name, query in list(cache._QUERIES.items()):
        monkeypatch.setitem(cache._QUERIES, name, recording(name, query))
    st.cache_data.clear()  # results cached by earlier tests would not be recorded
    st.cache_resource.clear()
    yield calls, originals
    st.cache_data.clear()


def test_every_loader_result_of_every_page_round_trips_through_the_cache_bytes(
        recorded_calls, sample_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, queries = recorded_calls
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    for page, query_string in PAGE_LINKS:  # a session each: a session reads its link once
        open_page(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS),
                  page, **query_string)

    assert {name for name, *_ in calls} == set(queries), "a loader no page called"
    engine = make_engine(sample_database_url, read_only=True)
    try:
        for name, args, kwargs, result in calls:
            assert_same(decode_result(encode_result(result)), result, name)
            empty = queries[name](engine, *before_the_data(args), **kwargs)
            assert_same(decode_result(encode_result(empty)), empty, f"{name} before the data")
    finally:
        engine.dispose()
