"""EPC Art. 141(2): a renewal fee of a validated European patent falling due within two months of
the publication of the mention of grant is validly paid within those two months, without any
additional fee under national law. The national rules seeded in 0005 (France, Germany, the UK) take
that period; the unitary patent's renewals are the EPO's (its own rules, not Art. 141(2))."""

from django.db import migrations, models

# The period of EPC Art. 141(2), in months from the grant mention.
ART_141_2_MONTHS = 2
NATIONAL_AFTER_GRANT = ("fr-ep-annuity", "de-ep-annuity", "gb-ep-renewal")


def forward(apps, schema_editor):
    Rule = apps.get_model("patents", "DeadlineRule")
    Rule.objects.filter(code__in=NATIONAL_AFTER_GRANT, after_grant_months=None).update(
        after_grant_months=ART_141_2_MONTHS
    )


class Migration(migrations.Migration):
    dependencies = [("patents", "0008_deadlinerule_label_fr_deadlinerule_source_fr")]

    operations = [
        migrations.AddField(
            model_name="deadlinerule",
            name="after_grant_months",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text=(
                    "Renewals in a validated state: one falling due within this many months after "
                    "the grant mention may be paid until then, without surcharge (EPC Art. 141(2): "
                    "2)."
                ),
                null=True,
                verbose_name="payable until (months from the grant mention)",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
    # Read by valo.patents.signals: the stored deadlines follow the rules once migrated.
    recompute_deadlines = True
