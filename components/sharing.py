"""Sharing a view, at the top of the sidebar: "Copy link to this view", saved views and the meeting pack.

The link is the page's full URL with every filter and page setting, on the public
address when one is configured (``components.site``), else the browser's; it is redrawn
whenever the run changes the URL, so settings a page reads after the sidebar are
included. Saving reads the URL as the browser last showed it: the save button's
callback runs before the page, while the query string still holds every setting.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import streamlit as st

from components import access, cache, navigation, presentation, site, url_state
from components.pack.sidebar import meeting_pack_panel
from vocabulary.access import Role, Visibility, has_role
from vocabulary.scope import Filters

NAME_KEY = "saved_view_name"
CHOICE_KEY = "saved_view_choice"
VISIBILITY_KEY = "saved_view_visibility"
_MESSAGE_KEY = "_saved_view_message"


def current_query_string() -> str:
    """The current URL's query string (no "?"), commas left readable."""
    return urlencode({key: st.query_params[key] for key in st.query_params}, safe=",")


def view_url() -> str:
    """The full URL of this view: the page's address, then every filter and page setting.

    The address is the configured public one (``site.public_url``) when set, else the browser's.

    Raises:
        site.PublicUrlError: the public address setting is malformed.
    """
    page = navigation.current_page()
    path = navigation.page_path(page) if page is not None else "/"
    public = site.public_url()
    base = f"{public}{path}" if public else st.context.url
    if not base:  # no browser (AppTest): build it from the Host header, else keep it relative
        host = st.context.headers.get("Host")
        base = f"http://{host}{path}" if host else path
    query = current_query_string()
    return f"{base}?{query}" if query else base


def link_box() -> None:
    """ "Copy link to this view", kept in step with the URL for the rest of the run."""
    st.markdown("**Copy link to this view**", help="Copy with the button at the right of the box: the link opens "
                "this page with every filter and setting, for anyone who can open the dashboard.")
    placeholder = st.empty()

    def draw() -> None:
        try:
            link = view_url()
        except site.PublicUrlError as error:
            placeholder.error(f"No link can be made: {error}.")
            return
        # One line (it scrolls sideways) so the link, saved views and the pack fit on the first screen.
        placeholder.code(link, language=None, wrap_lines=False)

    url_state.on_change(draw)
    draw()


def _save_current_view() -> None:
    page = navigation.current_page()
    name = st.session_state.get(NAME_KEY, "")
    try:
        view = cache.save_view(
            name, navigation.page_path(page) if page else "/", current_query_string(),
            actor=access.current_actor(fresh=True), visibility=_chosen_visibility(),
        )
    except (cache.SavedViewError, cache.SavedViewsBusyError) as error:
        st.session_state[_MESSAGE_KEY] = ("error", str(error))
        return
    st.session_state[_MESSAGE_KEY] = ("success", f"Saved this view as '{view.name}'.")
    st.session_state[NAME_KEY] = ""


def _delete_chosen_view() -> None:
    name = st.session_state.get(CHOICE_KEY)
    try:
        cache.delete_saved_view(name, actor=access.current_actor(fresh=True))
    except (cache.SavedViewError, cache.SavedViewsBusyError) as error:
        st.session_state[_MESSAGE_KEY] = ("error", str(error))
        return
    st.session_state[_MESSAGE_KEY] = ("success", f"Deleted the saved view '{name}'.")
    st.session_state[CHOICE_KEY] = None


def _chosen_visibility() -> Visibility:
    """Shared without sign-in (as before it existed); else what the person chose, private by default."""
    if not access.sign_in_configured():
        return Visibility.SHARED
    return Visibility(st.session_state.get(VISIBILITY_KEY) or Visibility.PRIVATE)


def _visibility_choice() -> None:
    """With sign-in on: private or shared, for roles that may share (data_access checks it again on saving)."""
    actor = access.current_actor()
    if actor is None:
        return
    if has_role(actor, Role.EDITOR):
        st.radio("Who can open it", [Visibility.PRIVATE.value, Visibility.SHARED.value], key=VISIBILITY_KEY,
                 horizontal=True, format_func={"private": "Only me", "shared": "Everyone"}.get)
    else:
        st.caption("Saved views are private to you (editors can share them).")


def _view_labels(views: list[cache.SavedView], titles: dict[str, str]) -> dict[str, str]:
    """Each view's name -> its label in the list: page title, and with sign-in on, visibility and owner."""
    actor = access.current_actor()
    labels = {}
    for view in views:
        labels[view.name] = f"{view.name} ({titles.get(view.page, view.page)})"
        if actor is not None:
            owner = "yours" if view.owner_email == actor.email else (view.owner_email or "no owner")
            labels[view.name] += f", {view.visibility.value}, {owner}"
    return labels


def open_view(view: cache.SavedView) -> None:
    """Show a saved view: its page, with every filter and setting read afresh from its query string."""
    page = navigation.page_at(view.page)
    if page is None:
        st.session_state[_MESSAGE_KEY] = ("error", f"The page of '{view.name}' ({view.page}) no longer exists.")
        st.rerun()
    params = dict(parse_qsl(view.query_string))
    presentation.forget()
    url_state.start_over_from(params)
    st.switch_page(page, query_params=params)


def _show_message() -> None:
    kind, text = st.session_state.pop(_MESSAGE_KEY, (None, ""))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)


def saved_views_panel() -> None:
    """Save this view under a name; open or delete a saved one."""
    with st.expander("Saved views", expanded=_MESSAGE_KEY in st.session_state):
        _show_message()
        with st.form("save_view_form", border=False):
            st.text_input(
                "Name for this view", key=NAME_KEY,
                help="Up to 60 letters, digits, spaces, hyphens or underscores; names are unique.",
            )
            _visibility_choice()
            st.form_submit_button("Save this view", on_click=_save_current_view)
        try:
            views = cache.list_saved_views(access.current_actor())
        except cache.SavedViewsBusyError as error:
            st.warning(str(error))
            return
        if not views:
            st.caption("No saved views yet.")
            return
        titles = {navigation.page_path(page): page.title for page in navigation.all_pages()}
        by_name = {view.name: view for view in views}
        labels = _view_labels(views, titles)
        choice = st.selectbox(
            "Open a saved view", list(by_name), index=None, placeholder="Choose a saved view", key=CHOICE_KEY,
            format_func=labels.get,
        )
        open_column, delete_column = st.columns(2)
        if open_column.button("Open", key="saved_view_open", disabled=choice is None, width="stretch"):
            open_view(by_name[choice])
        delete_column.button(
            "Delete", key="saved_view_delete", disabled=choice is None, on_click=_delete_chosen_view,
            width="stretch",
        )


def sidebar_tools(filters: Filters) -> None:
    """The sharing tools, drawn at the top of the sidebar (call inside the sidebar's top container)."""
    link_box()
    saved_views_panel()
    meeting_pack_panel(filters)
    st.divider()
