"""The OpenAPI schema is served, validates against the OpenAPI spec and covers every endpoint."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    # drf-spectacular's own validation against the OpenAPI 3 JSON schema; warnings are failures.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    paths = set(schema["paths"])
    for path in [
        "/api/directory/organizations/",
        "/api/directory/organizations/{id}/",
        "/api/directory/people/",
        "/api/directory/affiliations/",
        "/api/directory/labels/",
        "/api/directory/label-periods/",
        "/api/directory/aliases/",
        "/api/core/changes/",
    ]:
        assert path in paths
    params = {
        p["name"] for p in schema["paths"]["/api/directory/organizations/"]["get"]["parameters"]
    }
    assert {"kind", "within", "label", "q", "ordering", "page"} <= params
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_schema_and_docs_are_served(cast, login):
    client = login("officer_a")
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    # Swagger UI from the drf-spectacular-sidecar package, served locally: no CDN.
    assert b"cdn" not in docs.content.lower()
    assert b"/static/drf_spectacular_sidecar/" in docs.content
