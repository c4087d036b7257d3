"""Every seeded rule against a worked example (reference/french-rules.md §7.2 and §9)."""

from __future__ import annotations

import datetime

import pytest

from valo.patents import engine
from valo.patents.models import DeadlineRule, PatentApplication, Validation

pytestmark = pytest.mark.django_db
D = datetime.date

# rule code, year, office, route, the application's dates, expected due date, why
EXAMPLES = [
    (
        "paris-priority",
        None,
        "FR",
        "first_filing",
        {"filing_date": D(2023, 3, 15)},
        D(2024, 3, 15),
        "12 months",
    ),
    (
        "fr-search-fees",
        None,
        "FR",
        "first_filing",
        {"filing_date": D(2024, 3, 31)},
        D(2024, 4, 30),
        "1 month, 31 April → 30",
    ),
    (
        "fr-search-reply",
        None,
        "FR",
        "first_filing",
        {"filing_date": D(2023, 5, 2), "search_report_date": D(2024, 2, 1)},
        D(2024, 5, 2),
        "3 months; 1 May closed",
    ),
    (
        "fr-publication",
        None,
        "FR",
        "first_filing",
        {"filing_date": D(2023, 8, 31)},
        D(2025, 2, 28),
        "18 months, month end",
    ),
    (
        "fr-provisional-conformity",
        None,
        "FR",
        "provisional",
        {"filing_date": D(2023, 12, 25)},
        D(2024, 12, 26),
        "12 months; Christmas closed",
    ),
    (
        "fr-cu-conversion",
        None,
        "FR",
        "utility_certificate",
        {"filing_date": D(2022, 9, 1)},
        D(2024, 3, 1),
        "18 months",
    ),
    (
        "fr-opposition",
        None,
        "FR",
        "first_filing",
        {"filing_date": D(2020, 1, 6), "grant_date": D(2023, 6, 30)},
        D(2024, 3, 30),
        "9 months, informational",
    ),
    (
        "fr-annuity",
        5,
        "FR",
        "first_filing",
        {"filing_date": D(2019, 4, 10)},
        D(2023, 5, 2),
        "30 April 2023, a Sunday, then 1 May: INPI rolls to 2 May",
    ),
    (
        "pct-national-phase",
        None,
        "WO",
        "pct",
        {"filing_date": D(2022, 1, 31)},
        D(2024, 7, 31),
        "30 months",
    ),
    (
        "pct-ep-regional-phase",
        None,
        "WO",
        "pct",
        {"filing_date": D(2022, 1, 31)},
        D(2024, 9, 2),
        "31 months: 31 August 2024, a Saturday",
    ),
    (
        "ep-examination",
        None,
        "EP",
        "ep_direct",
        {"filing_date": D(2021, 1, 4), "search_report_date": D(2022, 6, 22)},
        D(2022, 12, 22),
        "6 months from the Bulletin mention",
    ),
    (
        "ep-publication",
        None,
        "EP",
        "ep_direct",
        {"filing_date": D(2021, 1, 4)},
        D(2022, 7, 4),
        "18 months, informational",
    ),
    (
        "ep-renewal",
        3,
        "EP",
        "ep_direct",
        {"filing_date": D(2010, 6, 24)},
        D(2012, 7, 2),
        "30 June 2012 is a Saturday",
    ),
    (
        "up-renewal",
        6,
        "EP",
        "ep_direct",
        {"filing_date": D(2019, 11, 5), "grant_date": D(2023, 6, 14), "validations": ["UP"]},
        D(2024, 12, 2),
        "granted in year 4 (2022-11-05 ≤ grant < 2023-11-05); unitary fees from year 5; year 6: "
        "end of the 5th anniversary month, 30 November 2024 a Saturday → Monday",
    ),
    (
        "euro-pct-renewal",
        3,
        "EP",
        "euro_pct",
        {"filing_date": D(2022, 6, 15)},
        D(2025, 1, 15),
        "EPC Rule 51: 30 June 2024; Rule 159(1)(g): before the 31 months (15 January 2025), so "
        "payable until then",
    ),
    (
        "euro-pct-examination",
        None,
        "EP",
        "euro_pct",
        {"filing_date": D(2022, 6, 15), "search_report_date": D(2023, 12, 21)},
        D(2025, 1, 15),
        "Rule 70(1): 21 June 2024; Rule 159(1)(f): not before 31 months, 15 January 2025",
    ),
    (
        "fr-ep-annuity",
        7,
        "EP",
        "ep_direct",
        {"filing_date": D(2016, 4, 12), "grant_date": D(2021, 9, 22), "validations": ["FR"]},
        D(2022, 5, 2),
        "granted in year 6; FR from year 7: 30 April 2022 a Saturday, 1 May a Sunday → 2 May",
    ),
    (
        "de-ep-annuity",
        8,
        "EP",
        "ep_direct",
        {"filing_date": D(2016, 4, 12), "grant_date": D(2021, 9, 22), "validations": ["DE"]},
        D(2023, 5, 2),
        "30 April 2023 a Sunday, 1 May Labour Day → 2 May",
    ),
    (
        "gb-ep-renewal",
        7,
        "EP",
        "ep_direct",
        {"filing_date": D(2016, 4, 12), "grant_date": D(2021, 9, 22), "validations": ["GB"]},
        D(2022, 5, 3),
        "30 April 2022 a Saturday, 2 May the Early May bank holiday → 3 May",
    ),
    (
        "fr-cu-annuity",
        10,
        "FR",
        "utility_certificate",
        {"filing_date": D(2021, 2, 10)},
        D(2030, 2, 28),
        "PACTE art. 118: term 10 years; year 10 at the end of the 9th anniversary month",
    ),
    (
        "us-nonprovisional",
        None,
        "US",
        "provisional",
        {"filing_date": D(2023, 7, 4)},
        D(2024, 7, 5),
        "12 months; Independence Day",
    ),
    (
        "us-maintenance-3-5",
        None,
        "US",
        "priority_filing",
        {"filing_date": D(2015, 1, 5), "grant_date": D(2020, 3, 10)},
        D(2023, 9, 11),
        "3.5 years; a Sunday",
    ),
    (
        "us-maintenance-7-5",
        None,
        "US",
        "priority_filing",
        {"filing_date": D(2015, 1, 5), "grant_date": D(2020, 3, 10)},
        D(2027, 9, 10),
        "7.5 years",
    ),
    (
        "us-maintenance-11-5",
        None,
        "US",
        "priority_filing",
        {"filing_date": D(2015, 1, 5), "grant_date": D(2020, 3, 10)},
        D(2031, 9, 10),
        "11.5 years",
    ),
]


@pytest.mark.parametrize(
    ("code", "year", "office", "route", "dates", "expected", "why"),
    EXAMPLES,
    ids=[e[0] for e in EXAMPLES],
)
def test_rule_against_its_worked_example(family, code, year, office, route, dates, expected, why):
    dates = dict(dates)
    states = dates.pop("validations", [])
    application = PatentApplication.objects.create(
        family=family, office=office, route=route, **dates
    )
    for state in states:
        Validation.objects.create(application=application, state=state)
    rules = engine.load_rules()
    found = {
        (d.rule.code, d.year): d
        for d in engine.due_dates(
            application, rules, engine.load_calendars(rules), priority=dates["filing_date"]
        )
    }
    assert found[(code, year)].due_date == expected, why


def test_every_seeded_rule_has_an_example():
    assert set(DeadlineRule.objects.values_list("code", flat=True)) == {e[0] for e in EXAMPLES}
