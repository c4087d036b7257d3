"""The portfolio's pages, API, permissions, reminders, calendar feed and renewal budget."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from valo.patents import engine
from valo.patents.forecast import forecast
from valo.patents.models import Deadline, PatentApplication, PatentFamily
from valo.patents.reminders import send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture
def family_b(cast):
    family = PatentFamily.objects.create(
        reference="FAM-B", title="B's", unit=cast.lab_b, responsible=cast.users["officer_b"]
    )
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR2299999",
        filing_date=datetime.date(2022, 1, 10),
    )
    return family


def test_each_school_sees_its_own_families(cast, family, fr_first, family_b, login, api):
    assert login("officer_a").get(family.get_absolute_url()).status_code == 200
    assert login("officer_a").get(family_b.get_absolute_url()).status_code == 404
    assert {
        f["reference"] for f in api("officer_a").get("/api/patents/families/").json()["results"]
    } == {"FAM-0001"}
    assert api("officer_b").get(f"/api/patents/applications/{fr_first.pk}/").status_code == 404
    assert api("director").get("/api/patents/families/").json()["count"] == 2
    assert api("researcher_a").get("/api/patents/families/").json()["count"] == 0


def test_the_inventors_read_their_families(cast, family, inv_a, api):
    family.invention = inv_a
    family.save()
    assert api("researcher_a").get("/api/patents/families/").json()["count"] == 1
    assert (
        api("researcher_a").patch(f"/api/patents/families/{family.pk}/", {"title": "x"}).status_code
        == 403
    )


def test_editing_an_application_recomputes_its_deadlines(cast, family, fr_first, api, login):
    engine.sync([fr_first])
    response = api("officer_a").patch(
        f"/api/patents/applications/{fr_first.pk}/", {"search_report_date": "2024-02-01"}
    )
    assert response.status_code == 200
    reply = fr_first.deadlines.get(rule__code="fr-search-reply")
    assert reply.due_date == datetime.date(2024, 5, 2)  # 1 May: Labour Day at INPI
    page = login("officer_a").post(
        reverse("patents_application_edit", args=[fr_first.pk]),
        {
            "family": family.pk,
            "office": "FR",
            "route": "first_filing",
            "application_number": "FR2001234",
            "filing_date": "2020-02-29",
            "search_report_date": "2024-03-04",
            "status": "pending",
        },
    )
    assert page.status_code == 302
    reply.refresh_from_db()
    assert reply.due_date == datetime.date(2024, 6, 4)


def test_a_computed_deadline_keeps_its_dates_and_a_drop_needs_its_reason(cast, fr_first, api):
    engine.sync([fr_first])
    annuity = fr_first.deadlines.get(rule__code="fr-annuity", year=8)
    rest = api("officer_a")
    moved = rest.patch(f"/api/patents/deadlines/{annuity.pk}/", {"due_date": "2030-01-01"})
    assert moved.status_code == 400 and "due_date" in moved.json()
    drop = rest.patch(f"/api/patents/deadlines/{annuity.pk}/", {"renewal_decision": "drop"})
    assert drop.status_code == 400 and "decision_reason" in drop.json()
    ok = rest.patch(
        f"/api/patents/deadlines/{annuity.pk}/",
        {"renewal_decision": "drop", "decision_reason": "No licensee in sight."},
    )
    assert ok.status_code == 200
    manual = rest.post(
        "/api/patents/deadlines/",
        {"application": fr_first.pk, "label": "Office action reply", "due_date": "2026-12-15"},
    )
    assert manual.status_code == 201 and manual.json()["rule_code"] is None


def test_reminder_digest_is_sent_once_a_day(cast, fr_first, django_capture_on_commit_callbacks):
    cast.users["officer_a"].email = "officer.a@example.org"
    cast.users["officer_a"].save()
    engine.sync([fr_first])
    today = datetime.date(2025, 1, 20)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves on commit
        assert send_digests(today) == 1
        assert send_digests(today) == 0
    (message,) = mail.outbox
    assert message.to == ["officer.a@example.org"]
    assert "Due within 90 days" in message.body and "Annuity – 6" in message.body  # due 28 Feb 2025
    assert "Publication (expected)" not in message.body
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)  # today's real date: a separate digest
    assert "people told of their deadlines" in out.getvalue()


def test_the_calendar_feed_parses_and_holds_the_users_deadlines_only(
    cast, fr_first, family_b, login, client
):
    engine.sync(PatentApplication.objects.all())
    response = login("officer_a").post(reverse("patents_calendar_renew"))
    assert response.status_code == 302
    feed = cast.users["officer_a"].deadline_feed
    client.logout()
    ics = client.get(feed.get_absolute_url())
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    mine = Deadline.objects.filter(responsible=cast.users["officer_a"], state="open")
    assert len(events) == mine.count() > 0
    assert all("FAM-0001" in str(e.get("summary")) for e in events)
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == mine.order_by("due_date").first().due_date
    old_url = feed.get_absolute_url()
    login("officer_a").post(reverse("patents_calendar_renew"), {"revoke": "1"})
    assert client.get(old_url).status_code == 404


def test_an_administrator_renews_only_their_own_calendar_address(cast, login, client):
    """Issue 11: an admin renewing their address revoked everyone's, and an admin with no feed was
    shown another user's secret address."""
    login("officer_a").post(reverse("patents_calendar_renew"))
    officer_feed = cast.users["officer_a"].deadline_feed
    admin = login("admin")
    page = admin.get(reverse("patents_calendar")).content.decode()
    assert officer_feed.token not in page
    admin.post(reverse("patents_calendar_renew"))
    officer_feed.refresh_from_db()  # still there, same address
    assert client.get(officer_feed.get_absolute_url()).status_code == 200
    assert cast.users["admin"].deadline_feed.token != officer_feed.token


def test_the_renewal_budget_prices_open_renewals_and_leaves_drops_out(cast, fr_first, settings):
    engine.sync([fr_first])
    today = datetime.date(2026, 1, 1)
    result = forecast(Deadline.objects.all(), today=today)
    # This year (from 1 January: all of it), then five full years.
    assert result.years == [2026, 2027, 2028, 2029, 2030, 2031]
    assert result.labels == ["2026", "2027", "2028", "2029", "2030", "2031"]
    # FR annuities 7 to 12 fall due in Feb/March 2026–2031: 96, 136, 180, 220, 260, 300 € (no
    # reduction; reference/french-rules.md, the fee table).
    assert [result.total(y) for y in result.years] == [
        Decimal(96),
        Decimal(136),
        Decimal(180),
        Decimal(220),
        Decimal(260),
        Decimal(300),
    ]
    # In December the year under way is nearly over: its column says it is what remains of it.
    assert forecast(Deadline.objects.all(), today=datetime.date(2026, 12, 1)).labels[0] == (
        "rest of 2026"
    )
    year9 = fr_first.deadlines.get(rule__code="fr-annuity", year=9)
    year9.renewal_decision, year9.decision_reason = "drop", "Abandon in 2028."
    year9.save()
    settings.VALO_REDUCED_FEES = True
    result = forecast(Deadline.objects.all(), today=today)
    assert result.total(2026) == Decimal(72)  # the 7th annuity at the reduced rate
    assert result.total(2028) == Decimal(0) and result.savings == {2028: Decimal(180)}
    assert result.schools == ["School A"]


def test_pages_render(cast, family, fr_first, login):
    engine.sync([fr_first])
    client = login("officer_a")
    for url in [
        "/patents/",
        family.get_absolute_url(),
        "/patents/deadlines/",
        "/patents/budget/",
        "/patents/calendar/",
    ]:
        assert client.get(url).status_code == 200, url
    board = client.get("/patents/deadlines/?export=csv")
    assert b"Annuity" in b"".join(board.streaming_content)


def test_a_cost_is_split_between_co_owners_by_share(cast, fr_first):
    from valo.patents.models import ApplicationOwner, Cost

    ApplicationOwner.objects.create(
        application=fr_first, organization=cast.institution, share=Decimal("0.6667")
    )
    ApplicationOwner.objects.create(
        application=fr_first, organization=cast.company, share=Decimal("0.3333"), sequence=2
    )
    cost = Cost.objects.create(
        application=fr_first,
        kind="attorney",
        date=datetime.date(2024, 1, 1),
        amount=Decimal("1000.00"),
    )
    assert cost.split() == [
        ("Test Institute", Decimal("666.70")),
        ("Acme Industries", Decimal("333.30")),
    ]
