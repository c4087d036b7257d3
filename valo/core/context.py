"""Who is changing things, from where: the context every change record is written under.

A web or API request gets one from ChangeContextMiddleware, a command from the `valo` entry point or
LoggedCommand, an import from the importer. Writes outside any context are still logged, as "system".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

SOURCES = ("web", "api", "admin", "command", "import", "system")


@dataclass
class ChangeContext:
    """The actor and origin of the changes made while it is active."""

    source: str
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    user: Any = None
    user_name: str = ""
    request: Any = None

    def resolve_user(self) -> tuple[Any, str]:
        """The user (or None) and a name that stays readable after the user is deleted."""
        user = self.user
        if user is None and self.request is not None:
            # DRF authenticates inside the view and sets the user on the underlying request.
            user = getattr(self.request, "user", None)
        if user is not None and not getattr(user, "is_authenticated", False):
            user = None
        if user is not None:
            return user, self.user_name or user.get_username()
        return None, self.user_name or self.source


_current: ContextVar[ChangeContext | None] = ContextVar("valo_change_context", default=None)


def current_context() -> ChangeContext:
    """The active context, or a fresh "system" one when nothing set it."""
    return _current.get() or ChangeContext(source="system", user_name="system")


@contextmanager
def change_context(
    *,
    source: str,
    user: Any = None,
    user_name: str = "",
    request: Any = None,
    request_id: uuid.UUID | None = None,
) -> Iterator[ChangeContext]:
    """Make every change in the block carry this actor, source and request id."""
    if source not in SOURCES:
        raise ValueError(f"unknown change source {source!r}")
    ctx = ChangeContext(
        source=source,
        request_id=request_id or uuid.uuid4(),
        user=user,
        user_name=user_name,
        request=request,
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


_silenced: ContextVar[bool] = ContextVar("valo_notifications_silenced", default=False)


@contextmanager
def notifications_silenced() -> Iterator[None]:
    """Raise no notification in the block: history being loaded (the demo, a migration of old
    records) is not news to anyone."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def notifications_are_silenced() -> bool:
    return _silenced.get()
