"""The agreements parameters' labels and sources in French (core 0004 gives parameters both
languages). Matched on the English as seeded; a parameter an administrator has changed keeps its own
text until they give its French."""

from django.db import migrations

LABELS = {
    "Co-owners' opposition to a non-exclusive licence (buy-out of the notifier's share)": "Opposition des copropriétaires à une licence non exclusive (rachat de la quote-part de l'auteur de la notification)",
    'Public co-owners designate the mandataire unique (from the priority filing)': 'Désignation du mandataire unique par les copropriétaires publics (à compter du dépôt prioritaire)',
    "Parent bodies designate the research unit's mandataire unique (from the decision creating or renewing the unit)": "Désignation du mandataire unique de l'unité de recherche par ses tutelles (à compter de la décision de création ou de renouvellement de l'unité)",
}
SOURCES = {
    'CPI L613-29 (from notification of the draft licence)': 'CPI L613-29 (à compter de la notification du projet de licence)',
    'Code de la recherche L533-1; décret 2014-1518 art. 1 (9 months from the priority filing)': 'Code de la recherche L533-1 ; décret 2014-1518, art. 1 (9 mois à compter du dépôt prioritaire)',
    'Décret 2020-24 of 13 January 2020, codified as Code de la recherche D533-2 (date in force taken as the day after publication)': "Décret 2020-24 du 13 janvier 2020, codifié à l'article D533-2 du Code de la recherche (entrée en vigueur retenue : le lendemain de la publication)",
}


def translate(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for english, french in LABELS.items():
        Parameter.objects.filter(label=english, label_fr="").update(label_fr=french)
    for english, french in SOURCES.items():
        Parameter.objects.filter(source=english, source_fr="").update(source_fr=french)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_parameter_label_fr_parameter_source_fr"),
        ("agreements", "0006_licence_reporting_terms"),
    ]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
