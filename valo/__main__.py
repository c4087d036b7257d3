"""The `valo` command: Django's manage.py for this project.

Every command run through it writes its changes under a change-log context naming the command, so a
management command can never write without leaving a change record (see valo.core.changelog).
"""

from __future__ import annotations

import getpass
import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command with valo's settings and a change-log context."""
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    from valo.core.context import change_context

    command = argv[1] if len(argv) > 1 else "help"
    with change_context(source="command", user_name=f"{command} ({getpass.getuser()})"):
        execute_from_command_line(argv)


if __name__ == "__main__":
    main()
