"""The inventions parameters' labels and sources in French (core 0004 gives parameters both
languages). Matched on the English as seeded; a parameter an administrator has changed keeps its own
text until they give its French."""

from django.db import migrations

LABELS = {
    "Employer's claim of an attributable invention": "Revendication par l'employeur d'une invention attribuable",
    "Employer's answer on the classification of a declared invention": "Réponse de l'employeur sur le classement d'une invention déclarée",
}
SOURCES = {
    'CPI R611-7 (from receipt of a complete declaration)': "CPI R611-7 (à compter de la réception d'une déclaration complète)",
    'CPI R611-7 (from receipt of the declaration)': 'CPI R611-7 (à compter de la réception de la déclaration)',
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
        ("inventions", "0009_meeting_cancel_and_closed_clocks"),
    ]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
