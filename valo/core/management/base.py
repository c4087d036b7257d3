"""Base of valo's management commands: their writes are logged under the command's name.

The `valo` entry point already opens a context for every command; this base covers commands run by
other means (call_command, a scheduler calling django-admin).
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand

from valo.core.context import change_context


class LoggedCommand(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> Any:
        name = self.__class__.__module__.rsplit(".", 1)[-1]
        with change_context(source="command", user_name=f"{name} ({getpass.getuser()})"):
            return super().execute(*args, **options)
