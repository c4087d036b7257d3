"""The deadline rules' labels and sources in French: pages read in French name a deadline
"Annuité – 8", not "Annuity – 8". Matched on the English as seeded (0002, 0005); a rule an
administrator has renamed keeps its own text until they give its French."""

from django.db import migrations, models

LABELS = {
    "Priority year (Paris Convention)": "Délai de priorité (Convention de Paris)",
    "Filing and search fees": "Taxes de dépôt et de recherche",
    "Reply to the search report": "Réponse au rapport de recherche",
    "Publication (expected)": "Publication (prévue)",
    "Provisional application: conformity request or utility certificate": (
        "Demande provisoire : requête en mise en conformité ou certificat d'utilité"
    ),
    "Utility certificate: conversion into a patent": (
        "Certificat d'utilité : transformation en demande de brevet"
    ),
    "Opposition window (third parties)": "Délai d'opposition (tiers)",
    "Annuity": "Annuité",
    "Annuity (utility certificate)": "Annuité (certificat d'utilité)",
    "National phase entry (30 months)": "Entrée en phase nationale (30 mois)",
    "European regional phase entry (31 months)": "Entrée en phase régionale européenne (31 mois)",
    "Examination request and designation fee": "Requête en examen et taxe de désignation",
    "Renewal fee": "Taxe annuelle",
    "Unitary patent renewal fee": "Taxe annuelle du brevet à effet unitaire",
    "Non-provisional application after the provisional": (
        "Demande non provisoire après la demande provisoire"
    ),
    "Maintenance fee (3.5 years)": "Taxe de maintien en vigueur (3,5 ans)",
    "Maintenance fee (7.5 years)": "Taxe de maintien en vigueur (7,5 ans)",
    "Maintenance fee (11.5 years)": "Taxe de maintien en vigueur (11,5 ans)",
    "French annuity of a European patent": "Annuité française d'un brevet européen",
    "German annuity of a European patent": "Annuité allemande d'un brevet européen",
    "UK renewal of a European patent": "Taxe de renouvellement britannique d'un brevet européen",
}

# Only the sources whose English says more than a citation.
SOURCES = {
    "Paris Convention Art. 4C": "Convention de Paris, art. 4C",
    "CPI R612-59 (renewable once, +3 months)": "CPI R612-59 (renouvelable une fois, +3 mois)",
    "CPI R612-53 (and before publication preparations, about 16 months)": (
        "CPI R612-53 (et avant les préparatifs techniques de la publication, environ 16 mois)"
    ),
    "CPI L613-23 et seq. (ord. 2020-116)": "CPI L613-23 et s. (ord. 2020-116)",
    "CPI R613-46; grace 6 months +50 % (INPI)": "CPI R613-46 ; délai de grâce de 6 mois, +50 % (INPI)",
    "PCT Art. 22 and 39": "PCT, art. 22 et 39",
    "EPC Rule 159(1)": "CBE, règle 159(1)",
    "EPC Rule 70(1), Rule 39, Art. 150(2)": "CBE, règle 70(1), règle 39, art. 150(2)",
    "EPC Art. 93(1)": "CBE, art. 93(1)",
    "EPC Art. 86, Rule 51": "CBE, art. 86, règle 51",
    "EPC Rule 70(1), Rule 39; Rule 159(1)(f): not before the 31-month limit": (
        "CBE, règle 70(1), règle 39 ; règle 159(1)(f) : pas avant l'expiration du délai de 31 mois"
    ),
    "EPC Art. 86, Rule 51; Rule 159(1)(g): a fee due before the 31-month limit may be paid until it": (
        "CBE, art. 86, règle 51 ; règle 159(1)(g) : une taxe échue avant le délai de 31 mois peut "
        "être payée jusqu'à son expiration"
    ),
    "CPI L611-2 before loi PACTE (term 6 years), R613-46": (
        "CPI L611-2 avant la loi PACTE (durée 6 ans), R613-46"
    ),
    "CPI L611-2 as amended by loi PACTE 2019-486 art. 118 (term 10 years, in force 10 January 2020 "
    "by décret 2020-15, also for certificates in force that day), R613-46": (
        "CPI L611-2 modifié par la loi PACTE 2019-486, art. 118 (durée 10 ans, en vigueur le "
        "10 janvier 2020 par le décret 2020-15, y compris pour les certificats en vigueur ce jour-là), "
        "R613-46"
    ),
    "CPI R613-46 with EPC Art. 141: from the year after the grant mention": (
        "CPI R613-46 avec CBE, art. 141 : à partir de l'année suivant la mention de la délivrance"
    ),
    "PatKostG §3(2), §7(1) with EPC Art. 141 (fees and surcharge not in the reference)": (
        "PatKostG §3(2), §7(1) avec CBE, art. 141 (taxes et surtaxe absentes de la référence)"
    ),
    "Patents Act 1977 s.25, s.77; Patents Rules 2007 r.37 with EPC Art. 141 (fees and surcharge not "
    "in the reference)": (
        "Patents Act 1977, s.25, s.77 ; Patents Rules 2007, r.37 avec CBE, art. 141 (taxes et "
        "surtaxe absentes de la référence)"
    ),
    "Rules relating to Unitary Patent Protection, Rule 13; from the year after the grant mention "
    "(reference §7.2; due date and grace unconfirmed)": (
        "Règlement relatif à la protection unitaire conférée par un brevet, règle 13 ; à partir de "
        "l'année suivant la mention de la délivrance (référence §7.2 ; échéance et délai de grâce "
        "non confirmés)"
    ),
}


def translate(apps, schema_editor):
    Rule = apps.get_model("patents", "DeadlineRule")
    for english, french in LABELS.items():
        Rule.objects.filter(label=english, label_fr="").update(label_fr=french)
    for english, french in SOURCES.items():
        Rule.objects.filter(source=english, source_fr="").update(source_fr=french)


class Migration(migrations.Migration):
    dependencies = [
        ("patents", "0007_renewal_opinions"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlinerule",
            name="label_fr",
            field=models.CharField(blank=True, max_length=255, verbose_name="label (French)"),
        ),
        migrations.AddField(
            model_name="deadlinerule",
            name="source_fr",
            field=models.CharField(blank=True, max_length=255, verbose_name="source (French)"),
        ),
        migrations.RunPython(translate, migrations.RunPython.noop),
    ]
