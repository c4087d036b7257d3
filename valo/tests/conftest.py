"""The demo institution, loaded once for all the tests that use it and rolled back after them.

Loading it takes about a minute; so it is loaded once per session, and the tests that use it run
last (the root conftest orders them), each in a savepoint of the demo's own transaction, so that no
other test ever sees it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

DEMO_ROLES = ["researcher", "officer", "committee", "director", "finance", "auditor", "admin"]


@pytest.fixture(scope="session")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> None:
    """`valo demo` in a transaction of its own: each test's transaction nests in it (a savepoint)."""
    var = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var, MEDIA_ROOT=var / "media"):
        _restore_after_flush()
        with transaction.atomic():
            call_command("demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def _restore_after_flush() -> None:
    """The demo's tests run after those that flush the database (transactional ones): bring back
    what the migrations wrote (dated parameters, rules, fees …), as Django does for a test with
    serialized_rollback, before loading the demo on it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from valo.core.models import Parameter

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized and not Parameter.objects.exists():
        connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()
