"""Every write path leaves exactly one change record per object, with the right before and after."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from valo.core.context import change_context
from valo.core.models import ObjectChange
from valo.directory.models import Affiliation, Organization, Person


def changes_of(obj_or_model, pk=None, since: int = 0) -> list[ObjectChange]:
    """Change records of one object (newest first), written after record id `since`."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    ct = ContentType.objects.get_for_model(model)
    object_id = pk if pk is not None else obj_or_model.pk
    return list(
        ObjectChange.objects.filter(content_type=ct, object_id=str(object_id), id__gt=since)
    )


def only_change(obj_or_model, pk=None, since: int = 0) -> ObjectChange:
    found = changes_of(obj_or_model, pk, since)
    assert len(found) == 1, [str(c) for c in found]
    return found[0]


@pytest.fixture
def baseline(cast) -> int:
    """The number of records the fixture wrote: each test counts only what it writes itself."""
    return ObjectChange.objects.count()


@pytest.fixture
def since(cast) -> int:
    """The last record id before the test acts."""
    last = ObjectChange.objects.order_by("-id").first()
    return last.id if last else 0


LAB = {"kind": "laboratory", "country": "FR"}


@pytest.mark.django_db
class TestPages:
    def test_create(self, cast, login, baseline):
        response = login("officer_a").post(
            reverse("directory_organization_add"),
            {**LAB, "name": "Quantum lab", "parent": cast.school_a.pk},
        )
        assert response.status_code == 302
        lab = Organization.objects.get(name="Quantum lab")
        change = only_change(lab)
        assert (change.action, change.source, change.user, change.user_name) == (
            "create",
            "web",
            cast.users["officer_a"],
            "officer_a",
        )
        assert change.prechange_data is None
        assert change.postchange_data["name"] == "Quantum lab"
        assert change.postchange_data["parent_id"] == cast.school_a.pk
        assert str(change.request_id) == response["X-Request-ID"]
        assert ObjectChange.objects.count() == baseline + 1

    def test_update(self, cast, login, baseline, since):
        login("officer_a").post(
            reverse("directory_organization_edit", args=[cast.lab_a.pk]),
            {**LAB, "name": "Lab A1 (renamed)", "parent": cast.school_a.pk, "city": "Brest"},
        )
        change = only_change(cast.lab_a, since=since)
        assert ObjectChange.objects.count() == baseline + 1
        assert change.action == "update" and change.object_id == str(cast.lab_a.pk)
        assert change.prechange_data["name"] == "Lab A1"
        assert change.postchange_data["name"] == "Lab A1 (renamed)"
        assert dict((f, (b, a)) for f, b, a in change.diff()) == {
            "name": ("Lab A1", "Lab A1 (renamed)"),
            "city": ("", "Brest"),
        }

    def test_saving_without_change_writes_nothing(self, cast, login, baseline):
        login("officer_a").post(
            reverse("directory_organization_edit", args=[cast.lab_a.pk]),
            {**LAB, "name": "Lab A1", "parent": cast.school_a.pk},
        )
        assert ObjectChange.objects.count() == baseline

    def test_delete(self, cast, login, baseline):
        pk = cast.company.pk
        response = login("officer_a").post(reverse("directory_organization_delete", args=[pk]))
        assert response.status_code == 302
        assert ObjectChange.objects.count() == baseline + 1
        change = ObjectChange.objects.latest("id")
        assert (change.action, change.object_id, change.object_repr) == (
            "delete",
            str(pk),
            "Acme Industries",
        )
        assert change.prechange_data["siren"] == "732829320" and change.postchange_data is None

    def test_component_change_shows_in_parent_history(self, cast, login):
        person = cast.people["researcher_a"]
        client = login("officer_a")
        client.post(
            reverse("directory_affiliation_add"),
            {
                "person": person.pk,
                "organization": cast.lab_a.pk,
                "status": "postdoc",
                "start": "2024-01-01",
            },
        )
        history = client.get(reverse("directory_person_changelog", args=[person.pk]))
        assert history.status_code == 200
        assert "Post-doctoral researcher" in history.content.decode()

    def test_bulk_edit(self, cast, login, baseline, since):
        response = login("officer_a").post(
            reverse("directory_organization_bulk_edit"),
            {"pk": [cast.school_a.pk, cast.lab_a.pk], "city": "Nantes", "apply": "1"},
        )
        assert response.status_code == 302
        assert ObjectChange.objects.count() == baseline + 2
        for unit in (cast.school_a, cast.lab_a):
            change = only_change(unit, since=since)
            assert (
                change.prechange_data["city"] == "" and change.postchange_data["city"] == "Nantes"
            )
            assert change.source == "web" and change.user == cast.users["officer_a"]

    def test_bulk_edit_rejects_invalid_values_and_writes_nothing(self, cast, login, baseline):
        response = login("officer_a").post(
            reverse("directory_organization_bulk_edit"),
            {"pk": [cast.lab_a.pk], "size_category": "GE", "apply": "1"},
        )
        assert response.status_code == 200
        assert "Only companies" in response.content.decode()
        assert ObjectChange.objects.count() == baseline

    def test_import(self, cast, login, baseline):
        upload = io.BytesIO(b"key,name,kind,size_category\nN1,NewCo,company,PME\n")
        upload.name = "partners.csv"
        client = login("officer_a")
        preview = client.post(
            reverse("onboarding_kind", args=["organizations"]), {"file": upload}, follow=True
        )
        assert ObjectChange.objects.count() == baseline  # a preview writes nothing
        response = client.post(
            reverse("onboarding_confirm", args=["organizations"]),
            {"token": preview.context["token"]},
            follow=True,
        )
        assert response.status_code == 200
        change = only_change(Organization.objects.get(name="NewCo"))
        assert (change.source, change.user) == ("import", cast.users["officer_a"])
        # The organisation and the key its row gave it.
        assert ObjectChange.objects.count() == baseline + 2


@pytest.mark.django_db
class TestApi:
    def test_create_update_delete(self, cast, api, baseline):
        client = api("officer_a")
        response = client.post(
            "/api/directory/organizations/",
            {"name": "API lab", "kind": "laboratory", "parent": cast.school_a.pk},
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        response = client.patch(f"/api/directory/organizations/{pk}/", {"short_name": "APIL"})
        assert response.status_code == 200
        assert client.delete(f"/api/directory/organizations/{pk}/").status_code == 204
        found = changes_of(Organization, pk)
        assert [c.action for c in reversed(found)] == ["create", "update", "delete"]
        assert all(c.source == "api" and c.user == cast.users["officer_a"] for c in found)
        update = found[1]
        assert (update.prechange_data["short_name"], update.postchange_data["short_name"]) == (
            "",
            "APIL",
        )
        assert ObjectChange.objects.count() == baseline + 3


@pytest.mark.django_db
def test_admin_site(cast, login, baseline, since):
    client = login("admin")
    cast.users["admin"].is_staff = cast.users["admin"].is_superuser = True
    cast.users["admin"].save()
    response = client.post(
        reverse("admin:directory_organization_change", args=[cast.company.pk]),
        {
            "name": "Acme Industries SA",
            "kind": "company",
            "country": "FR",
            "siren": "732829320",
            "size_category": "GE",
            "sector": "company",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = only_change(cast.company, since=since)
    assert (change.action, change.source, change.user_name) == ("update", "admin", "admin")
    assert change.postchange_data["name"] == "Acme Industries SA"
    assert ObjectChange.objects.count() == baseline + 1


@pytest.mark.django_db
class TestQuerysetBulkWrites:
    """queryset.update(), bulk_create() and bulk_update(): the project's one way to write in bulk."""

    def test_update(self, cast, baseline, since):
        with change_context(source="system", user_name="nightly job"):
            count = Organization.objects.filter(kind="laboratory").update(city="Paris")
        assert count == 2
        assert ObjectChange.objects.count() == baseline + 2
        for lab in (cast.lab_a, cast.lab_b):
            change = only_change(lab, since=since)
            assert change.user_name == "nightly job"
            assert (change.prechange_data["city"], change.postchange_data["city"]) == ("", "Paris")

    def test_update_of_a_distinct_joined_queryset(self, cast, baseline):
        """A filtered list (search over aliases → DISTINCT) can be updated as a whole, and logged."""
        from valo.directory.models import OrganizationAlias

        OrganizationAlias.objects.create(organization=cast.company, name="ACME SA")
        OrganizationAlias.objects.create(organization=cast.company, name="ACME GROUP")
        start = ObjectChange.objects.count()
        matched = Organization.objects.filter(aliases__name__startswith="ACME").distinct()
        assert matched.update(city="Lyon") == 1
        assert ObjectChange.objects.count() == start + 1
        assert ObjectChange.objects.latest("id").postchange_data["city"] == "Lyon"

    def test_bulk_create(self, cast, baseline):
        created = Person.objects.bulk_create(
            [Person(first_name="Ada", last_name=f"Bulk{i}") for i in range(3)]
        )
        assert ObjectChange.objects.count() == baseline + 3
        for person in created:
            change = only_change(person)
            assert (
                change.action == "create"
                and change.postchange_data["last_name"] == person.last_name
            )

    def test_bulk_update(self, cast, baseline, since):
        people = list(Person.objects.order_by("pk")[:2])
        for person in people:
            person.notes = "checked"
        Person.objects.bulk_update(people, ["notes"])
        assert ObjectChange.objects.count() == baseline + 2
        for person in people:
            change = only_change(person, since=since)
            assert (change.prechange_data["notes"], change.postchange_data["notes"]) == (
                "",
                "checked",
            )

    def test_queryset_delete(self, cast, baseline):
        Affiliation.objects.filter(person=cast.people["bob_b"]).delete()
        assert ObjectChange.objects.count() == baseline + 1
        assert ObjectChange.objects.latest("id").action == "delete"


@pytest.mark.django_db
def test_management_command(cast, baseline, tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("key;name;kind;siren\nB;Beta SAS;company;552081317\n", encoding="utf-8")
    call_command("import_data", "organizations", str(path), stdout=io.StringIO())
    change = only_change(Organization.objects.get(name="Beta SAS"))
    assert change.source == "import" and change.user_name == "import companies.csv"
    # The organisation and the key its row gave it.
    assert ObjectChange.objects.count() == baseline + 2


@pytest.mark.django_db
def test_deleted_objects_history_stays_readable(cast, login, api):
    company_pk = cast.company.pk
    login("officer_a").post(
        reverse("directory_organization_edit", args=[company_pk]),
        {
            "name": "Acme",
            "kind": "company",
            "country": "FR",
            "siren": "732829320",
            "size_category": "GE",
        },
    )
    login("officer_a").post(reverse("directory_organization_delete", args=[company_pk]))
    assert not Organization.objects.filter(pk=company_pk).exists()
    ct = ContentType.objects.get_for_model(Organization)
    page = login("auditor").get(
        reverse("changelog_list"), {"content_type": ct.pk, "object_id": company_pk}
    )
    assert page.status_code == 200
    actions = [row[0].action for row in page.context["rows"]]
    assert actions == ["delete", "update", "create"]
    data = (
        api("auditor")
        .get("/api/core/changes/", {"content_type": ct.pk, "object_id": company_pk})
        .json()
    )
    assert [item["action"] for item in data["results"]] == ["delete", "update", "create"]
    assert data["results"][0]["prechange_data"]["name"] == "Acme"


@pytest.mark.django_db
def test_change_records_cannot_be_altered(cast):
    change = ObjectChange.objects.first()
    with pytest.raises(RuntimeError):
        change.save()
    with pytest.raises(RuntimeError):
        change.delete()
    with pytest.raises(RuntimeError):
        ObjectChange.objects.all().delete()
    with pytest.raises(RuntimeError):
        ObjectChange.objects.update(user_name="x")


@pytest.mark.django_db
def test_writes_outside_any_context_are_still_logged(db):
    org = Organization.objects.create(name="Orphan Co", kind="company")
    change = only_change(org)
    assert change.source == "system" and change.user is None


@pytest.mark.django_db
def test_affiliation_dates_in_snapshot_are_iso(cast):
    aff = Affiliation.objects.filter(person=cast.people["bob_b"]).first()
    aff.end = datetime.date(2025, 6, 30)
    aff.save()
    change = ObjectChange.objects.latest("id")
    assert change.postchange_data["end"] == "2025-06-30"
    assert change.related_object_id == str(cast.people["bob_b"].pk)
