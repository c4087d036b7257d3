"""Bad input gets field-level errors from forms and API, and writes nothing."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from valo.core.models import ObjectChange
from valo.directory.models import Affiliation, Organization


@pytest.fixture
def count_writes(cast):
    before = (
        Organization.objects.count(),
        Affiliation.objects.count(),
        ObjectChange.objects.count(),
    )
    return lambda: (
        (Organization.objects.count(), Affiliation.objects.count(), ObjectChange.objects.count())
        == before
    )


@pytest.mark.django_db
class TestDuplicateSiren:
    def test_form(self, cast, login, count_writes):
        response = login("officer_a").post(
            reverse("directory_organization_add"),
            {"name": "Copycat", "kind": "company", "siren": "732 829 320", "country": "FR"},
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == ["siren"]
        assert "already exists" in errors["siren"][0]
        assert count_writes()

    def test_api(self, cast, api, count_writes):
        response = api("officer_a").post(
            "/api/directory/organizations/",
            {"name": "Copycat", "kind": "company", "siren": "732829320"},
        )
        assert response.status_code == 400
        assert list(response.json()) == ["siren"]
        assert count_writes()

    def test_bad_check_digit(self, cast, api, count_writes):
        response = api("officer_a").post(
            "/api/directory/organizations/",
            {"name": "Typo", "kind": "company", "siren": "732829321"},
        )
        assert response.status_code == 400
        assert "check digit" in response.json()["siren"][0]
        assert count_writes()

    def test_blank_identifiers_never_clash(self, cast, api):
        client = api("officer_a")
        for name in ("First Co", "Second Co"):
            response = client.post(
                "/api/directory/organizations/",
                {"name": name, "kind": "company", "siren": "", "ror": ""},
            )
            assert response.status_code == 201, response.json()
        assert Organization.objects.filter(name__endswith=" Co", siren__isnull=True).count() == 2


@pytest.mark.django_db
class TestUnitMadeItsOwnAncestor:
    def test_form(self, cast, login, count_writes):
        response = login("officer_a").post(
            reverse("directory_organization_edit", args=[cast.school_a.pk]),
            {"name": "School A", "kind": "school", "parent": cast.lab_a.pk, "country": "FR"},
        )
        assert response.status_code == 200
        assert "parent" in response.context["form"].errors
        cast.school_a.refresh_from_db()
        assert cast.school_a.parent == cast.institution
        assert count_writes()

    def test_api_self_parent(self, cast, api, count_writes):
        child = Organization.objects.create(name="Team", kind="laboratory", parent=cast.lab_a)
        count_writes_now = ObjectChange.objects.count()
        response = api("officer_a").patch(
            f"/api/directory/organizations/{cast.lab_a.pk}/", {"parent": child.pk}
        )
        assert response.status_code == 400
        assert "under itself" in response.json()["parent"][0]
        cast.lab_a.refresh_from_db()
        assert cast.lab_a.parent == cast.school_a
        assert ObjectChange.objects.count() == count_writes_now

    def test_wrong_kind_of_parent(self, cast, api, count_writes):
        response = api("admin").post(
            "/api/directory/organizations/",
            {"name": "Orphan school", "kind": "school", "parent": cast.company.pk},
        )
        assert response.status_code == 400 and "parent" in response.json()
        assert count_writes()


@pytest.mark.django_db
class TestAffiliationEndingBeforeItStarts:
    DATA = {"status": "postdoc", "start": "2024-05-01", "end": "2024-04-30"}

    def test_form(self, cast, login, count_writes):
        response = login("officer_a").post(
            reverse("directory_affiliation_add"),
            {**self.DATA, "person": cast.people["researcher_a"].pk, "organization": cast.lab_a.pk},
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["end"]
        assert count_writes()

    def test_api(self, cast, api, count_writes):
        response = api("officer_a").post(
            "/api/directory/affiliations/",
            {**self.DATA, "person": cast.people["researcher_a"].pk, "organization": cast.lab_a.pk},
        )
        assert response.status_code == 400
        assert list(response.json()) == ["end"]
        assert count_writes()

    def test_database_refuses_it_too(self, cast):
        with pytest.raises(IntegrityError), transaction.atomic():
            Affiliation.objects.create(
                person=cast.people["researcher_a"],
                organization=cast.lab_a,
                status="postdoc",
                start="2024-05-01",
                end="2024-04-30",
            )


@pytest.mark.django_db
def test_protected_delete_explains_itself(cast, login, api):
    response = login("officer_a").post(
        reverse("directory_organization_delete", args=[cast.school_a.pk]), follow=True
    )
    assert "still in use" in response.content.decode()
    assert Organization.objects.filter(pk=cast.school_a.pk).exists()
    response = api("officer_a").delete(f"/api/directory/organizations/{cast.lab_a.pk}/")
    assert response.status_code == 400
    assert "Still in use" in response.json()["non_field_errors"][0]
