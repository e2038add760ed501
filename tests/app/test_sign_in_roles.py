"""Sign-in and roles in the app (issue 19), with st.user set through AppTest.user.

Each test gets its own copy of the sample database, so the users, saved views and
audit events it writes (in the copy's app store) reach no other test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import app_store
from data_access.audit import list_events
from data_access.engine import duckdb_path, make_engine
from data_access.queries import filter_options
from data_access.saved_views import list_views, save_view
from data_access.users import add_user, get_user
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT
from vocabulary.access import Actor, Role, Visibility

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-that-is-long-enough-0123456789",
    "client_id": "interventions-landscape",
    "client_secret": "test-client-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ADMIN = Actor("ada@probation.example", Role.ADMIN)
EDITOR = Actor("ed@probation.example", Role.EDITOR)
VIEWER_EMAIL = "vi@probation.example"


@pytest.fixture
def own_database(sample_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A copy of the sample database with an app store of its own."""
    copy = tmp_path / "sample.duckdb"
    shutil.copy(duckdb_path(sample_database_url), copy)
    url = f"duckdb:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    add_user(url, ADMIN.email, role=Role.ADMIN)
    add_user(url, EDITOR.email, role=Role.EDITOR)
    yield url
    app_store.close_connections()


def signed_in_app(email: str | None, *, access: dict | None = None, auth: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)
    at.secrets["auth"] = auth or AUTH
    if access:
        at.secrets["access"] = access
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email, "name": email}
    return at


def button(at: AppTest, label: str):
    return next(item for item in [*at.button, *at.sidebar.button] if item.label == label)


def test_a_visitor_who_has_not_signed_in_sees_only_the_sign_in_screen(own_database):
    at = signed_in_app(None)
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Interventions Landscape"]
    assert button(at, "Sign in with your organisation account")
    assert not at.metric and not at.sidebar.multiselect and not at.dataframe


def test_misconfigured_auth_stops_the_app_with_a_clear_error(own_database):
    at = signed_in_app(ADMIN.email, auth={**AUTH, "client_secret": "", "cookie_secret": "short"})
    at.run()
    assert "[auth] has no client_secret." in at.error[0].value
    assert "cookie_secret is shorter than 32 characters" in at.error[0].value
    assert "short" not in at.error[0].value.replace("shorter", "")  # the secret itself is never shown
    assert not at.button and not at.metric


def test_a_signed_in_viewer_sees_the_pages_and_who_they_are_but_no_admin_pages(own_database):
    at = signed_in_app(VIEWER_EMAIL)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview" and at.metric
    assert f"Signed in as **{VIEWER_EMAIL}** (viewer)" in [item.value for item in at.sidebar.markdown]
    assert button(at, "Sign out")
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not registered for a viewer
        at.switch_page("pages/users.py")
    events = list_events(own_database, actor=ADMIN)
    assert {("sign_in", ""), ("page_view", "/")} <= set(zip(events["action"], events["target"].fillna("")))


def test_admin_pages_check_the_role_on_the_server_even_when_reached_directly(own_database):
    for page in ("pages/users.py", "pages/audit_trail.py"):
        at = AppTest.from_file(str(REPO_ROOT / page), default_timeout=APP_TIMEOUT_SECONDS)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": EDITOR.email}
        at.run()
        assert [error.value for error in at.error] == ["This page is for the admin role only."]
        assert not at.dataframe


def test_unknown_people_are_refused_when_the_setting_says_so(own_database):
    at = signed_in_app("stranger@elsewhere.example", access={"unknown_users": "refuse"})
    at.run()
    assert "has not been given access" in at.error[0].value
    assert not at.metric
    assert get_user(own_database, "stranger@elsewhere.example") is None
    assert "refused" in set(list_events(own_database, actor=ADMIN)["action"])


def test_an_admin_adds_a_user_and_reads_the_audit_trail(own_database):
    at = signed_in_app(ADMIN.email)
    at.run()
    at.switch_page("pages/users.py").run()
    assert not at.exception and at.title[0].value == "Users"
    at.text_input(key="admin_user_email").set_value("New.Person@probation.example")
    at.selectbox(key="admin_user_role").set_value("editor")
    button(at, "Add user").click().run()
    assert at.success[0].value == "Added New.Person@probation.example as editor."
    assert get_user(own_database, "new.person@probation.example").role is Role.EDITOR
    at.switch_page("pages/audit_trail.py").run()
    assert at.title[0].value == "Audit trail"
    shown = at.dataframe[0].value
    assert {"sign_in", "page_view", "user_added"} <= set(shown["Action"])
    added = shown[(shown["Action"] == "user_added") & (shown["What"] == "new.person@probation.example")]
    assert added["Who"].tolist() == [ADMIN.email]  # the fixture's own additions are the command line's (cli:…)


def test_a_viewer_cannot_delete_an_editors_shared_view_through_the_sidebar(own_database):
    save_view(own_database, "Team view", "/", "", actor=EDITOR, visibility=Visibility.SHARED)
    at = signed_in_app(VIEWER_EMAIL)
    at.run()
    at.sidebar.selectbox(key="saved_view_choice").set_value("Team view").run()
    button(at, "Delete").click().run()
    assert "You cannot delete 'Team view'" in at.sidebar.error[0].value
    assert [view.name for view in list_views(own_database)] == ["Team view"]


def test_a_viewer_saves_private_views_only(own_database):
    at = signed_in_app(VIEWER_EMAIL)
    at.run()
    assert not at.sidebar.radio  # no sharing choice for viewers
    at.sidebar.text_input(key="saved_view_name").set_value("My view")
    button(at, "Save this view").click().run()
    [view] = list_views(own_database)
    assert (view.name, view.owner_email, view.visibility) == ("My view", VIEWER_EMAIL, Visibility.PRIVATE)


def test_a_home_region_scopes_a_bare_address_but_not_a_link(own_database):
    engine = make_engine(own_database, read_only=True)
    region = filter_options(engine)["regions"]["region_code"].iloc[0]
    engine.dispose()
    add_user(own_database, VIEWER_EMAIL, role=Role.VIEWER, home_region=region)
    bare = signed_in_app(VIEWER_EMAIL)
    bare.run()
    assert bare.session_state["filter_regions"] == [region]
    assert bare.query_params["region"] == region  # the address now says so: a copied link holds it
    link = signed_in_app(VIEWER_EMAIL)
    link.query_params["need"] = "accommodation"
    link.run()
    assert link.session_state["filter_regions"] == []

