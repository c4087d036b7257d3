"""valo recompute_deadlines: bring every application's computed deadlines in step with the rules
(after a rule, a calendar closure or many dates changed)."""

from __future__ import annotations

from typing import Any

from valo.core.management.base import LoggedCommand
from valo.patents import engine


class Command(LoggedCommand):
    help = "Recompute the computed deadlines of every patent application."

    def handle(self, *args: Any, **options: Any) -> None:
        totals = engine.recompute_all()
        self.stdout.write(
            f"{totals['applications']} applications: {totals['created']} deadlines created, "
            f"{totals['updated']} moved, {totals['removed']} removed."
        )
