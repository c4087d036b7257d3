"""The keys an office's files gave their rows: what makes a second import update, not duplicate."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, Role
from valo.core.models.base import ChangeLoggedModel


class ImportKey(ChangeLoggedModel):
    """A row's key in a kind of import file (valo.core.onboarding), and the record it made. Its
    changes are logged on their own (a key is written in bulk with its file's rows; the records
    it names carry their own history, marked as imported)."""

    kind = models.CharField(_("kind of file"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("import key")
        verbose_name_plural = _("import keys")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="core_importkey_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_importkey_object")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key}"

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """A key is the office's spreadsheet identifier, not a secret: the staff read them (the
        records they name stay behind their own rules); those who import write them."""
        if action == "view":
            return Q() if access.has_role(*STAFF_ROLES) else None
        return Q() if access.has_role(*EDITOR_ROLES, Role.FINANCE) else None
