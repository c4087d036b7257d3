import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    Parameter.objects.get_or_create(key="coownership-licence-opposition", start=datetime.date(2020, 1, 1), defaults={
        "label": "Co-owners' opposition to a non-exclusive licence (buy-out of the notifier's share)",
        "value": Decimal(3), "unit": "months", "source": "CPI L613-29 (from notification of the draft licence)",
        "status": "confirmed",
    })


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial"), ("core", "0002_parameter")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
