"""Sign-in against a real OpenID Connect provider, in a real browser (issue 19).

The test starts panva/oidc-provider (tests/e2e/oidc, installed by ``npm ci``; its
development login accepts any name) and the app as production serves it, with an
``[auth]`` section pointing at the provider, each on a free loopback port. Nothing
about the provider or Streamlit's sign-in is replaced.
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from data_access import app_store
from data_access.audit import list_events
from data_access.engine import duckdb_path
from data_access.saved_views import list_views, save_view
from data_access.users import add_user
from tests.e2e.conftest import REPO_ROOT, _free_port, serve
from vocabulary.access import Actor, Role, Visibility

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 90_000
PROVIDER_DIR = REPO_ROOT / "tests" / "e2e" / "oidc"
CLIENT_ID = "interventions-landscape-test"
ADMIN = Actor("ada@probation.example", Role.ADMIN)
EDITOR = Actor("ed@probation.example", Role.EDITOR)
VIEWER = "vi@probation.example"  # not in the users table: a viewer by the default setting
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", REPO_ROOT / "screenshots"))


@pytest.fixture(scope="module")
def provider() -> Iterator[dict[str, str]]:
    """The OIDC provider on a free port, and what the app needs to know of it."""
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("Node.js or tests/e2e/oidc/node_modules missing: run `npm ci --prefix tests/e2e/oidc`")
    port, app_port = _free_port(), _free_port()
    settings = {
        "OIDC_PORT": str(port), "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": secrets.token_hex(16),
        "OIDC_REDIRECT_URI": f"http://localhost:{app_port}/oauth2callback",
        "OIDC_POST_LOGOUT_URI": f"http://localhost:{app_port}/oauth2callback",
    }
    process = subprocess.Popen([node, "provider.js"], cwd=PROVIDER_DIR, env={**os.environ, **settings},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert "listening" in process.stdout.readline()
        yield {**settings, "APP_PORT": str(app_port),
               "METADATA": f"http://127.0.0.1:{port}/.well-known/openid-configuration"}
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_database(e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the e2e database with two users and an editor's shared view in its app store."""
    copy = tmp_path_factory.mktemp("sign_in_db") / "sample.duckdb"
    shutil.copy(duckdb_path(e2e_database_url), copy)
    url = f"duckdb:///{copy}"
    add_user(url, ADMIN.email, role=Role.ADMIN)
    add_user(url, EDITOR.email, role=Role.EDITOR)
    save_view(url, "Team view", "/", "", actor=EDITOR, visibility=Visibility.SHARED)
    yield url
    app_store.close_connections()


@pytest.fixture(scope="module")
def signed_app(provider: dict[str, str], app_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served as in production with [auth] pointing at the provider; yields its base URL."""
    secrets_file = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "{provider["OIDC_REDIRECT_URI"]}"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{provider["OIDC_CLIENT_SECRET"]}"\n'
        f'server_metadata_url = "{provider["METADATA"]}"\n'
        # oidc-provider knows the prompts login, consent and none, not Streamlit's default select_account.
        'client_kwargs = { prompt = "login" }\n',
        encoding="utf-8",
    )
    with serve(app_database, port=int(provider["APP_PORT"]), secrets_file=str(secrets_file)) as base:
        yield base.replace("127.0.0.1", "localhost")


def sign_in(page: Page, base: str, login: str) -> None:
    page.goto(base)
    page.get_by_role("button", name="Sign in with your organisation account").click()
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill("any password: the test provider takes any")
    page.locator('button[type="submit"]').click()
    expect(page.get_by_text(f"Signed in as {login}@probation.example")).to_be_visible(timeout=TIMEOUT_MS)


def test_an_unauthenticated_browser_sees_only_the_sign_in_screen(browser: Browser, signed_app: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    for path in ("/", "/waiting-times?region=E12000004"):
        page.goto(signed_app + path)
        expect(page.get_by_role("button", name="Sign in with your organisation account")).to_be_visible(
            timeout=TIMEOUT_MS)
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
        expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
        expect(page.get_by_role("heading", name="Overview")).to_have_count(0)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "sign-in-screen-1280x720.png")
    context.close()


def test_a_viewer_signs_in_sees_the_pages_is_refused_a_delete_and_signs_out(
    browser: Browser, signed_app: str, app_database: str,
) -> None:
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    sign_in(page, signed_app, "vi")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_text("Show the data as a table").first.click()
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download CSV").first.click()
    media_url = download.value.url
    assert "/media/" in media_url
    assert context.request.get(media_url).status == 200
    stranger = browser.new_context()  # no sign-in cookie: the file's address alone opens nothing
    assert stranger.request.get(media_url).status == 403
    stranger.close()
    page.get_by_role("link", name="Waiting times").click()
    expect(page.get_by_role("heading", name="Waiting times", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("link", name="Audit trail")).to_have_count(0)  # no admin pages for viewers
    page.screenshot(path=SCREENSHOTS / "signed-in-viewer-1280x720.png")

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Saved views", exact=True).click()
    box = sidebar.get_by_test_id("stSelectbox").filter(has_text="Open a saved view")
    choice = page.locator("[role=option]").filter(has_text="Team view")
    for _ in range(5):  # a rerun that redraws the sidebar closes an open dropdown: open it again
        box.locator("input").click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            choice.click()
            break
        except AssertionError:
            continue
    sidebar.get_by_role("button", name="Delete").click()
    expect(sidebar.get_by_text("You cannot delete 'Team view'")).to_be_visible(timeout=TIMEOUT_MS)
    assert [view.name for view in list_views(app_database)] == ["Team view"]  # refused on the server

    sidebar.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider ends its session too
    expect(page.get_by_role("button", name="Sign in with your organisation account")).to_be_visible(
        timeout=TIMEOUT_MS)
    page.goto(signed_app + "/waiting-times")
    expect(page.get_by_role("button", name="Sign in with your organisation account")).to_be_visible(
        timeout=TIMEOUT_MS)
    context.close()


def test_an_admin_sees_the_audit_trail_with_the_events_just_made(
    browser: Browser, signed_app: str, app_database: str, tmp_path: Path,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, signed_app, "ada")
    page.get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=TIMEOUT_MS)
    page.screenshot(path=SCREENSHOTS / "audit-trail-1280x720.png")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download these events (CSV)").click()
    saved = tmp_path / "audit.csv"
    download.value.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as file:
        shown = {(row["actor_email"], row["action"], row["target"]) for row in csv.DictReader(file)}
    assert {
        (VIEWER, "sign_in", ""), (VIEWER, "page_view", "/"), (VIEWER, "page_view", "/waiting-times"),
        (VIEWER, "csv_download", "referrals_and_starts_by_month.csv"),
        (VIEWER, "view_delete_refused", "Team view"), (VIEWER, "sign_out", ""),
        (ADMIN.email, "sign_in", ""), (ADMIN.email, "page_view", "/admin-audit-trail"),
    } <= shown
    # The export is recorded by the download button's callback, on the rerun its click starts: wait for it.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while "audit_export" not in set(list_events(app_database, actor=ADMIN)["action"]):
        assert time.monotonic() < deadline, "the audit trail's export was never recorded"
        page.wait_for_timeout(250)
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=TIMEOUT_MS)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.screenshot(path=SCREENSHOTS / "users-1920x1080.png")
    print("\n".join(" | ".join(str(value) for value in row) for row in
                    list_events(app_database, actor=ADMIN).itertuples(index=False)))
    context.close()
