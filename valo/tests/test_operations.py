"""Issue 11, operations: API rate limiting per account, and one structured log line per request
carrying the request id the response gives."""

from __future__ import annotations

import json
import logging

import pytest
from rest_framework.settings import api_settings

from valo.core.throttles import UserRateThrottle

pytestmark = pytest.mark.django_db


def test_an_account_beyond_its_rate_gets_429_with_retry_after(cast, api, monkeypatch):
    monkeypatch.setattr(
        UserRateThrottle,
        "THROTTLE_RATES",
        {**api_settings.DEFAULT_THROTTLE_RATES, "user": "3/minute"},
    )
    client = api("officer_a")
    answers = [client.get("/api/patents/families/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/patents/families/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # Another account is counted apart.
    assert api("officer_b").get("/api/patents/families/").status_code == 200
    # The counts are in the database's cache, which every worker (process) reads: a connection
    # to it made afresh, as another worker's would be, sees the requests counted.
    from django.core.cache import caches

    other_worker = caches.create_connection("shared")
    key = f"throttle_user_{cast.users['officer_a'].pk}"
    assert len(other_worker.get(key)) == 3  # the requests let through


def test_each_request_is_logged_as_json_with_its_id(cast, login, caplog):
    caplog.set_level(logging.INFO, logger="valo.request")
    response = login("officer_a").get("/patents/?q=secret-token")
    (line,) = [r.getMessage() for r in caplog.records if r.name == "valo.request"]
    entry = json.loads(line)
    assert entry["request_id"] == response["X-Request-ID"]
    assert (entry["method"], entry["path"], entry["status"], entry["user"]) == (
        "GET",
        "/patents/",
        200,
        "officer_a",
    )
    assert "secret-token" not in line
