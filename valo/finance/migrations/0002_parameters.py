"""The remuneration parameters of CPI R611-14-1, with their sources and status (french-rules.md §2)."""

import datetime
from decimal import Decimal

from django.db import migrations

PARAMETERS = [
    ("finance-prime-ceiling", "Ceiling P of the prime d'intéressement (HED chevron 2 pensionable salary)", Decimal("72400"), "EUR",
     datetime.date(2023, 7, 1), "CPI R611-14-1 II; HED chevron 2 at the point value of 1 July 2023 (about 72.4 k€)", "unconfirmed"),
    ("finance-prime-brevet", "Prime au brevet d'invention (flat amount)", Decimal("3000"), "EUR",
     datetime.date(2005, 9, 26), "CPI R611-14-1 III; arrêté du 26 septembre 2005", "partly_confirmed"),
    ("finance-prime-brevet-first-share", "Prime au brevet: first instalment", Decimal("20"), "percent",
     datetime.date(2005, 9, 26), "CPI R611-14-1 III", "partly_confirmed"),
    ("finance-prime-brevet-first-delay", "Prime au brevet: first instalment after the first filing", Decimal("12"), "months",
     datetime.date(2005, 9, 26), "CPI R611-14-1 III (one year from the first filing; sources disagree)", "partly_confirmed"),
]


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for key, label, value, unit, start, source, status in PARAMETERS:
        Parameter.objects.get_or_create(key=key, start=start, defaults={
            "label": label, "value": value, "unit": unit, "source": source, "status": status,
        })


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial"), ("core", "0002_parameter")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
