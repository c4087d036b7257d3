"""Querysets of valo's models: permission restriction, and bulk writes that log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from valo.core.access import get_access


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see or change."""

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        """Only the objects `user` may `action` (view, add, change, delete); see valo.core.access.

        Administrators see everything, except a model's `personal` records (a calendar address,
        a reminder digest): those are their owner's alone, whoever asks."""
        access = get_access(user)
        if access.is_admin and not getattr(self.model, "personal", False):
            return self
        q = self.model.access_q(access, action)
        if q is None:
            return self.none()
        return self.filter(q)


class ChangeLoggedQuerySet(RestrictedQuerySet):
    """The default queryset of every logged model: its bulk writes leave one change record per row.

    `update()`, `bulk_create()` and `bulk_update()` are the project's one way to write in bulk; there is
    no separate "audited bulk" helper to remember. `delete()` needs nothing here: the delete signals
    fire for every object because valo.core.signals listens to them.
    """

    def update(self, **kwargs: Any) -> int:
        from valo.core.changelog import record_changes

        model = self.model
        if "last_updated" not in kwargs and any(
            f.name == "last_updated" for f in model._meta.concrete_fields
        ):
            kwargs["last_updated"] = timezone.now()
        with transaction.atomic(using=self.db):
            # Lock and snapshot exactly the rows matched now, then update those rows by id, so the
            # records describe the rows written (and DISTINCT or joins cannot clash with the lock).
            pks = list(self.values_list("pk", flat=True))
            rows = model._base_manager.using(self.db).filter(pk__in=pks)
            before = {obj.pk: obj.serialize() for obj in rows.select_for_update()}
            if not before:
                return 0
            # The base manager's plain queryset performs the update itself, unlogged: logged below.
            count = rows.update(**kwargs)
            record_changes(
                (("update", obj, before[obj.pk], obj.serialize()) for obj in rows.all()),
                using=self.db,
            )
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> list[Any]:
        from valo.core.changelog import record_changes

        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            if any(obj.pk is None for obj in created):
                raise RuntimeError(
                    "bulk_create on a logged model needs the database to return ids."
                )
            record_changes(
                (("create", obj, None, obj.serialize()) for obj in created), using=self.db
            )
        return created

    bulk_create.alters_data = True  # type: ignore[attr-defined]

    def bulk_update(
        self, objs: Sequence[models.Model], fields: Sequence[str], *args: Any, **kwargs: Any
    ) -> int:
        from valo.core.changelog import record_changes

        objs = list(objs)
        with transaction.atomic(using=self.db):
            pks = [obj.pk for obj in objs]
            before = {
                obj.pk: obj.serialize()
                for obj in self.model._base_manager.using(self.db)
                .filter(pk__in=pks)
                .select_for_update()
            }
            # Django's bulk_update calls update(); run it on the plain base queryset so that each
            # row is logged once, below, and not again by ChangeLoggedQuerySet.update().
            plain = self.model._base_manager.using(self.db).all()
            count = plain.bulk_update(objs, fields, *args, **kwargs)
            record_changes(
                (("update", obj, before.get(obj.pk), obj.serialize()) for obj in objs),
                using=self.db,
            )
        return count

    bulk_update.alters_data = True  # type: ignore[attr-defined]
