"""The finance parameters' labels and sources in French (core 0004 gives parameters both
languages). Matched on the English as seeded; a parameter an administrator has changed keeps its own
text until they give its French."""

from django.db import migrations

LABELS = {
    "Prime au brevet d'invention (flat amount)": "Prime au brevet d'invention (montant forfaitaire)",
    'Prime au brevet: first instalment after the first filing': 'Prime au brevet : premier versement après le premier dépôt',
    'Prime au brevet: first instalment': 'Prime au brevet : premier versement',
    "Ceiling P of the prime d'intéressement (HED chevron 2 pensionable salary)": "Plafond P de la prime d'intéressement (traitement indiciaire HED chevron 2)",
}
SOURCES = {
    'CPI R611-14-1 III; arrêté du 26 septembre 2005': 'CPI R611-14-1 III ; arrêté du 26 septembre 2005',
    'CPI R611-14-1 III (one year from the first filing; sources disagree)': 'CPI R611-14-1 III (un an après le premier dépôt ; les sources divergent)',
    'CPI R611-14-1 II; HED chevron 2 (IM 1226) × point value of décret 2010-761': 'CPI R611-14-1 II ; HED chevron 2 (IM 1226) × valeur du point du décret 2010-761',
    'CPI R611-14-1 II; HED chevron 2 (IM 1226) × point value of décret 2016-670 (1st step)': 'CPI R611-14-1 II ; HED chevron 2 (IM 1226) × valeur du point du décret 2016-670 (1re étape)',
    'CPI R611-14-1 II; HED chevron 2 (IM 1226) × point value of décret 2016-670 (2nd step)': 'CPI R611-14-1 II ; HED chevron 2 (IM 1226) × valeur du point du décret 2016-670 (2e étape)',
    'CPI R611-14-1 II; HED chevron 2 (IM 1226) × point value of décret 2022-994': 'CPI R611-14-1 II ; HED chevron 2 (IM 1226) × valeur du point du décret 2022-994',
    'CPI R611-14-1 II; HED chevron 2 at the point value of 1 July 2023 (about 72.4 k€)': 'CPI R611-14-1 II ; HED chevron 2 à la valeur du point du 1er juillet 2023 (environ 72,4 k€)',
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
        ("finance", "0003_earlier_ceilings"),
    ]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
