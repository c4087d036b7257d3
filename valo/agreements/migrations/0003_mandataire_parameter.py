import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    Parameter.objects.get_or_create(key="mandataire-unique-designation", start=datetime.date(2014, 12, 18), defaults={
        "label": "Public co-owners designate the mandataire unique (from the priority filing)",
        "value": Decimal(9), "unit": "months",
        "source": "Code de la recherche L533-1; décret 2014-1518 art. 1 (9 months from the priority filing)",
        "status": "partly_confirmed",
    })


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_parameters"), ("core", "0002_parameter")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
