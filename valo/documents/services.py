"""Adding a document to a record: the one write path of the page, the API, the letters generated
from templates and any command. The file is checked (size, type, the scanner hook) before anything
is written; a new file with the kind and title of an existing one is its next version."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from valo.documents.models import Document, holders


def validate_upload(upload: Any) -> None:
    """Refuse a file that is too large, of a type the office does not accept, or that the scanner
    (`VALO_DOCUMENT_SCANNER`, a function of the file raising ValidationError) refuses."""
    limit = settings.VALO_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the largest file accepted is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            }
        )
    suffix = Path(upload.name).suffix.lower().lstrip(".")
    if suffix not in settings.VALO_ATTACHMENT_TYPES:
        raise ValidationError(
            _("%(name)s: files of type “%(type)s” are not accepted (accepted: %(types)s).")
            % {
                "name": upload.name,
                "type": suffix or "?",
                "types": ", ".join(settings.VALO_ATTACHMENT_TYPES),
            }
        )
    if settings.VALO_DOCUMENT_SCANNER:
        import_string(settings.VALO_DOCUMENT_SCANNER)(upload)


def may_change(record: models.Model, user: Any) -> bool:
    manager = type(record)._default_manager
    return manager.restrict(user, "change").filter(pk=record.pk).exists()


def record_for(label: str, pk: int, user: Any, action: str = "view") -> models.Model | None:
    """The record of a model that takes documents, if `user` may `action` it."""
    model = holders().get(label.lower())
    if model is None:
        return None
    return model._default_manager.restrict(user, action).filter(pk=pk).first()


@transaction.atomic
def attach(
    record: models.Model,
    upload: Any,
    *,
    kind: str,
    title: str = "",
    user: Any = None,
    note: str = "",
    check_access: bool = True,
) -> Document:
    """Store the file on the record as a new document (or the next version of the one with the
    same kind and title). `check_access=False` only for the system's own writes (generated letters
    whose caller checked)."""
    if check_access and not may_change(record, user):
        raise PermissionDenied(_("You may not add documents to this record."))
    validate_upload(upload)
    ct = ContentType.objects.get_for_model(record)
    title = (title or Path(upload.name).stem)[:200]
    siblings = Document.objects.select_for_update().filter(
        content_type=ct, object_id=record.pk, kind=kind, title=title
    )
    version = (siblings.aggregate(last=Max("version"))["last"] or 0) + 1
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        content_type=ct,
        object_id=record.pk,
        kind=kind,
        title=title,
        version=version,
        filename=Path(upload.name).name[:200],
        size=upload.size,
        sha256=digest.hexdigest(),
        note=note,
        added_by=user if getattr(user, "is_authenticated", False) else None,
        number=f"tmp-{digest.hexdigest()[:16]}",
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    # Numbered in the order documents are added: D-<year>-<sequence>.
    document.number = f"D-{timezone.localdate():%Y}-{document.pk:06d}"
    document.save(update_fields=["number", "last_updated"])
    return document


def documents_of(record: models.Model, user: Any) -> list[Document]:
    """The record's documents `user` may see, latest version first within each title."""
    ct = ContentType.objects.get_for_model(record)
    return list(
        Document.objects.restrict(user)
        .filter(content_type=ct, object_id=record.pk)
        .select_related("added_by")
    )
