"""The ventures parameters' labels and sources in French (core 0004 gives parameters both
languages). Matched on the English as seeded; a parameter an administrator has changed keeps its own
text until they give its French."""

from django.db import migrations

LABELS = {
    'L531-12 equity (board member)': "L531-12 : participation au capital (membre d'un organe de direction)",
    'L531-12 voting rights (board member)': "L531-12 : droits de vote (membre d'un organe de direction)",
    'L531-8 working time (scientific consultancy)': 'L531-8 : temps de travail (concours scientifique)',
    'L531-9 equity (scientific consultancy)': 'L531-9 : participation au capital (concours scientifique)',
    'L531-9 voting rights (scientific consultancy)': 'L531-9 : droits de vote (concours scientifique)',
}
SOURCES = {
    'Former L413-12 (20 % of capital); post-LPR cap unconfirmed': 'Ancien L413-12 (20 % du capital) ; plafond depuis la LPR non confirmé',
    'Former L413-12 (20 % of voting rights); post-LPR cap unconfirmed': 'Ancien L413-12 (20 % des droits de vote) ; plafond depuis la LPR non confirmé',
    'Loi PACTE (up to 50 %)': "Loi PACTE (jusqu'à 50 %)",
    'Loi 2006-450 (49 % of capital)': 'Loi 2006-450 (49 % du capital)',
    'Loi 2006-450 (49 % of voting rights)': 'Loi 2006-450 (49 % des droits de vote)',
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
        ("ventures", "0002_caps"),
    ]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
