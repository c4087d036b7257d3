"""Caps on researchers' involvement in companies (reference/french-rules.md §5), with their status."""

import datetime
from decimal import Decimal

from django.db import migrations

CAPS = [
    ("ventures-l531-9-equity-cap", "L531-9 equity (scientific consultancy)", 49, datetime.date(2006, 4, 19), "Loi 2006-450 (49 % of capital)", "partly_confirmed"),
    ("ventures-l531-9-voting-cap", "L531-9 voting rights (scientific consultancy)", 49, datetime.date(2006, 4, 19), "Loi 2006-450 (49 % of voting rights)", "partly_confirmed"),
    ("ventures-l531-12-equity-cap", "L531-12 equity (board member)", 20, datetime.date(2006, 4, 19), "Former L413-12 (20 % of capital); post-LPR cap unconfirmed", "unconfirmed"),
    ("ventures-l531-12-voting-cap", "L531-12 voting rights (board member)", 20, datetime.date(2006, 4, 19), "Former L413-12 (20 % of voting rights); post-LPR cap unconfirmed", "unconfirmed"),
    ("ventures-l531-8-time-cap", "L531-8 working time (scientific consultancy)", 50, datetime.date(2019, 5, 22), "Loi PACTE (up to 50 %)", "partly_confirmed"),
]


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for key, label, value, start, source, status in CAPS:
        Parameter.objects.get_or_create(key=key, start=start, defaults={
            "label": label, "value": Decimal(value), "unit": "percent", "source": source, "status": status,
        })


class Migration(migrations.Migration):
    dependencies = [("ventures", "0001_initial"), ("core", "0002_parameter")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
