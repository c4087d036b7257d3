"""Every seeded rule against a worked example (reference/french-rules.md §7.2 and §9)."""

from __future__ import annotations

import datetime

import pytest

from valo.patents import engine
from valo.patents.models import DeadlineRule, PatentApplication

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
        "UP",
        "ep_direct",
        {"filing_date": D(2019, 11, 5)},
        D(2024, 12, 2),
        "end of the 5th anniversary month, a Saturday",
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
    application = PatentApplication(family=family, office=office, route=route, **dates)
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
