"""The change log: one append-only row per create, update or delete of a logged object."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access, Role
from valo.core.models.querysets import RestrictedQuerySet


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class ChangeSource(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    ADMIN = "admin", _("Admin site")
    COMMAND = "command", _("Command")
    IMPORT = "import", _("Import")
    SYSTEM = "system", _("System")


class ObjectChangeQuerySet(RestrictedQuerySet):
    """Change records are append-only: no bulk update or delete through the application."""

    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("Change records are never modified.")

    def delete(self) -> Any:
        raise RuntimeError("Change records are never deleted through the application.")

    def delete_archived(self) -> Any:
        """The one removal of change records: by valo.core.archive, once they are written to an
        archive file and checked."""
        return super().delete()

    def for_object(self, obj: models.Model) -> ObjectChangeQuerySet:
        """Changes of the object and of its components (an affiliation shows in its person's log)."""
        ct = ContentType.objects.get_for_model(obj)
        return self.for_key(ct, str(obj.pk))

    def for_key(self, content_type: ContentType, object_id: str) -> ObjectChangeQuerySet:
        return self.filter(
            Q(content_type=content_type, object_id=object_id)
            | Q(related_content_type=content_type, related_object_id=object_id)
        )


class ObjectChange(models.Model):
    """A create, update or delete of a logged object: who, when, from where, before and after.

    It names the object by content type, id and a text copy of its name, never by foreign key, so it
    survives the object's deletion. Rows are written by valo.core.changelog only and never changed.
    """

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="object_changes",
    )
    # Kept as text so the record stays readable when the user account is deleted.
    user_name = models.CharField(_("user name"), max_length=150)
    request_id = models.UUIDField(_("request id"), db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=ChangeSource.choices)
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    related_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("related object type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    related_object_id = models.CharField(_("related object id"), max_length=64, blank=True)
    prechange_data = models.JSONField(_("before"), null=True, blank=True)
    postchange_data = models.JSONField(_("after"), null=True, blank=True)

    objects = ObjectChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change log")
        ordering = ["-time", "-id"]
        indexes = [
            # The per-object history page.
            models.Index(fields=["content_type", "object_id"], name="core_change_object"),
            models.Index(
                fields=["related_content_type", "related_object_id"], name="core_change_related"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("Change records are never modified.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("change_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Change records are never deleted through the application.")

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """The whole log is for auditors and administrators; nobody writes it by hand."""
        if action != "view":
            return None
        if access.has_role(Role.AUDITOR, Role.ADMIN):
            return Q()
        return None

    def diff(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field that changed."""
        before = self.prechange_data or {}
        after = self.postchange_data or {}
        keys = sorted(before.keys() | after.keys())
        return [
            (key, before.get(key), after.get(key))
            for key in keys
            if before.get(key) != after.get(key) and key != "last_updated"
        ]

    def shown_diff(self) -> list[tuple[str, str, Any, Any]]:
        """(field code, field name, before, after) as a page shows them, in the active language:
        the field's verbose name, a choice's label for its code, yes/no for a boolean."""
        model = self.content_type.model_class() if self.content_type_id else None
        fields = {f.name: f for f in model._meta.get_fields()} if model else {}
        fields.update({f.attname: f for f in fields.values() if hasattr(f, "attname")})
        shown = []
        for key, before, after in self.diff():
            field = fields.get(key)
            name = str(getattr(field, "verbose_name", key))
            shown.append((key, name, _shown_value(field, before), _shown_value(field, after)))
        return shown


def _shown_value(field: Any, value: Any) -> Any:
    if value is None or field is None:
        return value
    choices = getattr(field, "flatchoices", None)
    if choices:
        labels = {str(code): label for code, label in choices}
        if isinstance(value, list):
            return ", ".join(str(labels.get(str(v), v)) for v in value)
        return str(labels.get(str(value), value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return value
