"""valo recompute_deadlines: bring every application's computed deadlines in step with the rules
(after a rule, a calendar closure or many dates changed)."""

from __future__ import annotations

from typing import Any

from valo.core.management.base import LoggedCommand
from valo.patents import engine
from valo.patents.models import PatentApplication

BATCH = 2000


class Command(LoggedCommand):
    help = "Recompute the computed deadlines of every patent application."

    def handle(self, *args: Any, **options: Any) -> None:
        rules = engine.load_rules()
        calendars = engine.load_calendars(rules)
        totals = {"created": 0, "updated": 0, "removed": 0}
        applications = PatentApplication.objects.select_related("family").prefetch_related(
            "priority_claims", "validations"
        )
        ids = list(applications.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = applications.filter(pk__in=ids[start : start + BATCH])
            for key, value in engine.sync(batch, rules, calendars).items():
                totals[key] += value
        self.stdout.write(
            f"{len(ids)} applications: {totals['created']} deadlines created, "
            f"{totals['updated']} moved, {totals['removed']} removed."
        )
