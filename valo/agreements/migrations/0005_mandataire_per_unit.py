"""The 2020 reform of the mandataire unique as a dated rule (reference/french-rules.md §3): décret
2020-24 of 13 January 2020 (JORF 14 January, in force the next day) replaced décret 2014-1518, whose
9-month clock from the priority filing ends the day before; since, one mandataire per research unit,
designated within 1 month of the decision creating or renewing the unit, tacitly renewed (now Code
de la recherche D533-2)."""

import datetime
from decimal import Decimal

from django.db import migrations

REFORM = datetime.date(2020, 1, 15)


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    Parameter.objects.filter(key="mandataire-unique-designation", end__isnull=True).update(
        end=REFORM - datetime.timedelta(days=1)
    )
    Parameter.objects.get_or_create(
        key="mandataire-unique-unit-designation",
        start=REFORM,
        defaults={
            "label": "Parent bodies designate the research unit's mandataire unique (from the "
            "decision creating or renewing the unit)",
            "value": Decimal(1),
            "unit": "months",
            "source": "Décret 2020-24 of 13 January 2020, codified as Code de la recherche D533-2 "
            "(date in force taken as the day after publication)",
            "status": "partly_confirmed",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_payment_kinds_cost_bearing"), ("core", "0002_parameter")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
