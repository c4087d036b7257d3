"""A portfolio from a list of numbers: each family fetched from EPO OPS (a server on the loopback
answering with the real responses of ../shared/data/epo-ops) and matched to what valo holds; what the
office does not know, and applicants the directory does not know, are left for review."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from valo.officedata.tests.test_ops_client import FakeOps
from valo.officedata.tests.test_ops_client import fake_ops as ops_server  # noqa: F401
from valo.patents.models import PatentApplication, PatentFamily

# The loopback OPS server: the office-data tests' fixture, under the name imported.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ops_server")]


def test_the_page_imports_the_families_and_lists_what_to_review(cast, login):
    client = login("officer_a")
    answer = client.post(
        "/patents/from-offices/",
        {"numbers": "EP.2400812.A1\nEP.9999999.A1", "unit": cast.lab_a.pk},
    )
    assert answer.status_code == 200
    report = answer.context["report"]
    [family] = report.created
    assert family.unit == cast.lab_a and family.inpadoc_family_id
    assert family.applications.count() == 3
    # The number the office does not know, and applicants the directory does not know.
    assert report.not_found == [("EP.9999999.A1", "EPO OPS answered 404: Document not found")]
    assert report.unknown_applicants and all(f == family for f, _name in report.unknown_applicants)
    text = answer.content.decode()
    assert "1 created, 0 updated, 0 unchanged" in text and "EP.9999999.A1" in text

    # Again, by an application number of the same family: found, nothing duplicated.
    number = family.applications.filter(office="EP").values_list("application_number", flat=True)
    again = client.post("/patents/from-offices/", {"numbers": number[0], "unit": cast.lab_a.pk})
    report = again.context["report"]
    assert (report.created, report.unchanged) == ([], [family])
    assert PatentFamily.objects.count() == 1 and PatentApplication.objects.count() == 3
    assert ("GET", f"/3.2/rest-services/family/application/epodoc/({number[0]})/biblio") in (
        FakeOps.requests
    )


def test_one_office_family_held_as_two_is_left_for_review(cast):
    out = io.StringIO()
    call_command("fetch_ops", "EP.2400812.A1", "--unit", str(cast.lab_a.pk), stdout=out)
    family = PatentFamily.objects.get()
    # Staff had filed one of its applications under a family of their own.
    mine = PatentFamily.objects.create(reference="BR-OWN", title="Ours", unit=cast.lab_a)
    moved = family.applications.order_by("pk").last()
    moved.family = mine
    moved.save()
    PatentFamily.objects.filter(pk=family.pk).update(inpadoc_family_id=None)
    family.refresh_from_db()
    out = io.StringIO()
    call_command("fetch_ops", "EP.2400812.A1", "--unit", str(cast.lab_a.pk), stdout=out)
    assert "are one office family" in out.getvalue()


def test_bad_numbers_and_too_many_are_refused_field_by_field(cast, login):
    client = login("officer_a")
    answer = client.post(
        "/patents/from-offices/", {"numbers": "not a number", "unit": cast.lab_a.pk}
    )
    assert answer.status_code == 400
    assert "Not a publication or application number" in answer.content.decode()
    many = "\n".join(f"EP.{n:07d}.A1" for n in range(51))
    answer = client.post("/patents/from-offices/", {"numbers": many, "unit": cast.lab_a.pk})
    assert answer.status_code == 400 and "At most 50 numbers" in answer.content.decode()
    assert login("researcher_a").get("/patents/from-offices/").status_code == 404
