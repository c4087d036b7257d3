"""Documents on the records: a signed agreement on its agreement, an office action on its family, an
invoice, minutes, a letter generated from a template … Each is numbered, versioned within its record
(same kind and title), stored under VAR_DIR/media and served only to those who may see the record
(valo.documents.views); every download is recorded."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel


class DocumentKind(models.TextChoices):
    SIGNED_AGREEMENT = "signed_agreement", _("Signed agreement")
    DRAFT = "draft", _("Draft")
    OFFICE_ACTION = "office_action", _("Office action")
    FILING_RECEIPT = "filing_receipt", _("Filing receipt")
    INVOICE = "invoice", _("Invoice")
    MINUTES = "minutes", _("Minutes")
    LETTER = "letter", _("Letter")
    DECLARATION = "declaration", _("Declaration attachment")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


def holders() -> dict[str, type[models.Model]]:
    """The models that take documents (each app's `documents_on`), by their label."""
    from valo.core.registry import valo_apps

    found = {}
    for config in valo_apps():
        for label in getattr(config, "documents_on", ()):
            found[label.lower()] = apps.get_model(label)
    return found


def document_path(instance: Document, filename: str) -> str:
    # A unique folder per file: two versions with the same name never overwrite each other.
    ct = instance.content_type
    name = Path(filename).name
    return f"documents/{ct.app_label}/{ct.model}/{instance.object_id}/{uuid.uuid4().hex}/{name}"


class Document(ChangeLoggedModel):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    file = models.FileField(_("file"), upload_to=document_path, max_length=400)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "title", "-version"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "title", "version"],
                name="documents_one_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("documents_download", args=[self.pk])

    def changelog_parent(self) -> models.Model | None:
        return self.record

    def serialize(self) -> dict[str, Any]:
        data = super().serialize()
        data["file"] = self.filename  # the storage path says nothing to a reader
        return data

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Whoever may see the record sees its documents; whoever may change it adds, replaces
        and removes them (know-how: only the people named on it, as for the record itself)."""
        on_record = "view" if action == "view" else "change"
        found = Q(pk__in=[])
        any_model = False
        for model in holders().values():
            q = model.access_q(access, on_record)  # type: ignore[attr-defined]
            if q is None:
                continue
            any_model = True
            ct = ContentType.objects.get_for_model(model)
            records = model._default_manager.filter(q).values("pk")
            found |= Q(content_type=ct, object_id__in=records)
        return found if any_model else None


class DocumentDownload(ChangeLoggedModel):
    """One download of a document: who, when (the change log keeps it too)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document download")
        verbose_name_plural = _("document downloads")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.document} — {self.user}"

    def changelog_parent(self) -> models.Model:
        return self.document

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        if action != "view":
            return None
        q = Document.access_q(access, "change")
        return None if q is None else Q(document__in=Document.objects.filter(q))


def template_path(instance: LetterTemplate, filename: str) -> str:
    return f"letter-templates/{instance.kind}/{instance.language}/{uuid.uuid4().hex}.docx"


class LetterTemplate(ChangeLoggedModel):
    """A DOCX template staff uploaded for a kind of letter in one language; the latest is used
    (valo.documents.letters; without one, valo builds its default)."""

    kind = models.CharField(_("kind of letter"), max_length=80)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=template_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind", "language", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language}): {self.filename}"

    def serialize(self) -> dict[str, Any]:
        data = super().serialize()
        data["file"] = self.filename
        return data

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        from valo.core.access import Role

        if action == "view":
            return Q() if access.scopes else None
        return Q() if access.has_role(Role.OFFICER) else None
