"""The law after grant, Euro-PCT, utility certificates and the EPO's closure lists (issue 10).

- EPO renewals end with the year in which the mention of grant is published (EPC Art. 86(2)); from the
  following year the renewals are paid in the validated states (Art. 141) or, for a unitary patent,
  to the EPO as unitary renewal fees (reference/french-rules.md §7.2).
- Euro-PCT: the 3rd-year renewal and the examination request falling due before the 31-month limit
  may be paid until that limit (EPC Rule 159(1)(f), (g)); their own rules, the EP-direct ones no longer
  apply to the route. Existing Euro-PCT deadlines move to the new rules, keeping their follow-up.
- Utility certificates: annuities to the term, 6 years before PACTE art. 118 and 10 years since
  10 January 2020, also for certificates still in force that day (reference §8.1).
- EPO closure days of 2015–2025 given by the reference and the EPO's published notices.

The deadlines these change are recomputed after the migration, as a logged command
(valo.patents.signals.recompute_after_migrate: `recompute_deadlines = True` below).
"""

import datetime

from django.db import migrations

SINCE = datetime.date(1990, 1, 1)
PACTE = datetime.date(2020, 1, 10)
D = datetime.date

# What changes on the rules already seeded: code → fields.
UPDATES = {
    "ep-renewal": {"grant_effect": "until", "except_routes": "euro_pct"},
    "ep-examination": {"except_routes": "euro_pct"},
    "fr-annuity": {"except_routes": "utility_certificate"},
    "up-renewal": {
        "routes": "validation",
        "grant_effect": "after",
        "source": "Rules relating to Unitary Patent Protection, Rule 13; from the year after the "
        "grant mention (reference §7.2; due date and grace unconfirmed)",
    },
}

COMMON = {"trigger": "filing", "anchor": "month_end", "first_year": 2, "last_year": 20,
          "grace_months": 6, "surcharge_percent": 50, "informational": False}

# code, start, end, fields
NEW_RULES = [
    ("euro-pct-renewal", SINCE, None, {
        **COMMON, "label": "Renewal fee", "offices": "EP", "routes": "euro_pct", "first_year": 3,
        "calendar_office": "EP", "not_before_months": 31, "grant_effect": "until",
        "source": "EPC Art. 86, Rule 51; Rule 159(1)(g): a fee due before the 31-month limit "
        "may be paid until it", "status": "confirmed"}),
    ("euro-pct-examination", SINCE, None, {
        "label": "Examination request and designation fee", "offices": "EP", "routes": "euro_pct",
        "trigger": "search_report", "months": 6, "anchor": "same_date", "calendar_office": "EP",
        "not_before_months": 31,
        "source": "EPC Rule 70(1), Rule 39; Rule 159(1)(f): not before the 31-month limit",
        "status": "confirmed"}),
    ("fr-ep-annuity", SINCE, None, {
        **COMMON, "label": "French annuity of a European patent", "offices": "FR",
        "routes": "validation", "calendar_office": "FR", "grant_effect": "after",
        "source": "CPI R613-46 with EPC Art. 141: from the year after the grant mention",
        "status": "partly_confirmed"}),
    ("de-ep-annuity", SINCE, None, {
        **COMMON, "label": "German annuity of a European patent", "offices": "DE",
        "routes": "validation", "calendar_office": "DE", "grant_effect": "after",
        "surcharge_percent": 0,
        "source": "PatKostG §3(2), §7(1) with EPC Art. 141 (fees and surcharge not in the "
        "reference)", "status": "unconfirmed"}),
    ("gb-ep-renewal", SINCE, None, {
        **COMMON, "label": "UK renewal of a European patent", "offices": "GB",
        "routes": "validation", "calendar_office": "GB", "grant_effect": "after",
        "surcharge_percent": 0,
        "source": "Patents Act 1977 s.25, s.77; Patents Rules 2007 r.37 with EPC Art. 141 (fees "
        "and surcharge not in the reference)", "status": "unconfirmed"}),
    ("fr-cu-annuity", SINCE, D(2020, 1, 9), {
        **COMMON, "label": "Annuity (utility certificate)", "offices": "FR",
        "routes": "utility_certificate", "calendar_office": "FR", "last_year": 6,
        "source": "CPI L611-2 before loi PACTE (term 6 years), R613-46", "status": "confirmed"}),
    ("fr-cu-annuity", PACTE, None, {
        **COMMON, "label": "Annuity (utility certificate)", "offices": "FR",
        "routes": "utility_certificate", "calendar_office": "FR", "last_year": 10,
        "covers_running": True,
        "source": "CPI L611-2 as amended by loi PACTE 2019-486 art. 118 (term 10 years, in force "
        "10 January 2020 by décret 2020-15, also for certificates in force that day), R613-46",
        "status": "confirmed"}),
]

# Where existing deadlines move: (old code, application route) → new code.
REKEY = {
    ("ep-renewal", "euro_pct"): "euro-pct-renewal",
    ("ep-examination", "euro_pct"): "euro-pct-examination",
    ("fr-annuity", "utility_certificate"): "fr-cu-annuity",
}


def _days(first, last):
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


CLOSURES = [
    *[(day, "Bridging day" if day.day in (2, 28, 29, 30) else
       {24: "Christmas Eve", 31: "New Year's Eve"}[day.day], "OJ EPO 2014, A108")
      for day in [D(2015, 1, 2), D(2015, 12, 24), *_days(D(2015, 12, 28), D(2015, 12, 31))]],
    *[(day, "Year-end closure", "EPO notice of 12 December 2018 (closed 24 December 2018 – "
       "1 January 2019); OJ EPO 2018, A6") for day in _days(D(2018, 12, 24), D(2018, 12, 31))],
    *[(day, "Christmas Eve" if day.day == 24 else "New Year's Eve" if day.day == 31 else
       "Bridging day", "OJ EPO 2019, A97")
      for day in [D(2020, 12, 24), *_days(D(2020, 12, 28), D(2020, 12, 31))]],
    *[(day, "Year-end closure", "EPO notice of 14 December 2021 (closed 24 December 2021 – "
       "2 January 2022)") for day in _days(D(2021, 12, 24), D(2021, 12, 31))],
    *[(day, "Year-end closure", "EPO notice (closed 23 December 2023 – 1 January 2024; "
       "27–29 December bridging days)") for day in _days(D(2023, 12, 23), D(2023, 12, 31))],
    *[(day, "Year-end closure", "EPO notice (closed 24 December 2024 – 1 January 2025)")
      for day in _days(D(2024, 12, 24), D(2024, 12, 31))],
    *[(day, "Year-end closure", "EPO notice (closed 24 December 2025 – 1 January 2026); "
       "OJ EPO 2025, A40") for day in _days(D(2025, 12, 24), D(2025, 12, 31))],
]


def forward(apps, schema_editor):
    Rule = apps.get_model("patents", "DeadlineRule")
    for code, fields in UPDATES.items():
        Rule.objects.filter(code=code).update(**fields)
    for code, start, end, fields in NEW_RULES:
        Rule.objects.update_or_create(code=code, start=start, defaults={**fields, "end": end})
    Deadline = apps.get_model("patents", "Deadline")
    for (old, route), new in REKEY.items():
        versions = list(Rule.objects.filter(code=new).order_by("start"))
        for deadline in Deadline.objects.filter(rule__code=old, application__route=route):
            filing = deadline.application.filing_date or deadline.base_date
            chosen = versions[0]
            for version in versions[1:]:
                # A later version that covers titles in force on its start (PACTE art. 118).
                if filing and (filing >= version.start or (
                    version.covers_running and chosen.last_year
                    and version.start < datetime.date(filing.year + chosen.last_year, filing.month, min(filing.day, 28))
                )):
                    chosen = version
            deadline.rule = chosen
            deadline.save(update_fields=["rule"])
    Closed = apps.get_model("patents", "ClosedDay")
    for day, reason, source in CLOSURES:
        Closed.objects.get_or_create(office="EP", day=day, defaults={"reason": reason, "source": source})


class Migration(migrations.Migration):
    dependencies = [("patents", "0004_grant_validations_transitional")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
    # Read by valo.patents.signals: the stored deadlines follow the rules once migrated.
    recompute_deadlines = True
