"""The maturity criterion asked for a TRL of 1 to 9 on a score of 0 to 5 (issue 14): its guidance now
says which TRLs each score means. A grid an administrator has reworded is left as it is."""

from django.db import migrations

OLD = ("How far from a product (TRL 1 to 9)?", "Quelle distance d'un produit (TRL 1 à 9) ?")
NEW = (
    "Score 0: TRL 1 · 1: TRL 2–3 · 2: TRL 4 · 3: TRL 5–6 · 4: TRL 7 · 5: TRL 8–9.",
    "Note 0 : TRL 1 · 1 : TRL 2–3 · 2 : TRL 4 · 3 : TRL 5–6 · 4 : TRL 7 · 5 : TRL 8–9.",
)


def forwards(apps, schema_editor):
    Criterion = apps.get_model("inventions", "Criterion")
    Criterion.objects.filter(code="maturity", help_en=OLD[0], help_fr=OLD[1]).update(
        help_en=NEW[0], help_fr=NEW[1]
    )


def backwards(apps, schema_editor):
    Criterion = apps.get_model("inventions", "Criterion")
    Criterion.objects.filter(code="maturity", help_en=NEW[0], help_fr=NEW[1]).update(
        help_en=OLD[0], help_fr=OLD[1]
    )


class Migration(migrations.Migration):
    dependencies = [("inventions", "0005_contribution_help")]
    operations = [migrations.RunPython(forwards, backwards)]
