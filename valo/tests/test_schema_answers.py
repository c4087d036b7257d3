"""What the API answers is what its schema says (issue 11: schemathesis found three mismatches)."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

from valo.core.models import ObjectChange
from valo.inventions.tests.conftest import make_invention


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker, tmp_path_factory):
    out = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--file", str(out))
    return yaml.safe_load(out.read_text())


@pytest.fixture
def inv_a(cast):
    return make_invention(cast, cast.lab_a, [cast.people["researcher_a"]])


@pytest.mark.django_db
def test_an_unqualified_invention_has_a_blank_ownership_the_schema_allows(schema, api, inv_a):
    answer = api("officer_a").get(f"/api/inventions/inventions/{inv_a.pk}/").json()
    assert answer["ownership_class"] == ""
    field = schema["components"]["schemas"]["Invention"]["properties"]["ownership_class"]
    refs = {part["$ref"].rsplit("/", 1)[-1] for part in field["oneOf"]}
    assert "BlankEnum" in refs


@pytest.mark.django_db
def test_a_change_of_a_record_with_no_parent_has_a_null_the_schema_allows(schema, api, cast):
    change = ObjectChange.objects.filter(related_content_type__isnull=True).first()
    answer = api("auditor").get(f"/api/core/changes/{change.pk}/").json()
    assert answer["related_content_type"] is None
    field = schema["components"]["schemas"]["ObjectChange"]["properties"]["related_content_type"]
    assert field["nullable"] is True


@pytest.mark.django_db
def test_an_inventions_history_is_the_list_the_schema_says(schema, api, inv_a):
    answer = api("officer_a").get(f"/api/inventions/inventions/{inv_a.pk}/history/").json()
    assert isinstance(answer, list)
    response = schema["paths"]["/api/inventions/inventions/{id}/history/"]["get"]["responses"]
    assert response["200"]["content"]["application/json"]["schema"]["type"] == "array"
