"""EPO OPS responses into the portfolio: right values, matched not duplicated, all or nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from valo.core.models import ObjectChange
from valo.officedata.tests.test_ops_reader import response
from valo.patents.importers import import_ops
from valo.patents.models import LegalEvent, PatentApplication, PatentFamily

pytestmark = pytest.mark.django_db

BIBLIO_FILES = [
    "get_biblio",
    "get_biblio_multiple",
    "get_family_with_biblio",
    "get_full_cycle_multiple",
    "get_abstract",
]


def test_every_biblio_response_imports_with_its_numbers_dates_kinds_applicants_and_priorities(cast):
    report = import_ops([response(f) for f in BIBLIO_FILES], unit=cast.lab_a)
    assert report.families == 2
    ep = PatentApplication.objects.get(office="EP", application_number="EP10167109")
    assert ep.filing_date == datetime.date(2010, 6, 24) and ep.route == "ep_direct"
    assert (ep.publication_number, ep.publication_kind, ep.publication_date) == (
        "2400812",
        "A1",
        datetime.date(2011, 12, 28),
    )
    assert (ep.grant_number, ep.grant_kind, ep.grant_date, ep.status) == (
        "2400812",
        "B1",
        datetime.date(2019, 11, 27),
        "granted",
    )
    assert [(o.name_as_published, o.share) for o in ep.owners.all()] == [
        ("9SOLUTIONS OY", Decimal(1))
    ]
    assert ep.priority_claims.count() == 0  # it claims its own filing
    us = PatentApplication.objects.get(office="US")
    assert us.application_number == "US201113167395" and us.route == "priority_filing"
    assert (us.grant_number, us.grant_date) == ("9648662", datetime.date(2017, 5, 9))
    (priority,) = us.priority_claims.all()
    assert (priority.country, priority.date, priority.priority_application) == (
        "EP",
        datetime.date(2010, 6, 24),
        ep,
    )
    assert us.owners.count() == 4 and us.share_total() == Decimal(1)
    family = PatentFamily.objects.get(inpadoc_family_id="43088294")
    assert family.applications.count() == 3  # EP, CA, US
    assert family.unit == cast.lab_a and family.title == "BLUETOOTH NETWORKING"
    assert set(ep.classes.values_list("scheme", "code")) == {
        ("IPC", "H04W84/20"),
        ("IPC", "H04W88/04"),
        ("CPC", "H04W84/20"),
        ("CPC", "H04W88/04"),
    }
    second = PatentApplication.objects.get(application_number="EP11169280")
    assert (second.grant_date, second.inventors.count()) == (datetime.date(2014, 3, 5), 1)
    # Deadlines follow: the EP renewals of EP10167109 from year 3.
    assert ep.deadlines.get(rule__code="ep-renewal", year=3).due_date == datetime.date(2012, 7, 2)


def test_importing_twice_creates_nothing_new(cast):
    files = [response(f) for f in BIBLIO_FILES] + [response("get_family_with_legal")]
    import_ops(files, unit=cast.lab_a)
    counts = (
        PatentApplication.objects.count(),
        LegalEvent.objects.count(),
        ObjectChange.objects.count(),
    )
    report = import_ops(files, unit=cast.lab_a)
    assert (report.families, report.applications, report.changed, report.events) == (0, 0, 0, 0)
    assert (
        PatentApplication.objects.count(),
        LegalEvent.objects.count(),
        ObjectChange.objects.count(),
    ) == counts


def test_legal_events_attach_to_their_applications(cast):
    import_ops([response("get_family_with_biblio"), response("get_legal")], unit=cast.lab_a)
    ep = PatentApplication.objects.get(application_number="EP10167109")
    assert ep.legal_events.filter(code="PG25").count() == 32
    assert ep.legal_events.filter(
        code="PG25", country="BG", date=datetime.date(2020, 5, 1)
    ).exists()


def test_a_truncated_file_imports_nothing_and_says_where(cast, tmp_path):
    good = response("get_biblio")
    cut = tmp_path / "truncated.xml"
    cut.write_bytes(response("get_family_with_biblio").read_bytes()[:20000])
    before = (PatentFamily.objects.count(), ObjectChange.objects.count())
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_ops", str(good), str(cut), "--unit", str(cast.lab_a.pk), stderr=err)
    assert "Nothing imported. truncated.xml" in str(failure.value) and "malformed XML" in str(
        failure.value
    )
    assert (PatentFamily.objects.count(), ObjectChange.objects.count()) == before


def test_the_command_logs_as_an_import(cast):
    out = io.StringIO()
    call_command(
        "import_ops", str(response("get_biblio")), "--unit", str(cast.lab_a.pk), stdout=out
    )
    assert "1 new families, 1 new applications" in out.getvalue()
    change = ObjectChange.objects.filter(content_type__model="patentapplication").get()
    assert (change.source, change.user_name) == ("import", "OPS import response.xml")


def test_the_register_record_and_the_biblio_meet_on_one_application(cast):
    import_ops([response("get_register_biblio")], unit=cast.lab_a)
    ep = PatentApplication.objects.get(application_number="EP10167109")
    assert (ep.grant_kind, ep.publication_kind, ep.inventors.count()) == ("B1", "A1", 3)
    report = import_ops([response("get_family_with_biblio")], unit=cast.lab_a)
    assert PatentApplication.objects.filter(office="EP").count() == 1
    ep.refresh_from_db()
    assert ep.family.inpadoc_family_id == "43088294" and report.applications == 2  # CA and US
