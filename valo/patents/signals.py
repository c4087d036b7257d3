"""After `migrate`: when a migration that changes the rules or calendars was applied (it says so with
`recompute_deadlines = True`), every stored deadline is recomputed by the logged command, with the
models as they stand once every migration has run."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command


def recompute_after_migrate(plan: list[tuple[Any, bool]] | None = None, **kwargs: Any) -> None:
    if not plan or not any(
        getattr(migration, "recompute_deadlines", False) and not backwards
        for migration, backwards in plan
    ):
        return
    from valo.patents.models import PatentApplication

    if PatentApplication.objects.using(kwargs.get("using", "default")).exists():
        call_command("recompute_deadlines", stdout=kwargs.get("stdout"))
