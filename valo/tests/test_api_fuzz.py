"""Schemathesis against the product's own OpenAPI schema (issue 11): no request gives a server error,
and every answer conforms to the schema — as an administrator and as a researcher.

`make test` runs a small budget (VALO_FUZZ_EXAMPLES, default 2 per operation); `make fuzz` a large
one. Requests go to the WSGI application in-process, on the test database with the cast of users.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from valo.wsgi import application

EXAMPLES = int(os.environ.get("VALO_FUZZ_EXAMPLES", "2"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


def fuzz(token: str) -> int:
    """Every operation of the schema, EXAMPLES cases each; returns how many operations ran."""
    spec = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(spec)
    loaded.app = application
    count = 0
    for result in loaded.get_all_operations():
        operation = result.ok()

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Token {token}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        run()
        count += 1
    return count


@pytest.fixture
def connection_kept():
    """As Django's test client does: the request cycle must not close the test's connection (it
    holds the test's transaction; on PostgreSQL a closed one fails every later request)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "researcher_a"])
def test_no_server_error_and_answers_as_documented(cast, role, connection_kept):
    assert fuzz(cast.token(role)) > 200
