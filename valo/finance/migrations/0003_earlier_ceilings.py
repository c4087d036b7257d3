"""Earlier values of the ceiling P, so that statements of past years compute: HED chevron 2 (indice
majoré 1226, unconfirmed) × 12 × the monthly index-point value in force (décrets 2010-761, 2016-670,
2022-994; the 2023 value is seeded by 0002)."""

import datetime
from decimal import Decimal

from django.db import migrations

INDEX = 1226
POINTS = [
    (datetime.date(2010, 7, 1), Decimal("4.6303"), "décret 2010-761"),
    (datetime.date(2016, 7, 1), Decimal("4.6537"), "décret 2016-670 (1st step)"),
    (datetime.date(2017, 2, 1), Decimal("4.686025"), "décret 2016-670 (2nd step)"),
    (datetime.date(2022, 7, 1), Decimal("4.85003"), "décret 2022-994"),
]


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for start, point, decree in POINTS:
        Parameter.objects.get_or_create(
            key="finance-prime-ceiling",
            start=start,
            defaults={
                "label": "Ceiling P of the prime d'intéressement (HED chevron 2 pensionable salary)",
                "value": (INDEX * point * 12).quantize(Decimal("1")),
                "unit": "EUR",
                "source": f"CPI R611-14-1 II; HED chevron 2 (IM 1226) × point value of {decree}",
                "status": "unconfirmed",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0002_parameters")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
