"""Writes of the portfolio that do more than save one form, called alike by page, API and import."""

from __future__ import annotations

from typing import Any

from valo.patents import engine
from valo.patents.models import PatentApplication


def recompute_deadlines(obj: Any, data: dict[str, Any], user: Any) -> None:
    """An application or one of its parts (priority claim …) was saved: its deadlines follow."""
    engine.sync([obj if isinstance(obj, PatentApplication) else obj.application])
