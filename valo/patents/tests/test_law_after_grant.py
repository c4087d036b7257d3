"""Worked cases of issue 10, each expected value computed by hand from the rule it comes from.

EPC Art. 86(2): the EPO is paid up to the renewal of the year in which the mention of grant is
published; Art. 141: national renewals (or unitary ones) from the following year. EPC Rule 159(1)(g):
a Euro-PCT 3rd-year renewal due before the 31-month limit is payable until it. Art. 141(2): a national
renewal due within two months of the grant mention is validly paid within them. CPI L611-2 (loi PACTE
art. 118): a utility certificate lasts 10 years from 10 January 2020, also when in force that day,
6 years before. EPC Rule 134(1): a period ending on a closure day moves to the next open day.
PCT Rule 80.5: a period ending on a day the office is closed (a Saturday) ends on the next day.
"""

from __future__ import annotations

import datetime

import pytest

from valo.patents import engine
from valo.patents.forecast import forecast
from valo.patents.models import ClosedDay, Deadline, PatentApplication, Validation

pytestmark = pytest.mark.django_db
D = datetime.date


def renewals(application: PatentApplication, code: str) -> dict[int, datetime.date]:
    return {
        d.year: d.due_date
        for d in Deadline.objects.filter(application=application, rule__code=code)
    }


@pytest.fixture
def ep_granted(family):
    """EP filed 12 April 2019, grant mention published 18 September 2024: the 5th anniversary
    (12 April 2024) has passed and the 6th (12 April 2025) has not, so the grant falls in year 6."""
    application = PatentApplication.objects.create(
        family=family, office="EP", route="ep_direct", filing_date=D(2019, 4, 12)
    )
    engine.sync([application])
    return application


def test_ep_renewals_stop_with_the_grant_year_and_national_ones_follow(ep_granted, settings):
    settings.VALO_REDUCED_FEES = False
    today = D(2024, 6, 1)
    # Before the grant: EPO renewals 3–20; in 2024–2029 years 6–11 (EPO fees from 1 April 2024:
    # 1 155, 1 310, 1 465, 1 620, then 1 775 for the 10th and each later year).
    assert sorted(renewals(ep_granted, "ep-renewal")) == list(range(3, 21))
    before = forecast(Deadline.objects.all(), today=today)
    assert [before.total(y) for y in before.years] == [1155, 1310, 1465, 1620, 1775, 1775]

    ep_granted.grant_date = D(2024, 9, 18)
    ep_granted.status = "granted"
    ep_granted.save()
    for state in ("FR", "DE", "GB"):
        Validation.objects.create(application=ep_granted, state=state, validated_on=D(2024, 12, 1))
    engine.sync([ep_granted])

    # Art. 86(2): the EPO is paid up to year 6, the year of the grant mention.
    assert sorted(renewals(ep_granted, "ep-renewal")) == [3, 4, 5, 6]
    # Art. 141: France, Germany, the UK from year 7 (due at the end of the 6th anniversary month,
    # 30 April 2025, a Wednesday) to year 20.
    for code in ("fr-ep-annuity", "de-ep-annuity", "gb-ep-renewal"):
        found = renewals(ep_granted, code)
        assert sorted(found) == list(range(7, 21)), code
        assert found[7] == D(2025, 4, 30), code
    after = forecast(Deadline.objects.all(), today=today)
    # 2024: EPO year 6 (1 155). France, INPI schedule of 1 April 2024: year 7 96, 8 136, 9 180,
    # 10 220, 11 260. Germany and the UK: no fee in the reference, so 5 + 5 renewals unpriced.
    assert [after.total(y) for y in after.years] == [1155, 96, 136, 180, 220, 260]
    assert after.unpriced == 10


def test_unitary_patent_renewals_start_the_year_after_grant(ep_granted, settings):
    settings.VALO_REDUCED_FEES = False
    ep_granted.grant_date = D(2024, 9, 18)
    ep_granted.save()
    Validation.objects.create(application=ep_granted, state="UP")
    engine.sync([ep_granted])
    found = renewals(ep_granted, "up-renewal")
    # Unitary fees from year 7 (reference §7.2: "the first year after the grant mention").
    assert sorted(found) == list(range(7, 21))
    assert found[7] == D(2025, 4, 30)
    budget = forecast(Deadline.objects.all(), today=D(2024, 6, 1))
    # EPO year 6 in 2024; UP years 7–11: 630, 815, 990, 1 175, 1 460 (reference §8.3).
    assert [budget.total(y) for y in budget.years] == [1155, 630, 815, 990, 1175, 1460]


def test_a_national_renewal_due_just_after_the_grant_may_be_paid_two_months_after_it(ep_granted):
    """EPC Art. 141(2): a renewal falling due within two months of the grant mention is validly
    paid within those two months, with no national surcharge. Grant mention 19 March 2025, in
    year 6 (12 April 2024 – 11 April 2025): the EPO is paid up to year 6, the states from year 7,
    due at the end of the 6th anniversary's month, 30 April 2025 — inside the two months, which
    end on 19 May 2025 (a Monday, open in France, Germany and the UK)."""
    ep_granted.grant_date = D(2025, 3, 19)
    ep_granted.status = "granted"
    ep_granted.save()
    for state in ("FR", "DE", "GB"):
        Validation.objects.create(application=ep_granted, state=state, validated_on=D(2025, 3, 19))
    engine.sync([ep_granted])
    assert sorted(renewals(ep_granted, "ep-renewal")) == [3, 4, 5, 6]
    for code in ("fr-ep-annuity", "de-ep-annuity", "gb-ep-renewal"):
        found = renewals(ep_granted, code)
        assert found[7] == D(2025, 5, 19), code
        # The next year is due on its own date: 30 April 2026, a Thursday.
        assert found[8] == D(2026, 4, 30), code
    year7 = Deadline.objects.get(application=ep_granted, rule__code="fr-ep-annuity", year=7)
    # The grace still runs from the fee's own due date: 30 April + 6 months, 31 October 2025
    # (CPI R613-46, a Friday).
    assert year7.grace_end == D(2025, 10, 31)
    steps = engine.explain(year7)
    assert any("EPC Art. 141(2)" in step.text and step.day == D(2025, 5, 19) for step in steps)


def test_a_lapsed_validation_has_no_more_renewals(ep_granted):
    ep_granted.grant_date = D(2024, 9, 18)
    ep_granted.save()
    validation = Validation.objects.create(application=ep_granted, state="FR")
    engine.sync([ep_granted])
    assert renewals(ep_granted, "fr-ep-annuity")
    validation.lapsed_on = D(2026, 5, 1)
    validation.save()
    engine.sync([ep_granted])
    assert renewals(ep_granted, "fr-ep-annuity") == {}


def test_euro_pct_third_year_fee_waits_for_the_31_months(family):
    # International filing 15 June 2022, no earlier priority. Rule 51(1): year 3 due 30 June 2024.
    # Rule 159(1)(g): due before the 31-month limit (15 January 2025), so payable until then;
    # grace counts from there: 15 July 2025. Year 4 is untouched: 30 June 2025 (a Monday).
    application = PatentApplication.objects.create(
        family=family, office="EP", route="euro_pct", filing_date=D(2022, 6, 15)
    )
    engine.sync([application])
    year3 = Deadline.objects.get(application=application, rule__code="euro-pct-renewal", year=3)
    assert (year3.due_date, year3.grace_end) == (D(2025, 1, 15), D(2025, 7, 15))
    assert renewals(application, "euro-pct-renewal")[4] == D(2025, 6, 30)
    assert not renewals(application, "ep-renewal")  # the EP-direct rule does not apply
    steps = [step.text for step in engine.explain(year3)]
    assert any("31 months" in text for text in steps), steps


@pytest.mark.parametrize(
    ("filed", "years", "why"),
    [
        (D(2021, 3, 3), range(2, 11), "filed after 10 January 2020: 10 years (PACTE art. 118)"),
        (D(2012, 3, 3), range(2, 7), "filed 2012: ended 3 March 2018, before PACTE: 6 years"),
        (D(2016, 3, 3), range(2, 11), "filed 2016: in force on 10 January 2020, so 10 years"),
    ],
)
def test_utility_certificate_term(family, filed, years, why):
    application = PatentApplication.objects.create(
        family=family, office="FR", route="utility_certificate", filing_date=filed
    )
    engine.sync([application])
    assert sorted(renewals(application, "fr-cu-annuity")) == list(years), why
    assert not renewals(application, "fr-annuity")


def test_renewal_in_the_epo_year_end_closure(family):
    # Filed 28 December 2020: year 5 due at the end of the 4th anniversary month, 31 December 2024,
    # inside the closure of 24 December 2024 – 1 January 2025 (EPO notice) → 2 January 2025.
    application = PatentApplication.objects.create(
        family=family, office="EP", route="ep_direct", filing_date=D(2020, 12, 28)
    )
    engine.sync([application])
    year5 = Deadline.objects.get(application=application, rule__code="ep-renewal", year=5)
    assert year5.due_date == D(2025, 1, 2)
    steps = engine.explain(year5)
    skipped = [step.day for step in steps if step.text.startswith("closed")]
    assert skipped == [D(2024, 12, 31), D(2025, 1, 1)]
    assert any("Rule 51" in step.text for step in steps)


def test_national_phase_on_a_saturday_moves_to_the_monday(family):
    # Priority 10 February 2022 + 30 months = Saturday 10 August 2024; PCT Rule 80.5 → Monday 12.
    application = PatentApplication.objects.create(
        family=family, office="WO", route="pct", filing_date=D(2022, 2, 10)
    )
    engine.sync([application])
    phase = Deadline.objects.get(application=application, rule__code="pct-national-phase")
    assert phase.due_date == D(2024, 8, 12)
    assert phase.rule.calendar_label == "weekends only"
    texts = [step.text for step in engine.explain(phase)]
    assert "calendar: weekends only" in texts
    assert "closed (Saturday): moved to the next day" in texts


def test_a_year_without_a_closure_list_is_flagged(family):
    # No EPO list is recorded for 2027 (its notice, OJ EPO 2026, was not in the sources).
    application = PatentApplication.objects.create(
        family=family, office="EP", route="ep_direct", filing_date=D(2020, 3, 2)
    )
    engine.sync([application])
    year8 = Deadline.objects.get(application=application, rule__code="ep-renewal", year=8)
    assert year8.due_date == D(2027, 3, 31)
    assert any("no list of EP closures" in step.text for step in engine.explain(year8))


def test_explanation_in_the_api_and_on_the_family_page(client, cast, ep_granted):
    client.force_login(cast.users["officer_a"])
    deadline = Deadline.objects.get(application=ep_granted, rule__code="ep-renewal", year=5)
    answer = client.get(f"/api/patents/deadlines/{deadline.pk}/").json()
    assert answer["calendar"] == "EP"
    assert answer["explanation"][-2] == {"text": "due date", "date": "2023-05-02"}
    page = client.get(ep_granted.family.get_absolute_url()).content.decode()
    assert "Why this date" in page and "EPC Art. 86, Rule 51" in page


def test_a_validation_in_a_state_without_a_rule_is_refused_field_by_field(client, cast, ep_granted):
    client.force_login(cast.users["officer_a"])
    answer = client.post(
        "/api/patents/validations/",
        {"application": ep_granted.pk, "state": "JP"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "No renewal rule" in answer.json()["state"][0]
    page = client.post("/patents/validations/add/", {"application": ep_granted.pk, "state": "CN"})
    assert page.status_code == 200 and "No renewal rule" in page.content.decode()
    assert not Validation.objects.exists()
    assert not Deadline.objects.filter(validation__isnull=False).exists()


def test_next_years_closure_list_moves_the_deadlines_it_covers(client, cast, family):
    # Filed 27 December 2021: year 7 due at the end of the 6th anniversary month, Thursday
    # 31 December 2027. No 2027 list yet: due that day. The list adds 24–31 December 2027
    # (1 January 2028 is a holiday, 2 and 3 a weekend) → Monday 3 January 2028.
    application = PatentApplication.objects.create(
        family=family, office="EP", route="ep_direct", filing_date=D(2021, 12, 27)
    )
    engine.sync([application])
    assert renewals(application, "ep-renewal")[7] == D(2027, 12, 31)
    days = "\n".join(f"2027-12-{n} Year-end closure" for n in range(24, 32))
    client.force_login(cast.users["officer_a"])
    assert client.post("/patents/closures/", {"office": "EP"}).status_code == 403
    client.force_login(cast.users["admin"])
    bad = client.post(
        "/patents/closures/",
        {"office": "EP", "year": 2027, "source": "OJ EPO", "days": days + "\n2028-01-02 Sunday"},
    )
    assert bad.status_code == 200
    assert "2028-01-02 is outside 2027" in bad.content.decode()
    assert renewals(application, "ep-renewal")[7] == D(2027, 12, 31)  # nothing written
    assert not ClosedDay.objects.filter(day__year=2027).exists()
    good = client.post(
        "/patents/closures/", {"office": "EP", "year": 2027, "source": "OJ EPO 2026", "days": days}
    )
    assert good.status_code == 302
    assert renewals(application, "ep-renewal")[7] == D(2028, 1, 3)
    assert ClosedDay.objects.filter(office="EP", day__year=2027).count() == 8


def test_add_closures_command(family):
    from django.core.management import CommandError, call_command

    application = PatentApplication.objects.create(
        family=family, office="EP", route="ep_direct", filing_date=D(2021, 12, 27)
    )
    engine.sync([application])
    with pytest.raises(CommandError, match="outside 2027"):
        call_command("add_closures", "EP", "2027", "2026-12-31", source="OJ EPO 2026")
    call_command(
        "add_closures", "EP", "2027", "2027-12-31 New Year's Eve", source="OJ EPO 2026, A40"
    )
    assert renewals(application, "ep-renewal")[7] == D(2028, 1, 3)
    from valo.core.models import ObjectChange

    change = ObjectChange.objects.filter(content_type__model="closedday").latest("pk")
    assert change.source == "command"


def test_a_rule_migration_recomputes_the_stored_deadlines_as_a_command(family):
    """After `migrate` applies a migration marked `recompute_deadlines`, every application's
    deadlines follow the rules, written as a logged command."""
    from valo.core.models import ObjectChange
    from valo.patents.signals import recompute_after_migrate

    application = PatentApplication.objects.create(
        family=family, office="FR", route="first_filing", filing_date=D(2024, 5, 6)
    )
    assert not Deadline.objects.filter(application=application).exists()

    class Marked:
        recompute_deadlines = True

    recompute_after_migrate(plan=[(object(), False)])
    assert not Deadline.objects.filter(application=application).exists()  # nothing marked
    recompute_after_migrate(plan=[(Marked(), False)])
    assert Deadline.objects.filter(application=application, rule__code="fr-annuity").count() == 19
    change = ObjectChange.objects.filter(content_type__model="deadline").latest("pk")
    assert change.source == "command" and "recompute_deadlines" in change.user_name
