"""Imports started from the web page: the uploaded file is kept under VAR_DIR/officedata/uploads/
while it is imported (removed once the import has ended, whatever its outcome: the store holds what it
added, and a refused file is sent again), the import is a job of the job queue (`import_upload`, run
by `valo db_worker`, which must see the same VAR_DIR; the store's own lock orders it with any other
import), and its state — documents done, the reader's estimate, documents per second, time left, then the result or
the fault — is a small JSON file under VAR_DIR/officedata/jobs/, written whole then renamed, so that
any worker answering the page's polling reads it. A worker that stops mid-import leaves the store as
it was (an import is all or nothing) and the job "running": the page says when it last moved."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django_tasks import task

from valo.core.jobs import new_job, read_state, write_state
from valo.officedata.readers import reader_for
from valo.officedata.records import OfficeDataError
from valo.officedata.store import AnalyticStore, store_changed

log = logging.getLogger("valo.officedata")
# The state file is rewritten at most this often while the import runs.
WRITE_EVERY_SECONDS = 0.5


def _root() -> Path:
    return Path(settings.VAR_DIR) / "officedata"


# The jobs' states, under VAR_DIR (valo.core.jobs).
STATES = "officedata/jobs"


def _write(job: str, state: dict[str, Any]) -> None:
    write_state(STATES, job, state)


def state(job: str) -> dict[str, Any] | None:
    """The job's last state, or None for an unknown job."""
    return read_state(STATES, job)


def start(upload: UploadedFile, user_name: str) -> str:
    """Keep the upload and import it in the background; the job's id."""
    job = new_job()
    try:  # the name as sent, made a plain file name ("../x" and the like never leave the folder)
        name = get_valid_filename(Path(upload.name or "upload").name)
    except SuspiciousFileOperation:
        name = "upload"
    folder = _root() / "uploads" / job
    folder.mkdir(parents=True)
    path = folder / name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    _write(job, {"state": "queued", "file": name, "user": user_name, "done": 0, "total": None})
    import_upload.enqueue(job, str(path), user_name)
    return job


@task()
def import_upload(job: str, path_name: str, user_name: str) -> str:
    """The queue's job: import one uploaded file, writing its state as it goes."""
    _run(job, Path(path_name), user_name)
    return state(job)["state"] if state(job) else "gone"


def _run(job: str, path: Path, user_name: str) -> None:
    started = time.monotonic()
    base = {"file": path.name, "user": user_name, "started": time.time()}
    try:
        reader = reader_for(path)
        total = reader.estimate(path)
        last = 0.0

        def progress(done: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= WRITE_EVERY_SECONDS:
                last = now
                _write(
                    job,
                    {
                        **base,
                        "state": "running",
                        "done": done,
                        "total": total,
                        "rate": done / max(now - started, 1e-6),
                    },
                )

        _write(job, {**base, "state": "running", "done": 0, "total": total, "reader": reader.name})
        store = AnalyticStore()
        result = store.import_file(path, progress=progress)
        if not result.skipped:
            store.compact_if_due()
            store_changed.send(sender=AnalyticStore, store=store)
        final = {
            **base,
            "state": "done",
            "done": result.documents,
            "total": result.documents,
            "skipped": result.skipped,
            "added": result.added,
            "replaced": result.replaced,
            "kept_amended": result.kept_amended,
            "events": result.events,
            "seconds": round(time.monotonic() - started, 1),
        }
    except OfficeDataError as error:
        final = {**base, "state": "refused", "error": str(error)}
    except Exception as error:  # reported on the page and in the log, never lost
        log.exception("office-data import %s failed", job)
        final = {**base, "state": "failed", "error": f"{type(error).__name__}: {error}"}
    # The upload is removed before the job says it is over.
    shutil.rmtree(path.parent, ignore_errors=True)
    _write(job, final)
