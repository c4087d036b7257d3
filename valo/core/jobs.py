"""The state of a job of the job queue (django-tasks, run by `valo db_worker`) that a page follows:
a small JSON file under VAR_DIR/<folder>/, written whole then renamed, so that whichever web worker
answers the page's polling reads the last state whole. Apps keep their jobs' own fields in it."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

JOB_ID = re.compile(r"^[0-9a-f]{32}$")


def new_job() -> str:
    """A job's id: what its page's address holds (never guessable from another's)."""
    return uuid.uuid4().hex


def _path(folder: str, job: str) -> Path:
    return Path(settings.VAR_DIR) / folder / f"{job}.json"


def write_state(folder: str, job: str, state: dict[str, Any]) -> None:
    """The job's new state (with the time it was written, `updated`)."""
    path = _path(folder, job)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_text(json.dumps({**state, "updated": time.time()}))
    os.replace(partial, path)


def read_state(folder: str, job: str) -> dict[str, Any] | None:
    """The job's last state, or None for an unknown job (or a value that is no job's id)."""
    if not JOB_ID.match(job):
        return None
    try:
        return json.loads(_path(folder, job).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
