"""Seal the know-how secrets already written to the change log: from now on a KnowHow's content is
logged as a keyed fingerprint (valo.core.serialization.sealed); the records written before keep
their times, authors and every other field, and lose the clear text."""

from django.db import migrations

from valo.core.serialization import SEALED_PREFIX, sealed

SECRET_FIELDS = ("description",)


def seal(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ObjectChange = apps.get_model("core", "ObjectChange")
    try:
        know_how = ContentType.objects.get(app_label="inventions", model="knowhow")
    except ContentType.DoesNotExist:
        return
    for change in ObjectChange.objects.filter(content_type=know_how).iterator():
        updates = {}
        for column in ("prechange_data", "postchange_data"):
            data = getattr(change, column)
            if not data:
                continue
            clear = {
                key: value
                for key, value in data.items()
                if key in SECRET_FIELDS and value and not str(value).startswith(SEALED_PREFIX)
            }
            if clear:
                updates[column] = {**data, **{key: sealed(value) for key, value in clear.items()}}
        if updates:
            ObjectChange.objects.filter(pk=change.pk).update(**updates)


class Migration(migrations.Migration):
    dependencies = [
        ("inventions", "0003_constraint_messages"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
