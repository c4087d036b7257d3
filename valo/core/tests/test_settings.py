"""Configuration: production mode is safe by construction and `check --deploy` passes."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


def valo(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VALO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "valo", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "VALO_ENV": "production",
    "VALO_ALLOWED_HOSTS": "valo.example.org",
}


def test_check_deploy_passes_in_production_mode(tmp_path):
    result = valo(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        VALO_SECRET_KEY=secrets.token_urlsafe(50),
        VALO_VAR_DIR=str(tmp_path),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = valo("check", VALO_VAR_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode != 0
    assert "VALO_SECRET_KEY" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(50))
    result = valo(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        VALO_SECRET_KEY_FILE=str(key_file),
        VALO_VAR_DIR=str(tmp_path),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr


def test_migrations_match_the_models(tmp_path):
    result = valo("makemigrations", "--check", "--dry-run", VALO_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_passwords_are_hashed_with_argon2():
    # The test run swaps in a fast hasher per test; the configured one is argon2.
    from valo import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_security_headers_and_request_id(client: Client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert len(response["X-Request-ID"]) == 36


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client: Client, django_user_model):
    django_user_model.objects.create_user("victim", password="right-password-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "victim", "password": "wrong"})
    response = client.post("/login/", {"username": "victim", "password": "right-password-123"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
