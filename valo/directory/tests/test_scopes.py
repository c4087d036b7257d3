"""Who sees and changes what: pages, API and exports answer the same, and hidden objects are 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from valo.directory.models import Organization


def export_ids(client, url_name: str, query: str = "") -> set[int]:
    response = client.get(reverse(url_name) + "?export=csv" + ("&" + query if query else ""))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {int(row["ID"]) for row in csv.DictReader(io.StringIO(text))}


def api_ids(client, path: str, query: str = "") -> set[int]:
    ids: set[int] = set()
    url = f"/api/directory/{path}/" + ("?" + query if query else "")
    while url:
        data = client.get(url).json()
        ids |= {item["id"] for item in data["results"]}
        url = data["next"]
    return ids


@pytest.mark.django_db
class TestResearcher:
    def test_sees_own_person_record_only(self, cast, login, api):
        own, colleague = cast.people["researcher_a"], cast.people["researcher_a2"]
        client = login("researcher_a")
        assert client.get(own.get_absolute_url()).status_code == 200
        assert client.get(colleague.get_absolute_url()).status_code == 404
        assert api("researcher_a").get(f"/api/directory/people/{colleague.pk}/").status_code == 404
        assert export_ids(client, "directory_person_list") == {own.pk}
        assert api_ids(api("researcher_a"), "people") == {own.pk}

    def test_cannot_read_units_outside_scope(self, cast, login, api):
        client = login("researcher_a")
        assert client.get(cast.lab_a.get_absolute_url()).status_code == 200
        for unit in (cast.school_b, cast.lab_b, cast.school_a, cast.institution):
            assert client.get(unit.get_absolute_url()).status_code == 404
            url = f"/api/directory/organizations/{unit.pk}/"
            assert api("researcher_a").get(url).status_code == 404
            assert (
                client.get(reverse("directory_organization_changelog", args=[unit.pk])).status_code
                == 404
            )
        visible = export_ids(client, "directory_organization_list")
        assert cast.lab_a.pk in visible and cast.company.pk in visible
        assert not visible & {cast.school_b.pk, cast.lab_b.pk, cast.institution.pk}
        assert api_ids(api("researcher_a"), "organizations") == visible

    def test_cannot_write(self, cast, login, api):
        client = login("researcher_a")
        assert client.get(reverse("directory_organization_add")).status_code == 403
        response = api("researcher_a").post(
            "/api/directory/organizations/", {"name": "X", "kind": "company"}
        )
        assert response.status_code == 403
        assert not Organization.objects.filter(name="X").exists()


@pytest.mark.django_db
class TestOfficer:
    def test_edits_own_school_units(self, cast, login):
        client = login("officer_a")
        url = reverse("directory_organization_edit", args=[cast.lab_a.pk])
        response = client.post(
            url,
            {
                "name": "Lab A1 renamed",
                "kind": "laboratory",
                "parent": cast.school_a.pk,
                "country": "FR",
            },
        )
        assert response.status_code == 302
        cast.lab_a.refresh_from_db()
        assert cast.lab_a.name == "Lab A1 renamed"

    def test_cannot_edit_other_school_units(self, cast, login, api):
        client = login("officer_a")
        for unit in (cast.school_b, cast.lab_b):
            url = reverse("directory_organization_edit", args=[unit.pk])
            assert client.get(url).status_code == 404
            response = client.post(
                url,
                {"name": "hijacked", "kind": unit.kind, "country": "FR", "parent": unit.parent_id},
            )
            assert response.status_code == 404
            response = api("officer_a").patch(
                f"/api/directory/organizations/{unit.pk}/", {"name": "hijacked"}
            )
            assert response.status_code == 404
            assert (
                client.post(reverse("directory_organization_delete", args=[unit.pk])).status_code
                == 404
            )
        assert not Organization.objects.filter(name="hijacked").exists()

    def test_cannot_create_a_unit_under_another_school(self, cast, login, api):
        client = login("officer_a")
        response = client.post(
            reverse("directory_organization_add"),
            {
                "name": "Sneaky lab",
                "kind": "laboratory",
                "parent": cast.school_b.pk,
                "country": "FR",
            },
        )
        assert response.status_code == 200
        assert "parent" in response.context["form"].errors
        response = api("officer_a").post(
            "/api/directory/organizations/",
            {"name": "Sneaky lab", "kind": "laboratory", "parent": cast.school_b.pk},
        )
        assert response.status_code == 400
        assert "parent" in response.json()
        assert not Organization.objects.filter(name="Sneaky lab").exists()

    def test_cannot_move_own_lab_out_of_scope(self, cast, login):
        # The form only offers visible parents; the API the same. The post-save check is the net.
        response = login("officer_a").post(
            reverse("directory_organization_edit", args=[cast.lab_a.pk]),
            {"name": "Lab A1", "kind": "laboratory", "parent": cast.school_b.pk, "country": "FR"},
        )
        assert response.status_code == 200
        cast.lab_a.refresh_from_db()
        assert cast.lab_a.parent == cast.school_a

    def test_cannot_re_parent_another_schools_incubator(self, cast, login, api):
        """Issue 11: an outside organisation placed under a school (its incubator) is that school's
        to edit; another school's officer can neither edit it nor move one under that school."""
        incubator = Organization.objects.create(
            name="Incubateur B", kind="incubator", parent=cast.school_b
        )
        page = login("officer_a").post(
            reverse("directory_organization_edit", args=[incubator.pk]),
            {
                "name": "Incubateur B",
                "kind": "incubator",
                "parent": cast.school_a.pk,
                "country": "FR",
            },
        )
        assert page.status_code == 404
        answer = api("officer_a").patch(
            f"/api/directory/organizations/{incubator.pk}/", {"parent": cast.school_a.pk}
        )
        assert answer.status_code == 404
        incubator.refresh_from_db()
        assert incubator.parent == cast.school_b
        # Moving one's own incubator under school B is refused on the field (school B is not a
        # parent officer A may name; the check after the save would refuse it too).
        own = Organization.objects.create(
            name="Incubateur A", kind="incubator", parent=cast.school_a
        )
        moved = api("officer_a").patch(
            f"/api/directory/organizations/{own.pk}/", {"parent": cast.school_b.pk}
        )
        assert moved.status_code == 400 and "parent" in moved.json()
        own.refresh_from_db()
        assert own.parent == cast.school_a
        # School B's officer keeps theirs; a partner company stays everyone's.
        assert (
            api("officer_b")
            .patch(f"/api/directory/organizations/{incubator.pk}/", {"city": "Nantes"})
            .status_code
            == 200
        )
        assert (
            api("officer_a")
            .patch(f"/api/directory/organizations/{cast.company.pk}/", {"city": "Lyon"})
            .status_code
            == 200
        )

    def test_bulk_edit_ignores_nothing_and_hides_other_schools(self, cast, login):
        response = login("officer_a").post(
            reverse("directory_organization_bulk_edit"),
            {"pk": [cast.lab_a.pk, cast.lab_b.pk], "city": "Brest", "apply": "1"},
        )
        assert response.status_code == 404
        cast.lab_a.refresh_from_db()
        assert cast.lab_a.city == ""


@pytest.mark.django_db
class TestAuditor:
    def test_reads_everything(self, cast, login, api):
        client = login("auditor")
        for unit in (cast.institution, cast.school_a, cast.lab_b, cast.company):
            assert client.get(unit.get_absolute_url()).status_code == 200
        assert client.get(cast.people["bob_b"].get_absolute_url()).status_code == 200
        assert export_ids(client, "directory_organization_list") == set(
            Organization.objects.values_list("pk", flat=True)
        )
        assert client.get(reverse("changelog_list")).status_code == 200
        assert api("auditor").get("/api/core/changes/").status_code == 200

    def test_cannot_write(self, cast, login, api):
        client = login("auditor")
        assert client.get(reverse("directory_organization_add")).status_code == 403
        # The auditor never writes: the edit page of any record is refused as a kind (403).
        assert (
            client.get(reverse("directory_organization_edit", args=[cast.lab_a.pk])).status_code
            == 403
        )
        assert (
            client.post(reverse("directory_organization_delete", args=[cast.lab_a.pk])).status_code
            == 403
        )
        auditor = api("auditor")
        assert (
            auditor.post(
                "/api/directory/organizations/", {"name": "X", "kind": "company"}
            ).status_code
            == 403
        )
        assert (
            auditor.patch(
                f"/api/directory/organizations/{cast.lab_a.pk}/", {"name": "X"}
            ).status_code
            == 403
        )
        assert auditor.delete(f"/api/directory/organizations/{cast.lab_a.pk}/").status_code == 403
        assert Organization.objects.filter(pk=cast.lab_a.pk, name="Lab A1").exists()


@pytest.mark.django_db
def test_only_auditors_and_admins_read_the_global_change_log(cast, login, api):
    for name in ("researcher_a", "officer_a", "director", "finance"):
        assert login(name).get(reverse("changelog_list")).status_code == 403
        assert api(name).get("/api/core/changes/").status_code == 403
    assert login("admin").get(reverse("changelog_list")).status_code == 200


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login_and_refused_by_the_api(cast, client):
    response = client.get(reverse("directory_organization_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get("/api/directory/organizations/").status_code in (401, 403)


@pytest.mark.django_db
class TestComponents:
    """Aliases, affiliations and label periods follow the scope of their organisation."""

    def test_alias_on_own_unit_only(self, cast, api):
        client = api("officer_a")
        ok = client.post(
            "/api/directory/aliases/", {"organization": cast.lab_a.pk, "name": "LAB A ONE"}
        )
        assert ok.status_code == 201
        refused = client.post(
            "/api/directory/aliases/", {"organization": cast.lab_b.pk, "name": "LAB B"}
        )
        assert refused.status_code == 400 and "organization" in refused.json()

    def test_affiliation_only_between_visible_people_and_units(self, cast, api):
        client = api("officer_a")
        data = {"status": "postdoc", "start": "2024-01-01"}
        refused = client.post(
            "/api/directory/affiliations/",
            {**data, "person": cast.people["bob_b"].pk, "organization": cast.lab_a.pk},
        )
        assert refused.status_code == 400 and "person" in refused.json()
        ok = client.post(
            "/api/directory/affiliations/",
            {**data, "person": cast.people["researcher_a"].pk, "organization": cast.lab_a.pk},
        )
        assert ok.status_code == 201

    def test_labels_are_defined_by_administrators(self, cast, api):
        assert (
            api("officer_a")
            .post("/api/directory/labels/", {"name": "L", "kind": "carnot"})
            .status_code
            == 403
        )
        assert (
            api("admin").post("/api/directory/labels/", {"name": "L", "kind": "carnot"}).status_code
            == 201
        )

    def test_label_periods_on_own_units_only(self, cast, api):
        from valo.directory.models import Label

        label = Label.objects.create(name="Carnot X", kind="carnot")
        client = api("officer_a")
        data = {"label": label.pk, "start": "2020-01-01"}
        assert (
            client.post(
                "/api/directory/label-periods/", {**data, "organization": cast.school_a.pk}
            ).status_code
            == 201
        )
        refused = client.post(
            "/api/directory/label-periods/", {**data, "organization": cast.school_b.pk}
        )
        assert refused.status_code == 400
        assert api("officer_b").get("/api/directory/label-periods/").json()["count"] == 0

    def test_officer_edits_shared_companies(self, cast, api):
        response = api("officer_b").patch(
            f"/api/directory/organizations/{cast.company.pk}/", {"city": "Lyon"}
        )
        assert response.status_code == 200
