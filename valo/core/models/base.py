"""The base every valo record model derives from."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models.querysets import ChangeLoggedQuerySet
from valo.core.serialization import serialize_object


class ChangeLoggedModel(models.Model):
    """Timestamps, change logging and permission restriction in one base.

    Every create, update and delete of a subclass writes a change record (valo.core.signals and
    ChangeLoggedQuerySet). Subclasses say who may do what in `access_q` and may name a parent in
    `changelog_parent` so that their changes also show in the parent's history.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ChangeLoggedQuerySet.as_manager()

    class Meta:
        abstract = True

    def serialize(self) -> dict[str, Any]:
        return serialize_object(self)

    def changelog_parent(self) -> models.Model | None:
        """The object whose history also shows this object's changes (none by default)."""
        return None

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """The filter of the objects `access` may `action`; None for none. Each model defines it."""
        raise NotImplementedError(f"{cls.__name__} must define access_q()")
