"""The sign-in settings check, and the production launcher refusing a broken [auth] (issue 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from components.auth_settings import settings_problems

REPO_ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "redirect_uri": "https://interventions.example.gov.uk/oauth2callback",
    "cookie_secret": "9f" * 32,
    "client_id": "00000000-0000-0000-0000-000000000000",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.microsoftonline.com/TENANT/v2.0/.well-known/openid-configuration",
}


def test_no_auth_section_means_sign_in_is_off_and_nothing_is_wrong():
    assert settings_problems({}) == []
    assert settings_problems({"other": {"x": 1}}) == []


def test_a_complete_section_passes():
    assert settings_problems({"auth": GOOD, "access": {"unknown_users": "refuse"}}) == []


def test_each_missing_or_malformed_setting_is_named_without_repeating_secrets():
    problems = settings_problems({
        "auth": {**GOOD, "client_secret": "", "cookie_secret": "tiny-secret", "redirect_uri": "/oauth2callback",
                 "server_metadata_url": "login.example/.well-known"},
        "access": {"unknown_users": "admin"},
    })
    assert problems == [
        "[auth] has no client_secret.",
        "[auth] redirect_uri must be the app's absolute address ending in /oauth2callback, "
        "e.g. https://interventions.example.gov.uk/oauth2callback.",
        "[auth] server_metadata_url must be an absolute address of the provider's "
        ".well-known/openid-configuration document.",
        "[auth] cookie_secret is shorter than 32 characters: use a long random value "
        "(python -c 'import secrets; print(secrets.token_hex(32))').",
        "[access] unknown_users must be one of viewer, refuse, not 'admin'.",
    ]
    assert not any("tiny-secret" in problem for problem in problems)
    assert settings_problems({"auth": "yes"}) == ["[auth] must be a section (a table), not a single value."]


def test_production_refuses_to_start_with_an_incomplete_auth_section(tmp_path):
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text('[auth]\nredirect_uri = "https://app.example/oauth2callback"\n', encoding="utf-8")
    started = subprocess.run([sys.executable, "-m", "production", "--port", "1", "--secrets-file", str(secrets_file)],
                             cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert started.returncode == 1
    assert "will not start" in started.stderr and "[auth] has no cookie_secret." in started.stderr
