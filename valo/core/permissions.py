"""Writes checked in one place: a saved object must lie inside what its author may change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from valo.core.access import get_access


def check_write(user: Any, obj: models.Model, action: str, *, refresh: bool = True) -> None:
    """Raise PermissionDenied unless `user` may `action` the saved `obj` (call inside the transaction).

    Called after saving, so a create or a move is judged by where the object ends up; the caller's
    transaction then rolls the write back. The access is recomputed because the save may have added a
    unit to the user's scope (a new laboratory under their school); refresh=False judges a record
    as it stood before the write (a row of a file about to change it).
    """
    get_access(user, refresh=refresh)
    if not type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("You may not save this record outside the units you work for."))


def locked(queryset: models.QuerySet, pk: Any) -> models.Model:
    """The record `pk` of `queryset`, read again under a row lock inside the caller's transaction:
    one a concurrent write removed meanwhile (a parent deleted with its parts) answers 404, not 500."""
    from django.http import Http404

    # The lock on the row itself (a restricted queryset may join or be distinct: no FOR UPDATE).
    found = queryset.model._base_manager.select_for_update().filter(pk=pk).first()
    if found is None or not queryset.filter(pk=pk).exists():
        raise Http404
    return found
