"""Other dated things due, shown beside the patent deadlines on the deadline board.

Core imports no domain app: an app registers a source in its AppConfig.ready() — a function of
(user, until) returning the DueItems that user may see, due on or before `until` and still open."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DueItem:
    due_date: datetime.date
    label: str
    url: str
    kind: str  # what it is, for the reader: "Contract obligation", "Authorisation expires"…


Source = Callable[[Any, datetime.date], Iterable[DueItem]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def due_items(user: Any, until: datetime.date) -> list[DueItem]:
    """Every registered source's open items for `user`, soonest first."""
    return sorted(
        (item for source in _sources for item in source(user, until)), key=lambda i: i.due_date
    )
