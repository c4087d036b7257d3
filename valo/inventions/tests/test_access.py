"""Who sees which invention, secret and file: pages, API and exports agree, and hidden means 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from valo.core.models import ObjectChange
from valo.documents.models import Document
from valo.inventions.models import KnowHow, KnowHowMember, KnowHowRead
from valo.inventions.tests.conftest import make_invention

pytestmark = pytest.mark.django_db


def listed(client, query=""):
    response = client.get(reverse("inventions_invention_list") + "?export=csv" + query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {int(row["ID"]) for row in csv.DictReader(io.StringIO(text))}


def api_listed(client):
    return {item["id"] for item in client.get("/api/inventions/inventions/").json()["results"]}


class TestResearcher:
    def test_sees_only_inventions_they_are_inventor_on(self, cast, inv_a, inv_b, login, api):
        other = make_invention(
            cast, cast.lab_a, [cast.people["researcher_a2"]], title="Colleague's"
        )
        client, rest = login("researcher_a"), api("researcher_a")
        assert client.get(inv_a.get_absolute_url()).status_code == 200
        for hidden in (inv_b, other):
            assert client.get(hidden.get_absolute_url()).status_code == 404
            assert rest.get(f"/api/inventions/inventions/{hidden.pk}/").status_code == 404
            assert rest.post(f"/api/inventions/inventions/{hidden.pk}/submit/").status_code == 404
            assert (
                client.get(reverse("inventions_transition", args=[hidden.pk, "submit"])).status_code
                == 404
            )
        assert listed(client) == api_listed(rest) == {inv_a.pk}
        assert rest.get(f"/api/inventions/inventors/?invention={other.pk}").json()["count"] == 0

    def test_my_inventions_page(self, cast, inv_a, inv_b, login):
        response = login("researcher_a2").get(reverse("inventions_mine"))
        assert [obj.pk for obj, _cells, _class in response.context["rows"]] == [inv_a.pk]

    def test_declares_a_draft_in_their_unit_and_can_no_longer_edit_it_once_submitted(
        self, cast, login, api
    ):
        rest = api("researcher_a")
        response = rest.post(
            "/api/inventions/inventions/",
            {
                "title": "My idea",
                "confidential_description": "x",
                "field": "digital",
                "owning_units": [cast.lab_a.pk],
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        assert response.json()["reference"].startswith("INV-")
        inventor = rest.post(
            "/api/inventions/inventors/",
            {"invention": pk, "person": cast.people["researcher_a"].pk, "share": "1"},
        )
        assert inventor.status_code == 201, inventor.json()
        assert rest.post(f"/api/inventions/inventions/{pk}/submit/").status_code == 200
        assert (
            rest.patch(f"/api/inventions/inventions/{pk}/", {"title": "changed"}).status_code == 404
        )
        assert rest.get(f"/api/inventions/inventions/{pk}/").json()["state"] == "declared"

    def test_cannot_qualify_or_decide(self, cast, inv_a, api):
        rest = api("researcher_a")
        assert rest.post(f"/api/inventions/inventions/{inv_a.pk}/submit/").status_code == 200
        response = rest.post(
            f"/api/inventions/inventions/{inv_a.pk}/qualify/", {"ownership_class": "mission"}
        )
        assert response.status_code == 403


class TestOfficer:
    def test_sees_only_their_schools_inventions(self, cast, inv_a, inv_b, login, api):
        assert listed(login("officer_a")) == api_listed(api("officer_a")) == {inv_a.pk}
        assert listed(login("officer_b")) == {inv_b.pk}
        assert login("officer_a").get(inv_b.get_absolute_url()).status_code == 404
        assert (
            api("officer_b")
            .post(f"/api/inventions/inventions/{inv_a.pk}/abandon/", {"reason": "x"})
            .status_code
            == 404
        )
        assert listed(login("director")) == {inv_a.pk, inv_b.pk}

    def test_filters_match_between_page_and_api(self, cast, inv_a, inv_b, login, api):
        for query in ["&state=draft", f"&unit={cast.school_a.pk}", "&q=gadget", "&field=other"]:
            page = listed(login("director"), query)
            rest = {
                i["id"]
                for i in api("director")
                .get("/api/inventions/inventions/?" + query[1:])
                .json()["results"]
            }
            assert page == rest


class TestKnowHow:
    @pytest.fixture
    def secret(self, cast):
        item = KnowHow.objects.create(
            title="Furnace profile", unit=cast.lab_a, description="1150 °C for 2 h"
        )
        KnowHowMember.objects.create(know_how=item, user=cast.users["officer_a"])
        return item

    def test_invisible_to_an_officer_not_named_on_it(self, cast, secret, login, api):
        cast.users["officer_b"]  # another school's officer, and the director: not named
        for name in ("director", "officer_b", "auditor"):
            assert login(name).get(secret.get_absolute_url()).status_code == 404
            assert api(name).get(f"/api/inventions/know-how/{secret.pk}/").status_code == 404
            assert api(name).get("/api/inventions/know-how/").json()["count"] == 0
        assert KnowHowRead.objects.count() == 0

    def test_each_authorised_read_is_logged_once(self, cast, secret, login, api):
        page = login("officer_a").get(secret.get_absolute_url())
        assert "1150 °C for 2 h" in page.content.decode()
        assert (
            api("officer_a").get(f"/api/inventions/know-how/{secret.pk}/").json()["description"]
            == "1150 °C for 2 h"
        )
        reads = list(KnowHowRead.objects.order_by("id").values_list("user_name", "channel"))
        assert reads == [("officer_a", "page"), ("officer_a", "api")]

    def test_the_register_lists_titles_without_reading_the_secret(self, cast, secret, login, api):
        page = login("officer_a").get(reverse("inventions_knowhow_list") + "?export=csv")
        text = b"".join(page.streaming_content).decode("utf-8-sig")
        assert "Furnace profile" in text and "1150 °C" not in text
        listing = api("officer_a").get("/api/inventions/know-how/").json()["results"]
        assert "description" not in listing[0]
        assert KnowHowRead.objects.count() == 0

    def test_the_change_log_never_shows_the_secret(self, cast, secret, login, api):
        """Issue 11: an auditor read the secret in the change record (page and API), and the
        know-how's own history showed it without a read record."""
        secret.description = "1200 °C for 3 h"
        secret.save()
        changes = ObjectChange.objects.filter(object_id=str(secret.pk), object_repr=str(secret))
        record = changes.order_by("pk").last()
        seen = [
            login("auditor").get(f"/changelog/{record.pk}/").content.decode(),
            api("auditor").get(f"/api/core/changes/{record.pk}/").content.decode(),
            login("auditor").get("/changelog/?export=csv").getvalue().decode("utf-8-sig"),
            login("officer_a").get(f"{secret.get_absolute_url()}changelog/").content.decode(),
            login("admin").get(f"/changelog/{record.pk}/").content.decode(),
        ]
        # The secrets' own words (a bare "1150" may be part of a random request id of the log).
        secrets = ("1150 °C", "1200 °C", "1150 \\u00b0C", "1200 \\u00b0C", "°C for")
        for text in seen:
            assert not any(words in text for words in secrets), text
        # The log still says that the secret changed: two different fingerprints.
        before, after = record.prechange_data["description"], record.postchange_data["description"]
        assert before.startswith("sealed:") and after.startswith("sealed:") and before != after
        assert KnowHowRead.objects.count() == 0

    def test_records_written_in_clear_before_are_sealed_by_the_migration(self, cast, secret):
        import importlib

        from django.db import connection
        from django.db.migrations.loader import MigrationLoader

        from valo.core.changelog import record_change

        record_change("update", secret, {"description": "old clear"}, {"description": "new clear"})
        migration = importlib.import_module(
            "valo.inventions.migrations.0004_seal_know_how_in_change_log"
        )
        name = ("inventions", "0004_seal_know_how_in_change_log")
        historical = MigrationLoader(connection).project_state(name).apps  # as when migrating
        migration.seal(historical, None)
        stored = ObjectChange.objects.filter(object_id=str(secret.pk)).values_list(
            "prechange_data", "postchange_data"
        )
        assert "clear" not in str(list(stored)) and "1150 °C" not in str(list(stored))

    def test_recording_a_secret_names_its_author(self, cast, login):
        response = login("officer_b").post(
            reverse("inventions_knowhow_add"),
            {
                "title": "Etching recipe",
                "unit": cast.lab_b.pk,
                "description": "HF 5 %",
                "recorded_on": "2025-01-01",
                "members": [cast.users["director"].pk],
            },
        )
        assert response.status_code == 302
        item = KnowHow.objects.get(title="Etching recipe")
        assert set(item.members.values_list("user__username", flat=True)) == {
            "officer_b",
            "director",
        }

    def test_the_api_names_the_people_through_the_same_service(self, cast, api):
        """The API could only add its author; it now sets the members as the page does."""
        created = api("officer_b").post(
            "/api/inventions/know-how/",
            {
                "title": "Etching recipe",
                "unit": cast.lab_b.pk,
                "description": "HF 5 %",
                "recorded_on": "2025-01-01",
                "members": [cast.users["director"].pk],
            },
            format="json",
        )
        assert created.status_code == 201, created.json()
        item = KnowHow.objects.get(title="Etching recipe")
        names = {"officer_b", "director"}
        assert set(item.members.values_list("user__username", flat=True)) == names
        ids = {cast.users[n].pk for n in names}
        assert set(created.json()["member_ids"]) == ids and "members" not in created.json()
        # An update of other fields leaves who may know it as it was.
        changed = api("officer_b").patch(
            f"/api/inventions/know-how/{item.pk}/", {"title": "Etching"}, format="json"
        )
        assert changed.status_code == 200 and set(changed.json()["member_ids"]) == ids


class TestAttachments:
    def upload(self, client, invention, name, content):
        return client.post(
            reverse("documents_add", args=["inventions.invention", invention.pk]),
            {"file": SimpleUploadedFile(name, content), "kind": "declaration"},
            follow=True,
        )

    def test_too_large_or_wrong_type_is_refused_with_a_clear_error(
        self, cast, inv_a, login, settings
    ):
        settings.VALO_ATTACHMENT_MAX_BYTES = 1000
        client = login("officer_a")
        big = self.upload(client, inv_a, "lab-notes.pdf", b"x" * 1001)
        assert (
            "lab-notes.pdf is 1001\xa0bytes; the largest file accepted is 1000\xa0bytes."
            in big.content.decode()
        )
        exe = self.upload(client, inv_a, "tool.exe", b"MZ")
        assert "files of type “exe” are not accepted" in exe.content.decode()
        assert Document.objects.count() == 0

    def test_files_are_served_only_to_those_who_see_the_invention(
        self, cast, inv_a, login, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        self.upload(login("officer_a"), inv_a, "notes.pdf", b"%PDF-1.4 secret")
        attachment = Document.objects.get()
        assert attachment.size == 15
        url = attachment.get_absolute_url()
        response = login("researcher_a").get(url)
        assert (
            response.status_code == 200
            and b"".join(response.streaming_content) == b"%PDF-1.4 secret"
        )
        assert login("officer_b").get(url).status_code == 404
        assert login("director").get(url).status_code == 200


def test_an_officer_cannot_declare_into_another_school(cast, api):
    response = api("officer_a").post(
        "/api/inventions/inventions/",
        {"title": "Elsewhere", "field": "other", "owning_units": [cast.lab_b.pk]},
        format="json",
    )
    assert response.status_code == 400 and "owning_units" in response.json()
