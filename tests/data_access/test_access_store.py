"""Users, roles, the audit trail and saved-view permissions on DuckDB and PostgreSQL (issue 19)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from data_access import app_store, audit, users
from data_access.app_store import store_url
from data_access.audit import AuditPermissionError, EventFilter, list_events, purge_events, record_event
from data_access.saved_views import ViewNotFoundError, ViewPermissionError, delete_view, list_views, save_view
from data_access.users import UserError, UserPermissionError, add_user, get_user, remove_user, set_role
from vocabulary.access import Actor, AuditAction, Role, Visibility

REPO_ROOT = Path(__file__).resolve().parents[2]
ADMIN = Actor("ada@probation.example", Role.ADMIN)
EDITOR = Actor("ed@probation.example", Role.EDITOR)
VIEWER = Actor("vi@probation.example", Role.VIEWER)
OTHER_VIEWER = Actor("val@probation.example", Role.VIEWER)
NOON = dt.datetime(2026, 12, 1, 12, 0)


@pytest.fixture
def store(database_url: str) -> Iterator[str]:
    yield database_url
    app_store.close_connections()


def _actions(url: str) -> list[tuple[str, str, str]]:
    events = list_events(url, actor=ADMIN)
    return sorted(zip(events["actor_email"].fillna(""), events["action"], events["target"].fillna("")))


def test_users_add_change_remove_with_audit(store):
    add_user(store, " Ada@Probation.Example ", role=Role.ADMIN, display_name="Ada", now=NOON)
    add_user(store, "vi@probation.example", role=Role.VIEWER, home_region="E12000004", actor=ADMIN, now=NOON)
    assert get_user(store, "ADA@probation.example").role is Role.ADMIN
    changed = set_role(store, "vi@probation.example", role=Role.EDITOR, home_region=None, actor=ADMIN)
    assert (changed.role, changed.home_region) == (Role.EDITOR, None)
    remove_user(store, "vi@probation.example", actor=ADMIN)
    assert get_user(store, "vi@probation.example") is None
    assert sorted(row[1:] for row in _actions(store)) == [
        ("user_added", "ada@probation.example"), ("user_added", "vi@probation.example"),
        ("user_changed", "vi@probation.example"), ("user_removed", "vi@probation.example"),
    ]
    by_action = {row[1]: row[0] for row in _actions(store) if row[2] == "vi@probation.example"}
    assert by_action == {"user_added": ADMIN.email, "user_changed": ADMIN.email, "user_removed": ADMIN.email}


def test_only_admins_change_users_and_the_last_admin_stays(store):
    add_user(store, ADMIN.email, role=Role.ADMIN)
    with pytest.raises(UserPermissionError):
        add_user(store, "new@probation.example", role=Role.VIEWER, actor=EDITOR)
    with pytest.raises(UserPermissionError):
        set_role(store, ADMIN.email, role=Role.VIEWER, actor=VIEWER)
    with pytest.raises(UserError, match="last admin"):
        set_role(store, ADMIN.email, role=Role.EDITOR, actor=ADMIN)
    with pytest.raises(UserError, match="last admin"):
        remove_user(store, ADMIN.email, actor=ADMIN)
    with pytest.raises(UserError, match="already a user"):
        add_user(store, ADMIN.email.upper(), role=Role.VIEWER)
    with pytest.raises(UserError, match="not a user"):
        remove_user(store, "nobody@probation.example")
    assert get_user(store, ADMIN.email).role is Role.ADMIN


def test_users_command_line(store, capsys):
    def run(*arguments: str) -> int:
        try:
            return users.main(["--database-url", store, *arguments])
        except SystemExit as exit_:  # argparse refusing the arguments
            return exit_.code

    assert run("add", "Cli@Probation.Example", "--role", "editor", "--region", "E12000004") == 0
    assert run("set-role", "cli@probation.example", "--role", "admin") == 0
    capsys.readouterr()
    assert run("remove", "cli@probation.example") == 1
    assert "last admin" in capsys.readouterr().err
    assert run("add", "x@probation.example", "--role", "superuser") == 2
    app_store.close_connections()  # the command below is another process: DuckDB's file must be free
    listed = subprocess.run([sys.executable, "-m", "data_access.users", "--database-url", store, "list"],
                            cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert listed.stdout.split("\t")[:3] == ["cli@probation.example", "admin", "E12000004"]
    assert get_user(store, "cli@probation.example").role is Role.ADMIN
    actors = {row[0] for row in _actions(store)}
    assert len(actors) == 1 and actors.pop().startswith("cli:")


def test_audit_trail_is_for_admins_and_filters(store):
    record_event(store, AuditAction.SIGN_IN, actor_email=VIEWER.email, occurred_at=NOON)
    record_event(store, AuditAction.PAGE_VIEW, actor_email=VIEWER.email, target="/waiting-times",
                 detail="region=E12000004", occurred_at=NOON + dt.timedelta(minutes=1))
    record_event(store, AuditAction.CSV_DOWNLOAD, actor_email=EDITOR.email, target="waits.csv",
                 occurred_at=NOON + dt.timedelta(days=1))
    for actor in (None, VIEWER, EDITOR):
        with pytest.raises(AuditPermissionError):
            list_events(store, actor=actor)
    everything = list_events(store, actor=ADMIN)
    assert list(everything["action"]) == ["csv_download", "page_view", "sign_in"]  # newest first
    assert list(everything.columns) == ["occurred_at", "actor_email", "action", "target", "detail"]
    viewer_only = list_events(store, actor=ADMIN, where=EventFilter(actor_email="VI@probation.example"))
    assert list(viewer_only["action"]) == ["page_view", "sign_in"]
    first_day = list_events(store, actor=ADMIN, where=EventFilter(since=NOON, until=NOON + dt.timedelta(hours=1)))
    assert list(first_day["action"]) == ["page_view", "sign_in"]
    pages = list_events(store, actor=ADMIN, where=EventFilter(action="page_view"))
    assert pages.iloc[0]["detail"] == "region=E12000004"


def test_purge_keeps_the_retention_period_and_records_itself(store):
    for days_ago in (400, 366, 10):
        record_event(store, AuditAction.SIGN_IN, actor_email=VIEWER.email, occurred_at=NOON - dt.timedelta(days=days_ago))
    assert purge_events(store, older_than_days=365, now=NOON, actor_email="cli:ops") == 2
    left = list_events(store, actor=ADMIN)
    assert sorted(left["action"]) == ["audit_purge", "sign_in"]
    assert "removed 2 events" in left.loc[left["action"] == "audit_purge", "detail"].item()
    with pytest.raises(ValueError):
        purge_events(store, older_than_days=0, actor_email="cli:ops")


def test_purge_command_line(store):
    record_event(store, AuditAction.SIGN_IN, actor_email=VIEWER.email, occurred_at=dt.datetime(2000, 1, 1))
    done = subprocess.run([sys.executable, "-m", "data_access.audit", "purge", "--days", "30", "--database-url", store],
                          cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Removed 1 audit events older than 30 days" in done.stdout
    assert list(list_events(store, actor=ADMIN)["action"]) == ["audit_purge"]


def test_audit_module_offers_no_update():
    own = {name for name, value in vars(audit).items() if getattr(value, "__module__", None) == audit.__name__}
    assert {"record_event", "list_events", "purge_events"} <= own
    assert not {name for name in own if name.startswith(("update", "edit", "change", "delete"))}


def test_viewer_saves_private_only_and_sees_own_and_shared(store):
    save_view(store, "Mine", "/", "region=E12000004", actor=VIEWER, visibility=Visibility.PRIVATE)
    save_view(store, "Team", "/", "", actor=EDITOR, visibility=Visibility.SHARED)
    save_view(store, "Editor private", "/", "", actor=EDITOR, visibility=Visibility.PRIVATE)
    with pytest.raises(ViewPermissionError, match="private views only"):
        save_view(store, "Shared by viewer", "/", "", actor=VIEWER, visibility=Visibility.SHARED)
    assert [view.name for view in list_views(store, actor=VIEWER)] == ["Mine", "Team"]
    assert [view.name for view in list_views(store, actor=OTHER_VIEWER)] == ["Team"]
    assert [view.name for view in list_views(store, actor=EDITOR)] == ["Editor private", "Team"]
    assert [view.name for view in list_views(store, actor=ADMIN)] == ["Editor private", "Mine", "Team"]
    mine = list_views(store, actor=VIEWER)[0]
    assert (mine.owner_email, mine.visibility) == (VIEWER.email, Visibility.PRIVATE)


def test_viewer_cannot_delete_another_users_view_and_the_refusal_is_recorded(store):
    save_view(store, "Team", "/", "", actor=EDITOR, visibility=Visibility.SHARED)
    save_view(store, "Editor private", "/", "", actor=EDITOR, visibility=Visibility.PRIVATE)
    with pytest.raises(ViewPermissionError, match="may delete only your own views"):
        delete_view(store, "Team", actor=VIEWER)
    with pytest.raises(ViewNotFoundError):  # another's private view is not even there for them
        delete_view(store, "Editor private", actor=VIEWER)
    assert [view.name for view in list_views(store)] == ["Editor private", "Team"]
    assert (VIEWER.email, "view_delete_refused", "Team") in _actions(store)


def test_owners_editors_and_admins_delete_as_the_matrix_says(store):
    save_view(store, "Own", "/", "", actor=VIEWER, visibility=Visibility.PRIVATE)
    save_view(store, "Shared one", "/", "", actor=EDITOR, visibility=Visibility.SHARED)
    save_view(store, "Shared two", "/", "", actor=ADMIN, visibility=Visibility.SHARED)
    save_view(store, "Editor private", "/", "", actor=EDITOR, visibility=Visibility.PRIVATE)
    delete_view(store, "Own", actor=VIEWER)
    delete_view(store, "Shared two", actor=EDITOR)  # an editor manages shared views
    delete_view(store, "Editor private", actor=ADMIN)  # an admin may delete any view
    assert [view.name for view in list_views(store)] == ["Shared one"]
    assert sum(action == "view_deleted" for _, action, _ in _actions(store)) == 3


def test_views_saved_before_sign_in_become_shared_and_owned_by_nobody(database_url):
    old_table = ("CREATE TABLE saved_views (name TEXT PRIMARY KEY, page TEXT NOT NULL, "
                 "query_string TEXT NOT NULL, created_at TIMESTAMP NOT NULL)")
    engine = create_engine(store_url(database_url))
    with engine.begin() as connection:
        connection.execute(text(old_table))
        connection.execute(text("INSERT INTO saved_views VALUES ('Old board view', '/', 'need=ete', :noon)"),
                           {"noon": NOON})
    engine.dispose()
    try:
        [old] = list_views(database_url, actor=VIEWER)
        assert (old.name, old.owner_email, old.visibility) == ("Old board view", None, Visibility.SHARED)
        with pytest.raises(ViewPermissionError):
            delete_view(database_url, "Old board view", actor=VIEWER)
        delete_view(database_url, "Old board view", actor=ADMIN)
        assert list_views(database_url) == []
    finally:
        app_store.close_connections()
