"""Retention of the change log: records older than a date move from the database to compressed JSON
Lines files under VAR_DIR/changelog-archive/, listed with their checksum in index.json, where they
stay readable (`valo changelog_archive --read`). The records are written and checked before they are
deleted, in one transaction: an archive that fails leaves the log as it was. Secrets were sealed when
the records were written, so an archive holds none.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from valo.core.models import ObjectChange

INDEX = "index.json"


class ArchiveError(RuntimeError):
    pass


def archive_dir() -> Path:
    return Path(settings.VAR_DIR) / "changelog-archive"


def index(directory: Path | None = None) -> list[dict[str, Any]]:
    """The archives written, oldest first, with their records' count and checksum."""
    return _index(directory or archive_dir())


def _index(directory: Path) -> list[dict[str, Any]]:
    path = directory / INDEX
    return json.loads(path.read_text()) if path.exists() else []


def _label(content_type: Any) -> str:
    return f"{content_type.app_label}.{content_type.model}" if content_type else ""


def _line(change: ObjectChange) -> dict[str, Any]:
    return {
        "id": change.pk,
        "time": change.time.isoformat(timespec="microseconds"),
        "user_name": change.user_name,
        "request_id": str(change.request_id),
        "source": change.source,
        "action": change.action,
        "object_type": _label(change.content_type),
        "object_id": change.object_id,
        "object_repr": change.object_repr,
        "related_type": _label(change.related_content_type),
        "related_id": change.related_object_id,
        "before": change.prechange_data,
        "after": change.postchange_data,
    }


@dataclass
class ArchiveResult:
    file: Path | None
    records: int


def archive(before: datetime.date, *, today: datetime.date | None = None) -> ArchiveResult:
    """Move the change records of days before `before` to a new archive file."""
    today = today or timezone.localdate()
    keep = datetime.timedelta(days=settings.VALO_CHANGELOG_MIN_RETENTION_DAYS)
    if before > today - keep:
        raise ArchiveError(
            f"{before} is within the {keep.days} days the change log keeps in the database "
            "(VALO_CHANGELOG_MIN_RETENTION_DAYS)"
        )
    limit = timezone.make_aware(datetime.datetime.combine(before, datetime.time.min))
    directory = archive_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        old = ObjectChange.objects.filter(time__lt=limit).order_by("pk")
        records = old.select_related("content_type", "related_content_type")
        count = old.count()
        if not count:
            return ArchiveResult(None, 0)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        final = directory / f"changes-before-{before.isoformat()}-{stamp}.jsonl.gz"
        partial = final.with_suffix(".part")
        digest = hashlib.sha256()
        first = last = None
        with gzip.open(partial, "wt", encoding="utf-8") as out:
            for change in records.iterator(chunk_size=2000):
                out.write(json.dumps(_line(change), ensure_ascii=False, sort_keys=True) + "\n")
                first = change.pk if first is None else first
                last = change.pk
        digest.update(partial.read_bytes())
        written = sum(1 for _ in _lines(partial))
        if written != count:
            partial.unlink()
            raise ArchiveError(f"{written} records written for {count} read: nothing archived")
        os.replace(partial, final)
        entry = {
            "file": final.name,
            "before": before.isoformat(),
            "records": count,
            "first_id": first,
            "last_id": last,
            "sha256": digest.hexdigest(),
        }
        try:
            # Change records are otherwise never deleted: this is the archive's own removal, after
            # the file is complete (by id range: no list of ids, however many records).
            deleted, _kinds = old.filter(pk__range=(first, last)).delete_archived()
            if deleted != count:
                raise ArchiveError(
                    f"{deleted} records deleted for {count} archived: nothing archived"
                )
            (directory / INDEX).write_text(json.dumps([*_index(directory), entry], indent=1))
        except BaseException:
            final.unlink(missing_ok=True)
            raise
    return ArchiveResult(final, count)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def read(name: str, *, object_label: str = "") -> Iterator[dict[str, Any]]:
    """The records of an archive file (checked against its index), optionally of one object
    ("patents.patentfamily:12")."""
    directory = archive_dir()
    entry = next((e for e in _index(directory) if e["file"] == name), None)
    if entry is None:
        raise ArchiveError(f"{name}: no such archive (see {directory / INDEX})")
    path = directory / name
    if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
        raise ArchiveError(f"{name} does not match its checksum: it was changed or damaged")
    kind, _sep, pk = object_label.partition(":")
    for record in _lines(path):
        if not object_label or (record["object_type"] == kind and record["object_id"] == pk):
            yield record
