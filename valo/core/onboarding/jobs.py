"""A page's import of a spreadsheet, off the web worker: the preview (the import run and rolled
back) and then, once confirmed, the import itself are each a job of the job queue (`run_import`, run
by `valo db_worker`), followed by the page through the job's state (valo.core.jobs): queued, running,
then done with what the rows became (the first REPORTED_ROWS of them, and the counts of all), or
refused with every fault, or failed. The file waits in the default storage between the preview and
its confirmation (for PENDING_SECONDS) and is deleted once imported or refused."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.utils import translation
from django_tasks import task

from valo.core.imports import ImportFailed
from valo.core.jobs import new_job, read_state, write_state
from valo.core.onboarding.kinds import ImportKind, kinds
from valo.core.onboarding.run import RowOutcome, run

log = logging.getLogger("valo.onboarding")
STATES = "imports/jobs"
# The rows a page shows (the counts are of every row).
REPORTED_ROWS = 500


@dataclass(frozen=True)
class JobReport:
    """What a finished job says of the file: as onboarding.Report for the page, its rows cut."""

    kind: ImportKind
    file_name: str
    outcomes: tuple[RowOutcome, ...]
    committed: bool
    counts: dict[str, int]
    total: int


def start(kind: ImportKind, file_name: str, path: str, user: Any, *, commit: bool) -> str:
    """Queue the preview (commit=False) or the import of the file kept at `path`; the job's id."""
    job = new_job()
    write_state(
        STATES,
        job,
        {
            "state": "queued",
            "kind": kind.code,
            "file": file_name,
            "path": path,
            "user": user.pk,
            "commit": commit,
            "language": translation.get_language(),
        },
    )
    run_import.enqueue(job)
    return job


def state(job: str) -> dict[str, Any] | None:
    return read_state(STATES, job)


def report(state: dict[str, Any]) -> JobReport | None:
    """A finished job's report, or None."""
    if state.get("state") != "done":
        return None
    outcomes = tuple(
        RowOutcome(o["row"], o["key"], o["action"], o["record"], tuple(o["changed"]))
        for o in state["outcomes"]
    )
    return JobReport(
        kinds()[state["kind"]],
        state["file"],
        outcomes,
        state["commit"],
        state["counts"],
        state["total"],
    )


@task()
def run_import(job: str) -> str:
    """The queue's job: the preview or the import of one file, its state written as it goes."""
    found = state(job)
    if found is None:
        return "gone"
    started = time.monotonic()
    write_state(STATES, job, {**found, "state": "running"})
    try:
        user = get_user_model().objects.get(pk=found["user"])
        with translation.override(found.get("language")):
            with default_storage.open(found["path"], "rb") as stream:
                done = run(
                    kinds()[found["kind"]], found["file"], stream, user=user, commit=found["commit"]
                )
            final = {
                **found,
                "state": "done",
                "counts": done.counts,
                "total": len(done.outcomes),
                "outcomes": [
                    {
                        "row": o.row,
                        "key": o.key,
                        "action": o.action,
                        "record": o.record,
                        "changed": list(o.changed),
                    }
                    for o in done.outcomes[:REPORTED_ROWS]
                ],
            }
    except ImportFailed as failure:
        with translation.override(found.get("language")):
            final = {**found, "state": "refused", "faults": [str(f) for f in failure.faults]}
    except Exception as error:  # reported on the page and in the log, never lost
        log.exception("import job %s failed", job)
        final = {**found, "state": "failed", "error": f"{type(error).__name__}: {error}"}
    if found["commit"] or final["state"] != "done":
        default_storage.delete(found["path"])  # a preview's file waits for its confirmation
    final["seconds"] = round(time.monotonic() - started, 1)
    write_state(STATES, job, final)
    return final["state"]
