"""The health endpoint a load balancer polls: the database and every registered part."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from valo.officedata.store import AnalyticStore

INPI = Path(__file__).resolve().parents[1] / "officedata" / "tests" / "fixtures" / "inpi"


@pytest.mark.django_db
def test_health_answers_without_login_and_names_each_part(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    answer = Client().get("/health/")
    assert answer.status_code == 200
    checks = answer.json()["checks"]
    assert checks["core.database"]["ok"] and checks["officedata.store_health"]["detail"] == "empty"
    AnalyticStore().import_file(INPI / "co-applicants.xml")
    stored = Client().get("/health/").json()["checks"]["officedata.store_health"]
    assert stored["ok"] and stored["detail"].endswith("publications")


@pytest.mark.django_db
def test_health_says_which_part_fails(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    store = AnalyticStore()
    store.import_file(INPI / "co-applicants.xml")
    (store.current / "publications.parquet").write_bytes(b"not parquet")  # a damaged disk
    answer = Client().get("/health/")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "failing" and not body["checks"]["officedata.store_health"]["ok"]
    assert body["checks"]["core.database"]["ok"]
