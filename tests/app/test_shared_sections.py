"""Sections drawn once and replayed to everyone (components/replay.py): the next person sees exactly
what they would have seen alone, none of the previous person's settings, clicks or presentation mode,
and their view builds no figure again."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import replay
from components.waiting import sections as waiting_sections
from data_access.queries import filter_options
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT

WAITING = "pages/waiting_times.py"


def new_session(page: str, held: dict[str, object] | None = None, **query: str) -> AppTest:
    """A new person opening ``page`` from a link with ``query``, with ``held`` already in their session
    (choices they made, so that their first view is the first to draw anything)."""
    app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)
    for key, value in query.items():
        app.query_params[key] = value
    for key, value in (held or {}).items():
        app.session_state[key] = value
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def what_is_shown(app: AppTest) -> list[object]:
    """Every element of the page's main area in order: text, figures, tables and chart specifications."""
    shown: list[object] = []

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if children is not None:
            for child in children.values():
                walk(child)
            return
        kind, proto = getattr(node, "type", None), getattr(node, "proto", None)
        if kind == "plotly_chart":
            shown.append((kind, json.loads(proto.spec)))
        elif kind == "dataframe":
            shown.append((kind, node.value.to_csv()))
        elif kind == "metric":
            shown.append((kind, proto.label, proto.body, proto.delta))
        elif proto is not None and hasattr(proto, "body"):
            shown.append((kind, proto.body))

    walk(app.main)
    return shown


@pytest.fixture
def empty_caches(sample_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", sample_database_url)
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_next_person_sees_what_they_would_see_alone_not_the_previous_persons_choices(empty_caches, database):
    alone = what_is_shown(new_session(WAITING))
    st.cache_data.clear()
    st.cache_resource.clear()

    pdu_code = filter_options(database)["pdus"]["pdu_code"].iloc[0]
    clicking = new_session(WAITING, held={  # the same link, with choices held only in this person's session
        "waiting_plan_places": 500,
        "waiting_by_pdu": {"selection": {"points": [{"customdata": [pdu_code]}], "point_indices": [0],
                                         "box": [], "lasso": []}},
    })
    assert any("Tables narrowed to" in note.value for note in clicking.info)
    assert any("+500 starts a month" in text.value for text in clicking.markdown)
    presenting = new_session(WAITING, present="1")  # large chart text, three figures a row
    assert what_is_shown(presenting) != alone

    assert what_is_shown(new_session(WAITING)) == alone


def test_a_second_person_on_the_same_link_is_sent_the_recorded_sections_without_building_a_figure(
        empty_caches, monkeypatch):
    built: list[str] = []
    original = waiting_sections.wait_bands_figure

    def counted(*args: object, **kwargs: object) -> object:
        built.append("bands")
        return original(*args, **kwargs)

    monkeypatch.setattr(waiting_sections, "wait_bands_figure", counted)
    first = what_is_shown(new_session(WAITING))
    second = what_is_shown(new_session(WAITING))
    assert built == ["bands"]
    assert second == first


@pytest.mark.parametrize("value", [
    pd.DataFrame({"a": [1]}), [1, 2], {"a": 1}, object(),
])
def test_a_replayed_section_refuses_arguments_it_cannot_identify_by_value(value):
    with pytest.raises(TypeError):
        replay.identity(value)


def test_different_values_are_identified_differently():
    values = [None, "1", 1, 1.0, True, dt.date(2025, 1, 1), (1, 2), ((1, 2),), ("a,b",), ("a", "b")]
    assert len({replay.identity(value) for value in values}) == len(values)
