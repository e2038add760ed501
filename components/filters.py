"""The shared sidebar filters: drawn first by every page, kept across pages and in the URL.

Each filter's value lives in session state under ``filter_<field>`` (a shadow key
that survives page switches); its widget is re-seeded from it on every run. The
first run of a session reads the link it was opened with; values in the link that
are not in the data are dropped with a visible notice.
"""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from components import access, cache, navigation, presentation, sharing
from components.failover import rerun_after_reconnecting
from components.replay import shared_data
from components.url_state import (
    add_notice,
    bind,
    forget_initial_params,
    initial_params,
    pop_notices,
    write_params,
)
from vocabulary.definitions import (
    AGE_BANDS,
    CATEGORIES,
    ETHNICITY_GROUPS,
    GENDERS,
    NEEDS,
    RISK_LEVELS,
    SENTENCE_TYPES,
    code_label,
)
from vocabulary.scope import LIST_FIELDS, Filters, default_period

#: Filters field -> (URL parameter, sidebar label).
URL_KEYS: dict[str, tuple[str, str]] = {
    "regions": ("region", "Region"),
    "pdus": ("pdu", "Probation Delivery Unit"),
    "categories": ("category", "Intervention category"),
    "interventions": ("intervention", "Intervention"),
    "needs": ("need", "Need"),
    "genders": ("gender", "Gender"),
    "ethnicity_groups": ("ethnicity", "Ethnicity group"),
    "age_bands": ("age", "Age band"),
    "risk_levels": ("risk", "Risk level"),
    "sentence_types": ("sentence", "Sentence type"),
}
PERSON_FIELDS = ("genders", "ethnicity_groups", "age_bands", "risk_levels", "sentence_types")
_INITIALISED = "filter_initialised"


Choices = dict[str, dict[str, str]]


@functools.lru_cache(maxsize=256)
def _choices(regions: tuple[str, ...], categories: tuple[str, ...], version: tuple[str, str]) -> Choices:
    """``_shared_choices`` for this process: the sidebar asks for the same few a dozen times a view,
    so this skips the shared cache's copying (``version``: ``cache.data_key()``; callers never change
    what it returns)."""
    return _shared_choices(regions, categories)


def _choices_now(regions: tuple[str, ...], categories: tuple[str, ...]) -> Choices:
    return _choices(regions, categories, cache.data_key())


@shared_data
def _shared_choices(regions: tuple[str, ...], categories: tuple[str, ...]) -> Choices:
    """Allowed codes and their labels for each list filter, narrowed by region and category (computed
    once per data version: every page draws the sidebar)."""
    options = cache.load_filter_options()
    pdu_rows = options["pdus"]
    if regions:
        pdu_rows = pdu_rows[pdu_rows["region_code"].isin(regions)]
    intervention_rows = options["interventions"]
    if categories:
        intervention_rows = intervention_rows[intervention_rows["category"].isin(categories)]
    fixed = {
        "categories": CATEGORIES,
        "needs": NEEDS,
        "genders": GENDERS,
        "ethnicity_groups": ETHNICITY_GROUPS,
        "age_bands": AGE_BANDS,
        "risk_levels": RISK_LEVELS,
        "sentence_types": SENTENCE_TYPES,
    }
    choices = {field: {code: code_label(code) for code in codes} for field, codes in fixed.items()}
    choices["regions"] = dict(zip(options["regions"]["region_code"], options["regions"]["region_name"]))
    choices["pdus"] = dict(zip(pdu_rows["pdu_code"], pdu_rows["pdu_name"]))
    choices["interventions"] = dict(
        zip(intervention_rows["intervention_code"], intervention_rows["intervention_name"])
    )
    return choices


def _parse_date(raw: str | None, fallback: dt.date, name: str) -> dt.date:
    if raw is None:
        return fallback
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        add_notice(f"Ignored '{name}={raw}' from the link: not a date (use YYYY-MM-DD).")
        return fallback


def date_bounds(info: dict[str, object]) -> tuple[dt.date, dt.date]:
    """Earliest and latest dates the period may take: the data's range, widened to hold
    the default period when the data cover less than twelve months."""
    return min(info["data_from"], default_period(info["data_as_of"])[0]), info["data_as_of"]


def _within(value: dt.date, bounds: tuple[dt.date, dt.date], name: str) -> dt.date:
    clamped = min(max(value, bounds[0]), bounds[1])
    if clamped != value:
        add_notice(f"Moved '{name}={value}' from the link to {clamped}: the data run from {bounds[0]} to {bounds[1]}.")
    return clamped


def _initialise(info: dict[str, object]) -> None:
    """Seed the shadow keys once per session from the link, dropping invalid values."""
    params, period, bounds = initial_params(), default_period(info["data_as_of"]), date_bounds(info)
    if not params and access.home_region():  # a bare address opens in the home region; a link keeps its view
        params = {URL_KEYS["regions"][0]: access.home_region()}
    start = _within(_parse_date(params.get("from"), period[0], "from"), bounds, "from")
    end = _within(_parse_date(params.get("to"), period[1], "to"), bounds, "to")
    if end < start:
        add_notice(f"Ignored the period {start} to {end} from the link: it ends before it starts.")
        start, end = period
    st.session_state["filter_period_start"], st.session_state["filter_period_end"] = start, end
    selected: dict[str, tuple[str, ...]] = {}
    for field, (url_key, label) in URL_KEYS.items():
        wanted = [code for code in params.get(url_key, "").split(",") if code]
        allowed = _choices_now(selected.get("regions", ()), selected.get("categories", ()))[field]
        kept = tuple(code for code in wanted if code in allowed)
        dropped = [code for code in wanted if code not in allowed]
        if dropped:
            add_notice(f"Ignored {label.lower()} '{', '.join(dropped)}' from the link: not in the data.")
        selected[field] = kept
        st.session_state[f"filter_{field}"] = list(kept)
    st.session_state[_INITIALISED] = True


def reset_filters() -> None:
    """Forget every filter value and the opening link: the next run starts from the defaults."""
    for key in [key for key in st.session_state if str(key).startswith(("filter_", "w_filter_"))]:
        del st.session_state[key]
    forget_initial_params()


def _multiselect(field: str, choices: dict[str, str]) -> tuple[str, ...]:
    shadow = f"filter_{field}"
    st.session_state[shadow] = [code for code in st.session_state[shadow] if code in choices]
    _, label = URL_KEYS[field]
    st.multiselect(
        label,
        options=list(choices),
        format_func=lambda code: choices.get(code, code),
        placeholder="All",
        **bind(shadow),
    )
    return tuple(st.session_state[shadow])


def _period_within_the_data(info: dict[str, object]) -> tuple[dt.date, dt.date]:
    """The period's bounds; a period the data no longer cover (new data loaded in this session's lifetime)
    goes back to the default period, with a notice."""
    bounds = date_bounds(info)
    keys = ("filter_period_start", "filter_period_end")
    if any(not bounds[0] <= st.session_state[key] <= bounds[1] for key in keys):
        period = default_period(info["data_as_of"])
        st.session_state[keys[0]], st.session_state[keys[1]] = period
        add_notice(f"New data were loaded: the period is now {period[0]:%-d %b %Y} to {period[1]:%-d %b %Y}.")
    return bounds


def _period_inputs(bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    # One above the other: side by side, the sidebar cuts the year off.
    for part, label in (("start", "Period from"), ("end", "Period to")):
        st.date_input(
            label, min_value=bounds[0], max_value=bounds[1], format="DD/MM/YYYY",
            **bind(f"filter_period_{part}"),
        )
    start, end = st.session_state["filter_period_start"], st.session_state["filter_period_end"]
    if end < start:
        st.warning("The period ends before it starts: showing it the other way round.")
        start, end = end, start
    return start, end


def _filter_widgets(info: dict[str, object]) -> Filters:
    st.markdown("### Filters")
    start, end = _period_inputs(_period_within_the_data(info))
    values: dict[str, tuple[str, ...]] = {}
    for field in ("regions", "pdus", "categories", "interventions", "needs"):
        choices = _choices_now(values.get("regions", ()), values.get("categories", ()))
        values[field] = _multiselect(field, choices[field])
    with st.expander("People", expanded=any(st.session_state[f"filter_{f}"] for f in PERSON_FIELDS)):
        for field in PERSON_FIELDS:
            values[field] = _multiselect(field, _choices_now((), ())[field])
    st.button("Reset filters", on_click=reset_filters, width="stretch")
    return Filters(period_start=start, period_end=end, **values)


def _filters_in_force() -> Filters:
    """The filters held in session state, read without drawing their widgets."""
    start, end = st.session_state["filter_period_start"], st.session_state["filter_period_end"]
    values = {field: tuple(st.session_state[f"filter_{field}"]) for field in URL_KEYS}
    return Filters(period_start=min(start, end), period_end=max(start, end), **values)


def _filters_summary(filters: Filters) -> None:
    choices = _choices_now((), ())
    lines = [f"- **Period:** {filters.period_start:%-d %b %Y} – {filters.period_end:%-d %b %Y}"]
    for field, (_, label) in URL_KEYS.items():
        codes = getattr(filters, field)
        if codes:
            lines.append(f"- **{label}:** {', '.join(choices[field].get(code, code) for code in codes)}")
    if len(lines) == 1:
        lines.append("- All of England and Wales, everyone")
    st.markdown("### Filters in force\n" + "\n".join(lines))
    st.caption("Switch presentation mode off to change the filters.")


def sidebar_filters() -> Filters:
    """Draw the shared sidebar and return the filters in force for this run."""
    try:
        info = cache.load_dataset_info()
    except cache.DatabaseMissingError as error:
        st.error(str(error))
        st.stop()
    if info["data_as_of"] is None:
        st.error("The database holds no referrals yet. Load a dataset with `python -m data_access.load PATH`.")
        st.stop()
    if not st.session_state.get(_INITIALISED):
        _initialise(info)
    rerun_after_reconnecting()  # a worker's death: the view comes back from another (make serve)
    presentation.forget_controls()
    with st.sidebar:
        access.account_panel()
        # Sharing comes first on the screen but needs the filters, drawn below it: fill its place afterwards.
        tools = st.container()
        if presentation.mode_toggle():
            # Presentation mode shows the filters in words; switching it off brings the widgets back.
            filters = _filters_in_force()
            _filters_summary(filters)
        else:
            filters = _filter_widgets(info)
        _data_note(info)
    with tools:
        sharing.sidebar_tools(filters)
    _write_url(filters, default_period(info["data_as_of"]))
    page = navigation.current_page()
    access.record_page_view(navigation.page_path(page) if page else "/", sharing.current_query_string())
    for notice in pop_notices():
        st.warning(notice, icon="⚠️")
    return filters


def _data_note(info: dict[str, object]) -> None:
    as_of = info["data_as_of"]
    st.caption(f"Data as of **{as_of:%d %B %Y}**")
    if info["synthetic"]:
        st.caption("**Synthetic sample data**: not real people or real services.")


def link_params(filters: Filters, period: tuple[dt.date, dt.date]) -> dict[str, str]:
    """The filters as a link's query parameters (``period``: the default period, left out of the link;
    empty filters are left out too)."""
    params: dict[str, str] = {}
    if (filters.period_start, filters.period_end) != period:
        params["from"], params["to"] = filters.period_start.isoformat(), filters.period_end.isoformat()
    for field in LIST_FIELDS:
        if getattr(filters, field):
            params[URL_KEYS[field][0]] = ",".join(getattr(filters, field))
    return params


def _write_url(filters: Filters, period: tuple[dt.date, dt.date]) -> None:
    write_params({**link_params(filters, period), **presentation.url_params()})
