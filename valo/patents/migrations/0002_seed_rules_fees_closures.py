"""Deadline rules, official fees and documented office closures, from reference/french-rules.md
§7.2, §8 and §9. Values flagged there as unconfirmed carry that status; none is invented here."""

import datetime
from decimal import Decimal

from django.db import migrations

SINCE = datetime.date(1990, 1, 1)

# code, label, offices, routes, trigger, months, days, anchor, first, last, calendar, grace,
# surcharge, informational, source, status
RULES = [
    ("paris-priority", "Priority year (Paris Convention)", "FR,EP,US,DE,GB", "first_filing,provisional",
     "filing", 12, 0, "same_date", None, None, "*", 0, 0, False, "Paris Convention Art. 4C", "confirmed"),
    ("fr-search-fees", "Filing and search fees", "FR", "", "filing", 1, 0, "same_date", None, None,
     "FR", 0, 0, False, "CPI R612-5", "confirmed"),
    ("fr-search-reply", "Reply to the search report", "FR", "", "search_report", 3, 0, "same_date",
     None, None, "FR", 0, 0, False, "CPI R612-59 (renewable once, +3 months)", "confirmed"),
    ("fr-publication", "Publication (expected)", "FR", "", "priority", 18, 0, "same_date", None, None,
     "", 0, 0, True, "CPI L612-21", "confirmed"),
    ("fr-provisional-conformity", "Provisional application: conformity request or utility certificate",
     "FR", "provisional", "priority", 12, 0, "same_date", None, None, "FR", 0, 0, False,
     "CPI R612-3-1, R612-3-2", "confirmed"),
    ("fr-cu-conversion", "Utility certificate: conversion into a patent", "FR", "utility_certificate",
     "priority", 18, 0, "same_date", None, None, "FR", 0, 0, False,
     "CPI R612-53 (and before publication preparations, about 16 months)", "confirmed"),
    ("fr-opposition", "Opposition window (third parties)", "FR", "", "grant", 9, 0, "same_date", None,
     None, "", 0, 0, True, "CPI L613-23 et seq. (ord. 2020-116)", "confirmed"),
    ("fr-annuity", "Annuity", "FR", "", "filing", 0, 0, "month_end", 2, 20, "FR", 6, 50, False,
     "CPI R613-46; grace 6 months +50 % (INPI)", "confirmed"),
    ("pct-national-phase", "National phase entry (30 months)", "WO", "pct", "priority", 30, 0,
     "same_date", None, None, "", 0, 0, False, "PCT Art. 22 and 39", "confirmed"),
    ("pct-ep-regional-phase", "European regional phase entry (31 months)", "WO", "pct", "priority", 31,
     0, "same_date", None, None, "EP", 0, 0, False, "EPC Rule 159(1)", "confirmed"),
    ("ep-examination", "Examination request and designation fee", "EP", "", "search_report", 6, 0,
     "same_date", None, None, "EP", 0, 0, False, "EPC Rule 70(1), Rule 39, Art. 150(2)", "confirmed"),
    ("ep-publication", "Publication (expected)", "EP", "", "priority", 18, 0, "same_date", None, None,
     "", 0, 0, True, "EPC Art. 93(1)", "unconfirmed"),
    ("ep-renewal", "Renewal fee", "EP", "", "filing", 0, 0, "month_end", 3, 20, "EP", 6, 50, False,
     "EPC Art. 86, Rule 51", "confirmed"),
    ("up-renewal", "Unitary patent renewal fee", "UP", "", "filing", 0, 0, "month_end", 2, 20, "EP", 6,
     50, False, "Rules relating to Unitary Patent Protection, Rule 13 (due date and grace unconfirmed)",
     "unconfirmed"),
    ("us-nonprovisional", "Non-provisional application after the provisional", "US", "provisional",
     "filing", 12, 0, "same_date", None, None, "US", 0, 0, False, "35 USC 119(e)", "confirmed"),
    ("us-maintenance-3-5", "Maintenance fee (3.5 years)", "US", "", "grant", 42, 0, "same_date", None,
     None, "US", 6, 0, False, "35 USC 41(b), 37 CFR 1.362", "confirmed"),
    ("us-maintenance-7-5", "Maintenance fee (7.5 years)", "US", "", "grant", 90, 0, "same_date", None,
     None, "US", 6, 0, False, "35 USC 41(b), 37 CFR 1.362", "confirmed"),
    ("us-maintenance-11-5", "Maintenance fee (11.5 years)", "US", "", "grant", 138, 0, "same_date",
     None, None, "US", 6, 0, False, "35 USC 41(b), 37 CFR 1.362", "confirmed"),
]

INPI_2024 = datetime.date(2024, 4, 1)
# year: (standard, reduced or None); years 19–20 are unconfirmed and not seeded.
INPI_ANNUITIES = {
    2: (38, 19), 3: (38, 19), 4: (38, 19), 5: (38, 19), 6: (76, 57), 7: (96, 72), 8: (136, None),
    9: (180, None), 10: (220, None), 11: (260, None), 12: (300, None), 13: (350, None),
    14: (400, None), 15: (460, None), 16: (520, None), 17: (580, None), 18: (650, None),
}
EPO_2024 = datetime.date(2024, 4, 1)
EPO_RENEWALS = {3: 690, 4: 845, 5: 1000, 6: 1155, 7: 1310, 8: 1465, 9: 1620, **{y: 1775 for y in range(10, 21)}}
UP_RENEWALS = {
    2: 35, 3: 105, 4: 145, 5: 315, 6: 475, 7: 630, 8: 815, 9: 990, 10: 1175, 11: 1460, 12: 1775,
    13: 2105, 14: 2455, 15: 2830, 16: 3240, 17: 3640, 18: 4055, 19: 4455, 20: 4855,
}

CLOSURES = [
    ("EP", datetime.date(2017, 10, 31), "No mail delivery (Reformation Day)", "reference/french-rules.md §9"),
    *[
        ("EP", datetime.date(2022, 12, 24) + datetime.timedelta(days=n), "Year-end closure",
         "reference/french-rules.md §9 (24 December 2022 – 1 January 2023)")
        for n in range(9)
    ],
]


def seed(apps, schema_editor):
    Rule = apps.get_model("patents", "DeadlineRule")
    for (code, label, offices, routes, trigger, months, days, anchor, first, last, calendar, grace,
         surcharge, informational, source, status) in RULES:
        Rule.objects.get_or_create(code=code, start=SINCE, defaults=dict(
            label=label, offices=offices, routes=routes, trigger=trigger, months=months, days=days,
            anchor=anchor, first_year=first, last_year=last, calendar_office=calendar,
            grace_months=grace, surcharge_percent=surcharge, informational=informational,
            source=source, status=status,
        ))
    Fee = apps.get_model("patents", "Fee")
    for year, (amount, reduced) in INPI_ANNUITIES.items():
        Fee.objects.get_or_create(office="FR", code="renewal", year=year, start=INPI_2024, defaults=dict(
            amount=Decimal(amount), reduced_amount=Decimal(reduced) if reduced else None,
            source="INPI schedule of 1 April 2024 (years 10–18 from the 2020 schedule)",
        ))
    for year, amount in EPO_RENEWALS.items():
        Fee.objects.get_or_create(office="EP", code="renewal", year=year, start=EPO_2024, defaults=dict(
            amount=Decimal(amount),
            source="EPO Rules relating to Fees Art. 2(1) item 4 (years 7+ unconfirmed)",
        ))
    for year, amount in UP_RENEWALS.items():
        Fee.objects.get_or_create(office="UP", code="renewal", year=year, start=datetime.date(2023, 6, 1), defaults=dict(
            amount=Decimal(amount), source="Rules relating to Fees for Unitary Patent Protection",
        ))
    Closed = apps.get_model("patents", "ClosedDay")
    for office, day, reason, source in CLOSURES:
        Closed.objects.get_or_create(office=office, day=day, defaults={"reason": reason, "source": source})


class Migration(migrations.Migration):
    dependencies = [("patents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
