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
    # The checks read the setting; they do not connect.
    "VALO_DATABASE_URL": "postgres://valo@db.invalid:5432/valo",
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


def test_check_deploy_warns_that_production_on_sqlite_wants_postgresql(tmp_path):
    on_sqlite = {**PRODUCTION, "VALO_DATABASE_URL": f"sqlite:///{tmp_path / 'valo.sqlite3'}"}
    result = valo(
        "check",
        "--deploy",
        VALO_SECRET_KEY=secrets.token_urlsafe(50),
        VALO_VAR_DIR=str(tmp_path),
        **on_sqlite,
    )
    assert (
        "valo.W001" in result.stdout + result.stderr
        and "PostgreSQL" in result.stdout + result.stderr
    )


PROBE = """
import sqlite3, threading
from django.db import connection
cursor = connection.cursor()
print(cursor.execute("PRAGMA journal_mode").fetchone()[0], cursor.execute("PRAGMA busy_timeout").fetchone()[0])
cursor.execute("CREATE TABLE t (n INTEGER)")
other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
other.execute("BEGIN IMMEDIATE")
other.execute("INSERT INTO t VALUES (1)")
threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
cursor.execute("INSERT INTO t VALUES (2)")
print(cursor.execute("SELECT count(*) FROM t").fetchone()[0])
"""


def test_sqlite_waits_for_the_writer_and_lets_readers_read(tmp_path):
    """WAL and a busy timeout: a writer waits for another instead of failing "database is locked"."""
    result = valo(
        "shell",
        "-c",
        PROBE,
        VALO_VAR_DIR=str(tmp_path),
        VALO_DATABASE_URL=f"sqlite:///{tmp_path / 'w.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    # (Django's shell first says what it imported.)
    mode_and_timeout, count = result.stdout.strip().split("\n")[-2:]
    assert mode_and_timeout == "wal 20000" and count == "2"


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


@pytest.mark.django_db
def test_failed_logins_from_many_addresses_lock_the_account_too(client: Client, django_user_model):
    """Issue 11: the lock-out counted per user name *and* address, so a spray from many addresses
    was never limited."""
    django_user_model.objects.create_user("sprayed", password="right-password-123")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/login/", {"username": "sprayed", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    response = client.post(
        "/login/",
        {"username": "sprayed", "password": "right-password-123"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert "Too many failed logins" in response.content.decode()
