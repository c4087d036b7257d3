"""The deadline engine on stored applications: rules as data, recompute in step with dates and status."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from valo.core.models import ObjectChange
from valo.patents import engine
from valo.patents.calendars import office_calendar
from valo.patents.models import Deadline, DeadlineRule, PatentApplication, PriorityClaim

pytestmark = pytest.mark.django_db


def due(application, code, year=None):
    return application.deadlines.get(rule__code=code, year=year)


def test_a_french_first_filing_gets_its_deadlines(fr_first, cast):
    engine.sync([fr_first])
    assert due(fr_first, "paris-priority").due_date == datetime.date(
        2021, 3, 1
    )  # 28 Feb 2021: a Sunday
    assert due(fr_first, "fr-search-fees").due_date == datetime.date(
        2020, 3, 30
    )  # 29 March: a Sunday
    assert due(fr_first, "fr-publication").due_date == datetime.date(
        2021, 8, 29
    )  # informational: not rolled
    annuity = due(fr_first, "fr-annuity", 2)
    assert annuity.due_date == datetime.date(2021, 3, 1)  # end of Feb 2021 is a Sunday
    assert annuity.grace_end == datetime.date(2021, 8, 31)  # last day of the 6th month after
    assert due(fr_first, "fr-annuity", 20).due_date == datetime.date(2039, 2, 28)
    assert annuity.responsible == cast.users["officer_a"]
    assert fr_first.deadlines.filter(rule__code="fr-annuity").count() == 19
    assert not fr_first.deadlines.filter(rule__code__startswith="ep-").exists()


def test_an_ep_application_counts_from_its_priority_and_search_report(family, fr_first):
    ep = PatentApplication.objects.create(
        family=family,
        office="EP",
        route="priority_filing",
        application_number="EP21150001",
        filing_date=datetime.date(2021, 2, 26),
        search_report_date=datetime.date(2023, 11, 30),
    )
    PriorityClaim.objects.create(
        application=ep,
        priority_application=fr_first,
        country="FR",
        number="FR2001234",
        date=datetime.date(2020, 2, 29),
    )
    engine.sync([ep])
    assert due(ep, "ep-publication").due_date == datetime.date(
        2021, 8, 29
    )  # 18 months from priority
    assert due(ep, "ep-examination").due_date == datetime.date(
        2024, 5, 31
    )  # Corpus Christi in Munich
    assert due(ep, "ep-renewal", 3).due_date == datetime.date(2023, 2, 28)
    assert not ep.deadlines.filter(rule__code="paris-priority").exists()  # not a first filing


def test_the_recorded_ep_renewal_example(family):
    # EP 10167109 filed 24 June 2010: year 3 due on 30 June 2012, a Saturday, so 2 July at the EPO.
    ep = PatentApplication.objects.create(
        family=family,
        office="EP",
        route="ep_direct",
        application_number="EP10167109",
        filing_date=datetime.date(2010, 6, 24),
    )
    engine.sync([ep])
    year3 = due(ep, "ep-renewal", 3)
    assert (year3.due_date, year3.grace_end) == (
        datetime.date(2012, 7, 2),
        datetime.date(2012, 12, 31),
    )


def test_pct_national_and_regional_phases(family):
    pct = PatentApplication.objects.create(
        family=family,
        office="WO",
        route="pct",
        application_number="PCT/FR2021/050001",
        filing_date=datetime.date(2021, 8, 31),
    )
    engine.sync([pct])
    assert due(pct, "pct-national-phase").due_date == datetime.date(2024, 2, 29)
    assert due(pct, "pct-ep-regional-phase").due_date == datetime.date(
        2024, 4, 2
    )  # 31 Mar: Sunday, 1 Apr: Easter Monday


def test_recompute_follows_the_dates_and_leaves_done_and_manual_deadlines_alone(fr_first, cast):
    engine.sync([fr_first])
    year2 = due(fr_first, "fr-annuity", 2)
    year2.state = "done"
    year2.save()
    manual = Deadline.objects.create(
        application=fr_first, label="Reply to the examiner", due_date=datetime.date(2021, 5, 3)
    )
    before = ObjectChange.objects.count()
    assert engine.sync([fr_first]) == {"created": 0, "updated": 0, "removed": 0}
    assert ObjectChange.objects.count() == before  # nothing changed: nothing written
    fr_first.filing_date = datetime.date(2020, 3, 2)
    fr_first.save()
    result = engine.sync([fr_first])
    assert result["updated"] == 18 + 3  # 18 open annuities, priority year, search fees, publication
    assert due(fr_first, "fr-annuity", 3).due_date == datetime.date(2022, 3, 31)
    assert due(fr_first, "fr-annuity", 2).due_date == datetime.date(2021, 3, 1)  # done: untouched
    fr_first.status = "withdrawn"
    fr_first.save()
    result = engine.sync([fr_first])
    assert result["removed"] == 21
    assert set(fr_first.deadlines.values_list("label", flat=True)) == {
        "Annuity – 2",
        "Reply to the examiner",
    }
    assert Deadline.objects.filter(pk=manual.pk).exists()


def test_a_new_version_of_a_rule_applies_from_its_start(fr_first):
    DeadlineRule.objects.create(
        code="fr-search-reply",
        label="Reply to the search report (reformed)",
        offices="FR",
        trigger="search_report",
        months=4,
        start=datetime.date(2030, 1, 1),
        calendar_office="FR",
        source="hypothetical reform",
    )
    old = DeadlineRule.objects.get(code="fr-search-reply", start__lt=datetime.date(2030, 1, 1))
    old.end = datetime.date(2029, 12, 31)
    old.save()
    fr_first.search_report_date = datetime.date(2029, 11, 5)
    engine.sync([fr_first])
    assert due(fr_first, "fr-search-reply").due_date == datetime.date(2030, 2, 5)
    fr_first.search_report_date = datetime.date(2030, 1, 7)
    fr_first.save()
    engine.sync([fr_first])
    reply = fr_first.deadlines.get(rule__code="fr-search-reply")
    assert (reply.rule.months, reply.due_date) == (4, datetime.date(2030, 5, 7))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    filed=st.dates(min_value=datetime.date(2005, 1, 1), max_value=datetime.date(2035, 12, 31)),
    office=st.sampled_from(["FR", "EP", "US"]),
)
def test_no_computed_time_limit_falls_on_a_closed_day_of_its_office(family, filed, office):
    application = PatentApplication(
        family=family,
        office=office,
        route="first_filing",
        filing_date=filed,
        search_report_date=filed + datetime.timedelta(days=270),
        grant_date=filed + datetime.timedelta(days=900),
    )
    rules = engine.load_rules()
    calendars = engine.load_calendars(rules)
    found = engine.due_dates(application, rules, calendars, priority=filed)
    assert found == engine.due_dates(application, rules, calendars, priority=filed)  # deterministic
    for item in found:
        if item.rule.informational:
            continue
        # A rule that names no office still ends on a working day (weekends: office "").
        calendar_office = office if item.rule.calendar_office == "*" else item.rule.calendar_office
        assert not office_calendar(calendar_office).is_closed(item.due_date), item
        assert item.due_date >= item.base_date
