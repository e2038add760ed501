"""Sections drawn once and replayed to every session: what keeps a cached view cheap.

Everyone who opens the same filters and page settings on the same data sees the same
charts, tables and words. ``replayed`` wraps a function that draws such elements: the
first call for given arguments and data version runs it, and Streamlit's
``st.cache_data`` records the elements it drew; every later call, in any session,
sends the recorded elements without running it. Building the figures and tables and
serialising them was most of a view's time (docs/architecture.md, "Where the time goes").
What the function returns comes back too, for the widgets drawn after it (a data
panel's table, a download's CSV bytes).

A replayed function is shared by everyone, so it must:

- take everything its output depends on as arguments (filters, page settings, the
  presentation mode), and never read session state: one person's clicks, choices or
  saved views must not reach anyone else. Arguments are plain values (text, numbers,
  dates, tuples and frozen dataclasses of them), identified by what they hold; anything
  else is refused rather than risk two different values sharing a key;
- draw no widget (Streamlit would warn, and a replay cannot be clicked): download
  buttons, charts with click selection, and expanders or tabs that rerun are drawn
  after it, in the page's own code, from what it returns.

``shared_data`` is the same without drawing: a result computed once per arguments and
data version for every session (what several replayed sections draw from).
``shared_figure`` keeps a figure built for widget charts (those with click selection),
which must be drawn live: one object shared by every session, never changed after it
is built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import plotly.graph_objects as go
import streamlit as st

from components import cache

P = ParamSpec("P")
T = TypeVar("T")

#: Bytes of recorded sections kept (least recently used go first): a view records about ten.
MAX_RECORDED_BYTES = "384MB"
#: Figures kept for widget charts: a few per view of a page with click selection.
MAX_SHARED_FIGURES = 512


def _name(function: Callable[..., Any]) -> str:
    """The function's name with a digest of its code, so an edited function is not replayed from before."""
    try:
        code = inspect.getsource(function).encode("utf-8")
    except OSError:  # deployed without sources: the compiled code tells versions apart too
        code = function.__code__.co_code
    digest = hashlib.sha256(code).hexdigest()[:12]
    return f"{function.__module__}.{function.__qualname__}:{digest}"


def identity(value: object) -> str:
    """What identifies a replayed section's argument: its value, spelt out (faster for Streamlit to hash
    than the objects themselves).

    Raises:
        TypeError: ``value`` is not a plain value (see the module notes).
    """
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ",".join(identity(item) for item in value) + ")"
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        fields = ",".join(f"{field.name}={identity(getattr(value, field.name))}" for field in dataclasses.fields(value))
        return f"{type(value).__qualname__}({fields})"
    raise TypeError(f"a replayed section takes plain values, not {type(value).__name__}")


def _key(name: str, args: tuple, kwargs: dict[str, Any]) -> str:
    return f"{name}|{identity(args)}|{identity(tuple(sorted(kwargs.items())))}"


# Arguments starting with "_" are not hashed by Streamlit: ``key`` identifies them.
@st.cache_data(max_size=MAX_RECORDED_BYTES, show_spinner=False)
def _replay(key: str, url: str, version: str, _draw: Callable[..., Any], _args: tuple, _kwargs: dict) -> Any:
    return _draw(*_args, **_kwargs)


def replayed(draw: Callable[P, T]) -> Callable[P, T]:
    """Draw once per arguments and data version; afterwards replay what was drawn (see the module notes)."""
    name = _name(draw)

    @functools.wraps(draw)
    def replay(*args: P.args, **kwargs: P.kwargs) -> T:
        url, version = cache.data_key()
        return _replay(_key(name, args, kwargs), url, version, draw, args, kwargs)

    return replay


def shared_data(compute: Callable[P, T]) -> Callable[P, T]:
    """Compute once per arguments and data version, for every session (it draws nothing)."""
    return replayed(compute)


@st.cache_resource(max_entries=MAX_SHARED_FIGURES, show_spinner=False)
def _figure(key: str, url: str, version: str, _build: Callable[..., go.Figure], _args: tuple,
            _kwargs: dict) -> go.Figure:
    return _build(*_args, **_kwargs)


def shared_figure(build: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    """Build a figure once per arguments and data version and share it: never change what it returns."""
    name = _name(build)

    @functools.wraps(build)
    def shared(*args: P.args, **kwargs: P.kwargs) -> go.Figure:
        url, version = cache.data_key()
        return _figure(_key(name, args, kwargs), url, version, build, args, kwargs)

    return shared
