"""Loading from the browser on About the data, under AppTest, against a database of its own (an upload
replaces the data, so never the shared test database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import app_store
from data_access.audit import list_events
from data_access.engine import data_version, make_engine
from data_access.load import load_dataset
from data_access.users import add_user, set_role
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT
from tests.app.test_sign_in_roles import ADMIN, signed_in_app
from tests.dataset_builder import valid_rows, write_csv_dataset
from tests.quality_example import write_planted_dataset
from vocabulary.access import Actor, AuditAction, Role

ABOUT = "pages/about_the_data.py"


@pytest.fixture
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"duckdb:///{tmp_path / 'upload.duckdb'}"
    load_dataset(write_planted_dataset(tmp_path / "planted"), url, replace=True)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _about(url: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)
    at.run()
    at.switch_page(ABOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def _files(tmp_path: Path, rows=None) -> list[tuple[str, bytes, str]]:
    folder = write_csv_dataset(tmp_path / "upload", rows)
    return [(path.name, path.read_bytes(), "text/csv") for path in sorted(folder.iterdir())]


def _report(at: AppTest):
    return next(frame.value for frame in at.dataframe if "rule" in frame.value.columns)


def _version(url: str) -> str:
    engine = make_engine(url, read_only=True)
    try:
        return data_version(engine)
    finally:
        engine.dispose()


def test_the_limits_are_stated_before_upload(own_database):
    at = _about(own_database)
    assert any("Up to **200 MB** in all" in markdown.value for markdown in at.markdown)
    assert at.button(key="upload_start").disabled


def test_a_good_upload_loads_and_appears_in_the_history(own_database, tmp_path):
    at = _about(own_database)
    before = _version(own_database)
    at.file_uploader(key="upload_files").set_value(_files(tmp_path)).run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    assert [message.value for message in at.success][0].startswith("Loaded upload: caseload.csv")
    history = next(frame.value for frame in at.dataframe if "Source" in frame.value.columns)
    assert len(history) == 2 and history["Source"].iloc[0].startswith("upload: ")
    assert history["Data as of"].iloc[0] == "20 Jun 2024"
    assert _version(own_database) != before


def test_a_bad_upload_shows_the_report_and_changes_nothing(own_database, tmp_path):
    at = _about(own_database)
    before = _version(own_database)
    rows = valid_rows()
    rows["people"][1]["ethnicity_group"] = "purple"
    at.file_uploader(key="upload_files").set_value(_files(tmp_path, rows)).run()
    at.button(key="upload_start").click().run()
    assert "Nothing was loaded" in at.error[0].value
    report = _report(at)
    assert list(report.columns) == ["file", "row", "column", "value", "rule"]
    assert report.iloc[0][["file", "row", "column", "value"]].tolist() == ["people.csv", 3, "ethnicity_group", "purple"]
    assert any(button.proto.label == "Download the problems (CSV)" for button in at.get("download_button"))
    assert _version(own_database) == before


def test_an_unknown_file_is_refused_in_the_report(own_database, tmp_path):
    at = _about(own_database)
    at.file_uploader(key="upload_files").set_value([*_files(tmp_path), ("notes.txt", b"hello", "text/plain")]).run()
    at.button(key="upload_start").click().run()
    assert "not a file of the data contract" in _report(at)["rule"].iloc[0]


def _signed_in_about(email: str) -> AppTest:
    at = signed_in_app(email)
    at.run()
    at.switch_page(ABOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def test_with_sign_in_a_viewer_is_told_only_administrators_load_data(own_database):
    add_user(own_database, "vi@probation.example", role=Role.VIEWER)
    at = _signed_in_about("vi@probation.example")
    assert not at.get("file_uploader")
    assert any("Only administrators" in info.value for info in at.info)
    app_store.close_connections()


def test_with_sign_in_an_admin_loads_and_the_audit_trail_records_it(own_database, tmp_path):
    add_user(own_database, ADMIN.email, role=Role.ADMIN)
    at = _signed_in_about(ADMIN.email)
    before = _version(own_database)
    at.file_uploader(key="upload_files").set_value(_files(tmp_path)).run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    assert _version(own_database) != before
    history = next(frame.value for frame in at.dataframe if "Source" in frame.value.columns)
    assert history["By"].iloc[0] == ADMIN.email
    events = list_events(own_database, actor=ADMIN)
    loads = events[events["action"] == AuditAction.DATA_LOAD.value]
    assert loads["actor_email"].tolist() == [ADMIN.email]
    assert loads["detail"].iloc[0].startswith("browser upload; ")
    app_store.close_connections()


def test_the_upload_is_refused_where_it_happens_when_the_role_was_taken_away(own_database, tmp_path):
    add_user(own_database, ADMIN.email, role=Role.ADMIN)
    add_user(own_database, "other-admin@probation.example", role=Role.ADMIN)
    at = _signed_in_about(ADMIN.email)
    before = _version(own_database)
    at.file_uploader(key="upload_files").set_value(_files(tmp_path)).run()
    set_role(own_database, ADMIN.email, role=Role.VIEWER, actor=Actor("other-admin@probation.example", Role.ADMIN))
    at.button(key="upload_start").click().run()  # drawn for an admin, clicked after the demotion
    assert _version(own_database) == before
    app_store.close_connections()
