"""Ending an agreement closes its open obligations; a co-owner's licence notice opens the 3-month
opposition deadline (CPI L613-29); who reads and changes agreements, on pages and in the API."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from valo.agreements.models import Agreement, CoOwnershipNotice, Obligation, RoyaltyStatement
from valo.core.models import ObjectChange
from valo.patents.models import Deadline, PatentFamily


def states(agreement) -> dict[str, str]:
    return {o.label: o.state for o in Obligation.objects.filter(agreement=agreement)}


def test_ending_an_agreement_on_its_page_closes_its_open_obligations(login, contract):
    # The last record's id, not the count: on PostgreSQL ids keep growing across rolled-back tests.
    before = ObjectChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = login("officer_a").post(
        reverse("agreements_agreement_end", args=[contract.pk]), {"ended_on": "2026-06-30"}
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.ended_on == datetime.date(2026, 6, 30)
    assert states(contract) == {
        "Interim report": "closed",
        "Final report": "closed",
        "Kick-off minutes": "done",  # already met: left as it was
    }
    # The agreement and each closed obligation are in the change log, under the officer's name.
    written = ObjectChange.objects.filter(id__gt=before)
    assert written.count() == 3
    assert {c.user.username for c in written} == {"officer_a"}


def test_ending_before_it_takes_effect_is_refused_and_changes_nothing(login, contract):
    response = login("officer_a").post(
        reverse("agreements_agreement_end", args=[contract.pk]),
        {"ended_on": "2025-01-01"},
        follow=True,
    )
    assert "cannot end before it is signed and takes effect" in response.content.decode()
    contract.refresh_from_db()
    assert contract.ended_on is None
    assert states(contract)["Final report"] == "open"


def test_ending_through_the_api(api, contract):
    url = f"/api/agreements/agreements/{contract.pk}/end/"
    assert api("officer_b").post(url, {"ended_on": "2026-06-30"}).status_code == 404
    assert api("finance").post(url, {"ended_on": "2026-06-30"}).status_code == 403
    bad = api("officer_a").post(url, {"ended_on": "2025-01-01"})
    assert bad.status_code == 400 and "ended_on" in bad.json()
    response = api("officer_a").post(url, {"ended_on": "2026-06-30"})
    assert response.json() == {"ended_on": "2026-06-30", "obligations_closed": 2}
    assert states(contract)["Interim report"] == "closed"


def test_a_co_owners_notice_opens_the_three_month_deadline(login, cast, co_owned_family):
    response = login("officer_a").post(
        reverse("agreements_notice_add"),
        {
            "family": co_owned_family.pk,
            "co_owner": cast.company.pk,
            "notified_on": "2026-11-30",
            "draft_licensee": "Widget SAS",
            "share_price": "15000",
        },
    )
    assert response.status_code == 302
    notice = CoOwnershipNotice.objects.get()
    deadline = notice.deadline
    # The notice is written once, under the officer's name, with its deadline.
    logged = ObjectChange.objects.filter(object_repr=str(notice))
    assert [(c.action, c.user.username) for c in logged] == [("create", "officer_a")]
    # 30 November + 3 months: 28 February (the month has no 30th; CPI R613-… counts in months).
    assert deadline.due_date == datetime.date(2027, 2, 28)
    assert deadline.application.family == co_owned_family
    assert "Widget SAS" in deadline.label and "L613-29" in deadline.label
    # It joins the deadline board of the family's officers.
    board = login("officer_a").get(reverse("patents_deadline_list")).content.decode()
    assert "Widget SAS" in board
    # And it is told (issue 13): to the directors, not to the officer who recorded it.
    from valo.correspondence.models import Notification

    told = Notification.objects.filter(event="agreements.notice_received")
    assert {n.recipient.username for n in told} == {"director"}
    assert "until Feb. 28, 2027" in told.get().body


def test_a_notice_through_the_api_also_opens_the_deadline(api, cast, co_owned_family):
    payload = {
        "family": co_owned_family.pk,
        "co_owner": cast.company.pk,
        "notified_on": "2026-05-15",
        "draft_licensee": "Widget SAS",
    }
    assert api("officer_b").post("/api/agreements/notices/", payload).status_code == 400
    response = api("officer_a").post("/api/agreements/notices/", payload)
    assert response.status_code == 201, response.json()
    deadline = Deadline.objects.get(pk=response.json()["deadline"])
    assert deadline.due_date == datetime.date(2026, 8, 15)
    # Recorded, not edited: the deadline follows the notification date.
    url = f"/api/agreements/notices/{response.json()['id']}/"
    assert api("officer_a").patch(url, {"notified_on": "2026-06-01"}).status_code == 405
    # A family with no application yet cannot carry the deadline: a clear error, nothing saved.
    empty = PatentFamily.objects.create(reference="FAM-EMPTY", title="x", unit=cast.lab_a)
    refused = api("officer_a").post("/api/agreements/notices/", {**payload, "family": empty.pk})
    assert refused.status_code == 400 and "no application" in refused.json()["family"][0]
    assert CoOwnershipNotice.objects.count() == 1


@pytest.mark.parametrize(
    ("user", "status"),
    [("officer_a", 200), ("director", 200), ("finance", 200), ("officer_b", 404)],
)
def test_who_reads_an_agreement(login, contract, user, status):
    url = reverse("agreements_agreement_detail", args=[contract.pk])
    assert login(user).get(url).status_code == status


def test_a_researcher_sees_no_agreement_page_or_record(login, api, contract):
    url = reverse("agreements_agreement_detail", args=[contract.pk])
    # Page and API refuse the whole kind of record, whatever the object (docs/permissions.md).
    assert login("researcher_a").get(url).status_code == 403
    assert api("researcher_a").get(f"/api/agreements/agreements/{contract.pk}/").status_code == 403
    assert api("researcher_a").get("/api/agreements/agreements/999/").status_code == 403


def test_the_co_ownership_page(login, cast, co_owned_family):
    """A family shared with a university: listed with its co-owner, the clock to designate the
    mandataire unique (since 2020: 1 month from the unit's renewal decision, D533-2), and counted in
    the co-owned share of the lab's school."""
    from valo.directory.models import Organization
    from valo.patents.models import ApplicationOwner, PatentApplication, PatentFamily

    university = Organization.objects.create(name="Université de Nantes", kind="university")
    cast.lab_a.unit_decision_on = datetime.date(2024, 1, 10)
    cast.lab_a.save()
    application = co_owned_family.applications.get()
    ApplicationOwner.objects.create(
        application=application, organization=cast.school_a, share=Decimal("0.5")
    )
    ApplicationOwner.objects.create(
        application=application, organization=university, share=Decimal("0.5"), sequence=2
    )
    alone = PatentFamily.objects.create(reference="FAM-SOLO", title="Alone", unit=cast.lab_a)
    PatentApplication.objects.create(
        family=alone,
        office="FR",
        route="first_filing",
        application_number="FR2400002",
        filing_date=datetime.date(2024, 6, 1),
    )
    page = login("officer_a").get(reverse("agreements_co_ownership")).content.decode()
    assert "FAM-CO-1" in page and "Université de Nantes" in page
    assert "FAM-SOLO</a>" not in page
    # Filed 1 February 2024, under D533-2: the unit renewed on 10 January 2024 + 1 month.
    assert "to designate by Feb. 10, 2024" in page
    # School A filed two first filings in 2024, one co-owned: 50 %.
    assert (
        '<td>School A</td><td>2024</td><td class="text-end">2</td><td class="text-end">1</td><td class="text-end">50</td>'
        in page
    )
    assert login("researcher_a").get(reverse("agreements_co_ownership")).status_code == 403


def test_the_list_filters_and_exports_contracting_time(login, cast, contract):
    client = login("director")
    url = reverse("agreements_agreement_list")
    page = client.get(url, {"kind": "research", "carnot": "false"}).content.decode()
    assert "RC-2025-001" in page
    assert "RC-2025-001" not in client.get(url, {"kind": "licence"}).content.decode()
    response = client.get(url, {"signed_year": "2025", "export": "csv"})
    export = b"".join(response.streaming_content).decode()
    # 6 January → 17 March 2025: 70 days from request to signature.
    assert "RC-2025-001" in export and ",70," in export


def test_a_payment_through_the_api_is_checked_and_logged(api, contract):
    payload = {
        "agreement": contract.pk,
        "kind": "contract",
        "received_on": "2025-05-02",
        "amount": "40000.00",
    }
    # Another school's officer cannot even name the agreement; finance only reads.
    assert api("officer_b").post("/api/agreements/payments/", payload).status_code == 400
    assert api("finance").post("/api/agreements/payments/", payload).status_code == 403
    bad = api("officer_a").post("/api/agreements/payments/", {**payload, "amount": "-5"})
    assert bad.status_code == 400 and "amount" in bad.json()
    response = api("officer_a").post("/api/agreements/payments/", payload)
    assert response.status_code == 201
    # (The payment's notifications are logged after it: read the payment's own record.)
    change = ObjectChange.objects.filter(content_type__model="payment").latest("id")
    assert (change.user.username, change.object_repr) == (
        "officer_a",
        "2025-05-02 Research contract funding (not exploitation income) 40000.00 EUR",
    )
    assert api("finance").get("/api/agreements/payments/").json()["count"] == 1
    # A statement of another agreement is refused on the field.
    other = Agreement.objects.create(
        reference="LIC-X",
        title="x",
        kind="licence",
        unit=contract.unit,
        partner=contract.partner,
        requested_on=datetime.date(2025, 1, 1),
    )
    foreign = RoyaltyStatement.objects.create(
        agreement=other, year=2025, net_sales=1, received_on=datetime.date(2026, 1, 1)
    )
    bad = api("officer_a").post("/api/agreements/payments/", {**payload, "statement": foreign.pk})
    assert bad.status_code == 400 and "another agreement" in bad.json()["statement"][0]


def test_parties_and_software_are_linked_on_the_page_and_in_the_api(login, api, cast, contract):
    from valo.directory.models import Organization
    from valo.inventions.models import SoftwareAsset

    anr = Organization.objects.create(name="Agence nationale de la recherche", kind="funder")
    client = login("officer_a")
    response = client.post(
        reverse("agreements_party_add"),
        {"agreement": contract.pk, "organization": anr.pk, "role": "funder"},
    )
    assert response.status_code == 302
    page = client.get(reverse("agreements_agreement_detail", args=[contract.pk])).content.decode()
    assert "Agence nationale de la recherche (Funder)" in page
    software = SoftwareAsset.objects.create(title="SensorLib", unit=cast.lab_a)
    other = SoftwareAsset.objects.create(title="B tool", unit=cast.lab_b)
    payload = {"agreement": contract.pk, "software": software.pk}
    assert api("officer_a").post("/api/agreements/software/", payload).status_code == 201
    # Software of another school's lab is not offered to this officer.
    refused = api("officer_a").post("/api/agreements/software/", {**payload, "software": other.pk})
    assert refused.status_code == 400 and "software" in refused.json()
    page = client.get(reverse("agreements_agreement_detail", args=[contract.pk])).content.decode()
    assert "SensorLib" in page


def test_open_obligations_join_the_deadline_board(login, contract):
    from django.utils import timezone

    soon = timezone.localdate() + datetime.timedelta(days=30)
    Obligation.objects.create(agreement=contract, label="Deliver the prototype", due_date=soon)
    Obligation.objects.create(
        agreement=contract, label="Already delivered", due_date=soon, state="done"
    )
    board = reverse("patents_deadline_list")
    page = login("officer_a").get(board).content.decode()
    assert "RC-2025-001: Deliver the prototype" in page
    assert "Already delivered" not in page
    # Not shown to those who may not read the agreement.
    assert "Deliver the prototype" not in login("officer_b").get(board).content.decode()


def test_the_responsible_officer_is_chosen_among_staff(login):
    page = login("officer_a").get(reverse("agreements_agreement_add")).content.decode()
    assert ">officer_a</option>" in page and ">finance</option>" in page
    assert ">researcher_a</option>" not in page


def test_a_payment_without_its_kind_is_refused_on_the_field(api, login, contract):
    """Issue 10: the kind decides whether a payment is exploitation income; none given, nothing is
    written and the field is named — on the API and on the page."""
    from valo.agreements.models import Payment

    payload = {"agreement": contract.pk, "received_on": "2025-05-02", "amount": "1000.00"}
    answer = api("officer_a").post("/api/agreements/payments/", payload)
    assert answer.status_code == 400 and "kind" in answer.json()
    page = login("officer_a").post("/agreements/payments/add/", payload)
    assert page.status_code == 200
    assert 'data-field="kind"' in page.content.decode()
    assert not Payment.objects.exists()


def test_an_agreement_counts_for_a_carnot_label_its_unit_or_school_held_when_signed(
    api, login, cast, contract
):
    """The Carnot figures count the contracts of labelled units: School A holds the label from
    2020 to 2024, so the contract of its lab signed on 17 March 2025 cannot count for it — refused
    on the field on the API and on the page; once the period runs to 2028, it can."""
    from valo.directory.models import Label, LabelAward

    carnot = Label.objects.create(name="Carnot Exemple", kind="carnot")
    award = LabelAward.objects.create(
        label=carnot,
        organization=cast.school_a,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    url = f"/api/agreements/agreements/{contract.pk}/"
    answer = api("officer_a").patch(url, {"carnot": carnot.pk}, format="json")
    assert answer.status_code == 400 and "carnot" in answer.json()
    assert "School A" not in answer.json()["carnot"][0]  # the lab is named
    assert "Lab A1" in answer.json()["carnot"][0]
    # The page's form, as the officer would send it with the label chosen.
    payload = {
        name: value
        for name, value in model_to_dict(contract, fields=Agreement.edit_fields).items()
        if value is not None
    }
    edit = reverse("agreements_agreement_edit", args=[contract.pk])
    page = login("officer_a").post(edit, {**payload, "carnot": carnot.pk})
    assert page.status_code == 200 and 'data-field="carnot"' in page.content.decode()
    contract.refresh_from_db()
    assert contract.carnot is None
    award.end = datetime.date(2028, 12, 31)
    award.save()
    answer = api("officer_a").patch(url, {"carnot": carnot.pk}, format="json")
    assert answer.status_code == 200, answer.json()
    contract.refresh_from_db()
    assert contract.carnot == carnot
