"""The base every valo record model derives from."""

from __future__ import annotations

from typing import Any, ClassVar

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


class Component(ChangeLoggedModel):
    """A part of a parent record (an inventor of an invention, a tier of a licence, a cost of an
    application's family …): shown on the parent's page and in its history, seen by whoever may see
    the parent, changed by whoever may change it.

    `parent_path` is the lookup from the component to its parent ("invention", "application__family").
    """

    parent_path: ClassVar[str]

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return self.parent().get_absolute_url()  # type: ignore[attr-defined]

    def parent(self) -> models.Model:
        obj: Any = self
        for step in self.parent_path.split("__"):
            obj = getattr(obj, step)
        return obj

    def changelog_parent(self) -> models.Model:
        return self.parent()

    @classmethod
    def parent_model(cls) -> type[models.Model]:
        model: Any = cls
        for step in cls.parent_path.split("__"):
            model = model._meta.get_field(step).related_model
        return model

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        parent = cls.parent_model()
        q = parent.access_q(access, "view" if action == "view" else "change")  # type: ignore[attr-defined]
        if q is None or not q:
            return q
        return Q(**{f"{cls.parent_path}__in": parent._default_manager.filter(q).values("pk")})
