"""Writing change records. The only writer of ObjectChange rows.

Saves and deletes reach it through the signal receivers in valo.core.signals; queryset `update()`,
`bulk_create()` and `bulk_update()` of logged models reach it through ChangeLoggedQuerySet. So every
write path (page, API, admin, bulk edit, import, command) leaves one record per object changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import Signal

from valo.core.context import current_context
from valo.core.models.changelog import ChangeAction, ObjectChange
from valo.core.serialization import differs

REPR_LENGTH = 200


def build_change(
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ObjectChange | None:
    """An unsaved change record for `obj` under the current context; None if nothing changed."""
    if action == ChangeAction.UPDATE and not differs(before, after):
        return None
    ctx = current_context()
    user, user_name = ctx.resolve_user()
    parent = obj.changelog_parent() if hasattr(obj, "changelog_parent") else None
    change = ObjectChange(
        user=user,
        user_name=user_name[:150],
        request_id=ctx.request_id,
        source=ctx.source,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:REPR_LENGTH],
        prechange_data=before,
        postchange_data=after,
    )
    if parent is not None:
        change.related_content_type = ContentType.objects.get_for_model(parent)
        change.related_object_id = str(parent.pk)
    return change


def record_change(
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ObjectChange | None:
    """Write one change record (nothing when an update changed nothing)."""
    change = build_change(action, obj, before, after)
    if change is None:
        return None
    deferred = _deferred.get()
    if deferred is not None:
        deferred.append((change, obj))
        return change
    change.save(using=obj._state.db or "default")
    _announce(change, obj)
    return change


_deferred: ContextVar[list[tuple[ObjectChange, models.Model]] | None] = ContextVar(
    "valo_changelog_deferred", default=None
)


@contextmanager
def deferred_records() -> Iterator[None]:
    """The change records of the block's saves written together when it ends, in one statement
    per database (a file of ten thousand rows: not ten thousand inserts). Open it inside the
    caller's transaction: a block that raises writes none, and its transaction rolls back."""
    buffer: list[tuple[ObjectChange, models.Model]] = []
    token = _deferred.set(buffer)
    try:
        yield
    finally:
        _deferred.reset(token)
    by_database: dict[str, list[tuple[ObjectChange, models.Model]]] = {}
    for change, obj in buffer:
        by_database.setdefault(obj._state.db or "default", []).append((change, obj))
    for using, built in by_database.items():
        ObjectChange.objects.using(using).bulk_create([change for change, _obj in built])
        for change, obj in built:
            _announce(change, obj)


def record_changes(
    changes: Iterable[tuple[str, models.Model, dict[str, Any] | None, dict[str, Any] | None]],
    using: str = "default",
) -> list[ObjectChange]:
    """Write the change records of a bulk operation in one statement."""
    built = [(change, args[1]) for args in changes if (change := build_change(*args)) is not None]
    rows = [change for change, _obj in built]
    if rows:
        ObjectChange.objects.using(using).bulk_create(rows)
        for change, obj in built:
            _announce(change, obj)
    return rows


# Sent once per change recorded, whatever the write path (save, delete, bulk update or create),
# with sender = the model: an app that tells people of a change listens here (valo.patents.notices).
# Arguments: obj, action, before, after (serialised), user (or None).
changed = Signal()


def _announce(change: ObjectChange, obj: models.Model) -> None:
    changed.send(
        sender=type(obj),
        obj=obj,
        action=change.action,
        before=change.prechange_data,
        after=change.postchange_data,
        user=change.user,
    )


def latest_change() -> int:
    """The id of the last change record: any write through valo moves it, so a figure computed from
    the records can be cached under it (0 before any change)."""
    return ObjectChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
