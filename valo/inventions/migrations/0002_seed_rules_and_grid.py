"""The legal clocks of employee inventions (CPI R611-7) and the default assessment grid."""

import datetime
from decimal import Decimal

from django.db import migrations

PARAMETERS = [
    {
        "key": "inventions-classification-answer",
        "label": "Employer's answer on the classification of a declared invention",
        "value": Decimal(2),
        "unit": "months",
        "start": datetime.date(1996, 1, 1),
        "source": "CPI R611-7 (from receipt of the declaration)",
        "status": "confirmed",
    },
    {
        "key": "inventions-attributable-claim",
        "label": "Employer's claim of an attributable invention",
        "value": Decimal(4),
        "unit": "months",
        "start": datetime.date(1996, 1, 1),
        "source": "CPI R611-7 (from receipt of a complete declaration)",
        "status": "confirmed",
    },
]

CRITERIA = [
    ("novelty", "Novelty", "Nouveauté", "Is it new over what has been published, said or used?",
     "Est-ce nouveau par rapport à ce qui a été publié, présenté ou utilisé ?"),
    ("inventive-step", "Inventive step", "Activité inventive",
     "Would a skilled person not have found it obvious?", "Est-ce non évident pour l'homme du métier ?"),
    ("industrial-application", "Industrial application", "Application industrielle",
     "Can it be made or used in industry?", "Peut-on le fabriquer ou l'utiliser dans l'industrie ?"),
    ("market", "Market", "Marché", "Size and reach of the market, identified partners.",
     "Taille et accessibilité du marché, partenaires identifiés."),
    ("detectability", "Detectability of infringement", "Détectabilité de la contrefaçon",
     "Could a copy be seen in a product on the market?",
     "Une contrefaçon serait-elle visible dans un produit sur le marché ?"),
    ("freedom-to-operate", "Freedom to operate", "Liberté d'exploitation",
     "Can it be used without infringing others' rights?",
     "Peut-on l'exploiter sans empiéter sur les droits des autres ?"),
    ("maturity", "Maturity (TRL)", "Maturité (TRL)", "How far from a product (TRL 1 to 9)?",
     "Quelle distance d'un produit (TRL 1 à 9) ?"),
]


def seed(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for values in PARAMETERS:
        Parameter.objects.get_or_create(key=values["key"], start=values["start"], defaults=values)
    Criterion = apps.get_model("inventions", "Criterion")
    for position, (code, name_en, name_fr, help_en, help_fr) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(
            code=code,
            defaults={
                "name_en": name_en, "name_fr": name_fr, "help_en": help_en, "help_fr": help_fr,
                "weight": Decimal(1), "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_parameter"),
        ("inventions", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
