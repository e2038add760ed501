"""The one bridge between the UI and data_access: engines and cached query results.

Results are cached per process (``st.cache_data``) and, when ``REDIS_URL`` is set, shared
between the app's processes through Redis (``data_access.result_cache``): a result missing
here is read from there before the database is asked.

Engines are kept per database URL and data version. A load that commits changes the
version (a new DuckDB file swapped in, or a new load id in PostgreSQL), so the next
rerun opens the new data and every cached result is keyed afresh; until then the
app keeps reading the old data. Loaders wrap data_access query functions:
``load_x(filters, ...)`` runs ``x(engine, filters, ...)`` once per distinct arguments.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from charts.hexmap.shapes import PduShapes, build_pdu_shapes
from data_access import audit as audit_store
from data_access import (
    comparison_queries,
    comparison_waiting_queries,
    findings_queries,
    landscape_queries,
    quality_queries,
    queries,
    sufficiency_queries,
)
from data_access import saved_views as saved_views_store
from data_access import upload as upload_store
from data_access import users as users_store
from data_access.definitions_doc import read_definitions, read_document
from data_access.engine import DatabaseMissingError, data_version, database_url, is_duckdb, make_engine
from data_access.hexmap_reference import read_hex_reference
from data_access.load_history import load_history
from data_access.pdf import PdfUnavailableError, html_to_pdf, pdf_unavailable_reason
from data_access.result_cache import fetch_shared
from data_access.waiting_queries import waiting_flows, waiting_snapshot
from data_access.waiting_start_queries import completed_waits, time_to_start_events
from vocabulary.access import Actor, AuditAction, Role, Visibility
from vocabulary.scope import Filters

__all__ = ["DatabaseMissingError", "cached_loader", "current_engine", "data_key"]

#: Saved views (issue 7): the errors a user can meet, re-exported for the sidebar.
SavedView = saved_views_store.SavedView
SavedViewError = saved_views_store.SavedViewError
SavedViewsBusyError = saved_views_store.SavedViewsBusyError
#: Meeting pack PDF (issue 7): printing is file IO, so it lives in data_access.
__all__ += ["PdfUnavailableError", "html_to_pdf", "pdf_unavailable_reason"]

P = ParamSpec("P")
T = TypeVar("T")

_LOCK = threading.Lock()
#: Loaders run at once by load_together: more only queue on the database's cores.
LOADER_THREADS = 4
_ENGINES: dict[str, tuple[str, Engine]] = {}
_QUERIES: dict[str, Callable[..., Any]] = {}
#: (engine, data version) by database URL, as read in a script run (``_this_run``); dropped with the run.
_RUN_ENGINES: weakref.WeakKeyDictionary[object, dict[str, tuple[Engine, str]]] = weakref.WeakKeyDictionary()


def _this_run() -> object | None:
    """An object that lives for the current run of the page script, and only for it (None outside a run).

    Streamlit makes a fresh parallel-fragment coordinator at the start of every run (``ScriptRunContext.reset``);
    the loader threads of ``start_loading`` share the run's context, so they see the same one.
    """
    context = get_script_run_ctx(suppress_warning=True)
    return getattr(context, "parallel_coordinator", None) if context is not None else None


def current_engine() -> tuple[Engine, str]:
    """The engine for the configured database, and the data version it reads.

    The version is read once per run of the page script and kept for the rest of the run, so
    every section of a page reads the same data. Each read is a query on PostgreSQL, and a page
    asked 60 to 80 times a run (every cached loader and replayed section keys on it): with the
    page's loaders holding connections, those queries waited for the pool too.

    When a load has committed, the old engine is replaced, but only once none of
    its connections is in use. DuckDB shares one open database per file path within
    a process: a new engine connecting while an old connection is still open would
    be handed the old file's data under the new version, and keep it.
    """
    url = database_url()
    run = _this_run()
    if run is None:
        return _latest_engine(url)
    with _LOCK:
        seen = _RUN_ENGINES.get(run, {}).get(url)
    if seen is not None:
        return seen
    latest = _latest_engine(url)
    with _LOCK:
        _RUN_ENGINES.setdefault(run, {})[url] = latest
    return latest


def _latest_engine(url: str) -> tuple[Engine, str]:
    """``current_engine`` for ``url``, reading the data version now."""
    with _LOCK:
        known = _ENGINES.get(url)
        if known is None:
            engine = make_engine(url, read_only=True)
            _ENGINES[url] = (data_version(engine), engine)
            return _ENGINES[url][1], _ENGINES[url][0]
        version, engine = known
        latest = data_version(engine)
        if latest != version and not is_duckdb(url):
            _ENGINES[url] = (latest, engine)  # PostgreSQL: same server, new rows
        elif latest != version and engine.pool.checkedout() == 0:
            engine.dispose()  # closes every pooled connection, so the old file is let go
            engine = make_engine(url, read_only=True)
            _ENGINES[url] = (data_version(engine), engine)
        return _ENGINES[url][1], _ENGINES[url][0]


def data_key() -> tuple[str, str]:
    """The configured database's URL and the data version it holds: what shared results are keyed on."""
    url = database_url()
    _, version = current_engine()
    return url, version


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached_call(name: str, url: str, version: str, args: tuple, kwargs: tuple) -> Any:
    engine, _ = current_engine()

    def compute() -> Any:
        return _QUERIES[name](engine, *args, **dict(kwargs))

    # Several app processes (make serve): one computes, the others read it from Redis.
    return fetch_shared(compute, query=name, database_url=url, version=version, args=args, kwargs=kwargs)


def cached_loader(query: Callable[Concatenate[Engine, P], T]) -> Callable[P, T]:
    """Wrap a ``query(engine, *args)`` so its results are cached per database version."""
    name = f"{query.__module__}.{query.__qualname__}"
    _QUERIES[name] = query

    @functools.wraps(query)
    def load(*args: P.args, **kwargs: P.kwargs) -> T:
        url = database_url()
        _, version = current_engine()
        return _cached_call(name, url, version, args, tuple(sorted(kwargs.items())))

    return load


def _without_engine(query: Callable[[Engine], T]) -> Callable[[], T]:
    return cached_loader(query)  # type: ignore[return-value]


load_filter_options = _without_engine(queries.filter_options)
load_dataset_summary = _without_engine(queries.dataset_summary)
load_dataset_info = _without_engine(queries.dataset_info)


def load_data_as_of() -> dt.date | None:
    """The data date (``queries.data_as_of``), taken from the dataset information every page reads first.

    Not a loader of its own: that read every referral a second time on the first view after a load
    (0.6-0.8 s of PostgreSQL CPU at 5,000,000 referrals), for the value ``dataset_info`` already holds.
    """
    return load_dataset_info()["data_as_of"]


load_overview_counts = cached_loader(queries.overview_counts)
load_monthly_referrals_and_starts = cached_loader(queries.monthly_referrals_and_starts)

# Sufficiency gaps page
load_sufficiency_counts = cached_loader(sufficiency_queries.sufficiency_counts)
load_sufficiency_window_counts = cached_loader(sufficiency_queries.window_counts)

# Waiting times page
load_waiting_snapshot = cached_loader(waiting_snapshot)
load_waiting_flows = cached_loader(waiting_flows)
load_time_to_start_events = cached_loader(time_to_start_events)
load_completed_waits = cached_loader(completed_waits)

# Landscape page
load_landscape_reference = cached_loader(landscape_queries.landscape_reference)
load_provision_places = cached_loader(landscape_queries.provision_places)
load_referral_activity = cached_loader(landscape_queries.referral_activity)
load_monthly_referrals_by_category = cached_loader(landscape_queries.monthly_referrals_by_category)
load_need_profiles = cached_loader(landscape_queries.need_profiles)


# PDU comparisons page
load_comparison_need_counts = cached_loader(comparison_queries.need_counts_by_pdu)
load_comparison_flows = cached_loader(comparison_queries.referral_flows_by_pdu)
load_comparison_caseload = cached_loader(comparison_queries.caseload_by_month)
load_comparison_places = cached_loader(comparison_queries.places_by_month)
load_comparison_waiting_histogram = cached_loader(comparison_waiting_queries.waiting_histogram_by_pdu)
load_comparison_waiting_counts = cached_loader(comparison_waiting_queries.waiting_counts_by_pdu)
load_comparison_pooled_waits = cached_loader(comparison_waiting_queries.pooled_waiting_histogram)

# Key findings: every subgroup dimension's need counts in one pass
load_findings_subgroup_counts = cached_loader(findings_queries.subgroup_counts)

# Data quality page
_load_quality_period_counts = cached_loader(quality_queries.period_counts_by_pdu)
_load_quality_dated_counts = cached_loader(quality_queries.dated_counts_by_pdu)


def load_quality_counts(filters: Filters) -> dict[str, object]:
    """``quality_queries.quality_counts_by_pdu`` from its two parts, each cached on its own: the counts
    whatever the date are keyed without the period (``quality_queries.dated_scope``), so a new period
    reads only the period's records."""
    loaded = load_together({
        "dated": lambda: _load_quality_dated_counts(quality_queries.dated_scope(filters)),
        "period": lambda: _load_quality_period_counts(filters),
    })
    return quality_queries.combined_counts(loaded["period"], loaded["dated"])
# About the data: the load history (cached per data version: only a load changes it)
load_load_history = _without_engine(load_history)


# Loading from the browser (issue 20): writes, so never cached.
UploadedFile = upload_store.UploadedFile
UploadLimits = upload_store.UploadLimits
UploadBusyError = upload_store.UploadBusyError
DatasetInvalidError = upload_store.DatasetInvalidError
LoadError = upload_store.LoadError


def load_upload(files: list[upload_store.UploadedFile], *, loaded_by: str | None,
                progress: Callable[[str, int, int], None] | None = None) -> upload_store.LoadSummary:
    """Check and load an upload into the configured database, replacing its dataset (all or nothing)."""
    return upload_store.load_upload(files, database_url(), loaded_by=loaded_by, progress=progress)


@st.cache_data(show_spinner=False)
def load_definitions() -> dict[str, str]:
    """Definitions from docs/definitions.md: heading -> markdown text."""
    return read_definitions()


@st.cache_data(show_spinner=False)
def load_document(name: str) -> str:
    """The markdown of docs/<name>.md."""
    return read_document(name)


# Saved views (issue 7): users write them, so they are read afresh, never cached.
# With sign-in on (issue 19) ``actor`` is the signed-in person, checked by data_access.
def list_saved_views(actor: Actor | None = None) -> list[saved_views_store.SavedView]:
    """Every saved view of the configured database that ``actor`` may see, by name."""
    return saved_views_store.list_views(database_url(), actor=actor)


def save_view(
    name: str, page: str, query_string: str, *, actor: Actor | None = None, visibility: Visibility = Visibility.SHARED,
) -> saved_views_store.SavedView:
    """Save the view of ``page`` with ``query_string`` as ``name`` (SavedViewError explains refusals)."""
    return saved_views_store.save_view(database_url(), name, page, query_string, actor=actor, visibility=visibility)


def get_saved_view(name: str, actor: Actor | None = None) -> saved_views_store.SavedView:
    """The saved view called ``name``."""
    return saved_views_store.get_view(database_url(), name, actor=actor)


def delete_saved_view(name: str, actor: Actor | None = None) -> None:
    """Delete the saved view called ``name``."""
    saved_views_store.delete_view(database_url(), name, actor=actor)


# Users and the audit trail (issue 19): written by people, so read afresh, never cached.
UserError = users_store.UserError
AuditPermissionError = audit_store.AuditPermissionError
AuditEventFilter = audit_store.EventFilter


def get_user(email: str) -> users_store.User | None:
    """The users-table row of ``email``, or None."""
    return users_store.get_user(database_url(), email)


def list_users() -> list[users_store.User]:
    """Every user, by e-mail address."""
    return users_store.list_users(database_url())


def add_user(email: str, *, role: Role, home_region: str | None, actor: Actor) -> users_store.User:
    """Add a user (admins only: data_access checks)."""
    return users_store.add_user(database_url(), email, role=role, home_region=home_region, actor=actor)


def change_user(email: str, *, role: Role, home_region: str | None, actor: Actor) -> users_store.User:
    """Change a user's role and home region (admins only)."""
    return users_store.set_role(database_url(), email, role=role, home_region=home_region, actor=actor)


def remove_user(email: str, *, actor: Actor) -> None:
    """Remove a user (admins only)."""
    users_store.remove_user(database_url(), email, actor=actor)


def record_event(action: AuditAction, *, actor_email: str | None, target: str | None = None,
                 detail: str | None = None) -> None:
    """Append an event to the audit trail."""
    audit_store.record_event(database_url(), action, actor_email=actor_email, target=target, detail=detail)


def list_audit_events(actor: Actor, where: audit_store.EventFilter) -> pd.DataFrame:
    """Audit events matching ``where``, newest first (admins only)."""
    return audit_store.list_events(database_url(), actor=actor, where=where)


def start_loading(calls: dict[str, Callable[[], T]]) -> dict[str, Callable[[], T]]:
    """Start several cached loaders side by side; return, by name, a call that waits for each result.

    Each loader waits mostly on the database, which answers concurrent queries on
    separate connections (DuckDB and psycopg release the GIL meanwhile), so a page
    can draw what it already has while a slower query finishes. The threads share
    this session's context, so the results land in (and come from) the same caches
    as a plain call. Loaders start in the order given: put the slowest first. An
    error is raised by the call that waits for that result.
    """
    context = get_script_run_ctx()

    def attach() -> None:
        add_script_run_ctx(threading.current_thread(), context)

    pool = ThreadPoolExecutor(max_workers=min(len(calls), LOADER_THREADS), initializer=attach)
    futures = {name: pool.submit(call) for name, call in calls.items()}
    pool.shutdown(wait=False)  # the threads end once their loaders have; nothing waits here
    return {name: future.result for name, future in futures.items()}


def load_together(calls: dict[str, Callable[[], T]]) -> dict[str, T]:
    """Run several cached loaders side by side and return their results by name."""
    waits = start_loading(calls)
    return {name: wait() for name, wait in waits.items()}


@st.cache_resource(show_spinner=False)
def load_pdu_shapes() -> PduShapes:
    """The PDU hex map's shapes (``reference/hexmap``), read and built once per process, never per rerun."""
    reference = read_hex_reference()
    return build_pdu_shapes(reference.hexes, reference.pdu_districts, reference.shared_hexes)
