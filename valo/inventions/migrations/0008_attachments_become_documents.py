"""A declaration's attachments become documents of the invention (valo.documents): one way to hold
files on every record. Each file stays where it is on disk; its document is numbered and hashed."""

import hashlib

from django.db import migrations


def to_documents(apps, schema_editor):
    Attachment = apps.get_model("inventions", "Attachment")
    Document = apps.get_model("documents", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("auth", "User")
    ct, _created = ContentType.objects.get_or_create(app_label="inventions", model="invention")
    versions = {}
    for attachment in Attachment.objects.order_by("pk"):
        digest = hashlib.sha256()
        try:
            with attachment.file.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except (FileNotFoundError, OSError, ValueError):
            pass  # a file missing on disk keeps its record: the document says what was attached
        title = attachment.name.rsplit(".", 1)[0][:200] or attachment.name[:200]
        key = (attachment.invention_id, title)
        versions[key] = versions.get(key, 0) + 1
        document = Document.objects.create(
            content_type=ct,
            object_id=attachment.invention_id,
            number=f"tmp-{attachment.pk}",
            kind="declaration",
            title=title,
            version=versions[key],
            file=attachment.file.name,
            filename=attachment.name[:200],
            size=attachment.size,
            sha256=digest.hexdigest(),
            added_by=User.objects.filter(username=attachment.uploaded_by).first(),
        )
        Document.objects.filter(pk=document.pk).update(
            number=f"D-{attachment.created:%Y}-{document.pk:06d}", created=attachment.created
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inventions", "0007_assessment_invitation_sequence_assessment_starts_at"),
        ("documents", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_documents, migrations.RunPython.noop),
        migrations.DeleteModel(name="Attachment"),
    ]
