"""The demo institution, loaded once for a module of tests and rolled back after it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

DEMO_ROLES = ["researcher", "officer", "committee", "director", "finance", "auditor", "admin"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> None:
    """`valo demo` in a transaction of its own: each test's transaction nests in it (a savepoint)."""
    var = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var, MEDIA_ROOT=var / "media"):
        with transaction.atomic():
            call_command("demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)
