"""Signal receivers that log every save and delete of a ChangeLoggedModel, and that keep the shared
cache's table (see CACHES) created by every migration."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from valo.core.changelog import record_change
from valo.core.models import ChangeLoggedModel


def _logged(sender: type) -> bool:
    return isinstance(sender, type) and issubclass(sender, ChangeLoggedModel)


@receiver(pre_save, dispatch_uid="valo_changelog_pre_save")
def snapshot_before_save(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not _logged(sender) or raw:
        return
    instance._prechange = None
    if instance.pk is not None and not instance._state.adding:
        stored = sender._base_manager.using(kwargs.get("using")).filter(pk=instance.pk).first()
        instance._prechange = stored.serialize() if stored is not None else None


@receiver(post_save, dispatch_uid="valo_changelog_post_save")
def log_save(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if not _logged(sender) or raw:
        return
    before = None if created else getattr(instance, "_prechange", None)
    record_change("create" if created else "update", instance, before, instance.serialize())


@receiver(pre_delete, dispatch_uid="valo_changelog_pre_delete")
def snapshot_before_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if _logged(sender):
        instance._predelete = instance.serialize()


@receiver(post_delete, dispatch_uid="valo_changelog_post_delete")
def log_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if _logged(sender):
        record_change("delete", instance, getattr(instance, "_predelete", None), None)


@receiver(post_migrate, dispatch_uid="valo_shared_cache_table")
def create_shared_cache_table(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Every `valo migrate` makes sure the shared cache's table exists (Django's createcachetable,
    which leaves an existing one alone): a fresh install needs no step of its own."""
    from django.apps import apps
    from django.core.management import call_command

    if sender is apps.get_app_config("core"):
        call_command("createcachetable", database=using, verbosity=0)


@receiver(post_migrate, dispatch_uid="valo_search_indexes")
def create_search_indexes(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Every `valo migrate` on PostgreSQL makes sure the search's trigram indexes
    exist (valo.core.search.ensure_indexes); post_migrate comes once every app is migrated."""
    from django.apps import apps

    from valo.core.search import ensure_indexes

    if sender is apps.get_app_config("core"):
        ensure_indexes(using)
