"""Backup and restore of a whole office: the database (PostgreSQL's native dump, SQLite's online
backup API), the attachments and the analytic store (the directories of VAR_DIR named by
VALO_BACKUP_DIRS), with a manifest that lets a restore prove it gave back what was saved.

A backup is a directory: `database.pgdump` or `database.sqlite3`, `files.tar`, `manifest.json`. The
manifest holds every model's row count, the SHA-256 of every file saved, and a fingerprint of the
change log (each record's id and time, to the microsecond). `restore` loads the database and the files,
recomputes all three and reports each difference.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
FILES = "files.tar"
# Never saved: locks, and snapshots and partial batches an interrupted import left (the store's
# CURRENT snapshot and its batches are saved).
SKIPPED_NAMES = (".import.lock", "CURRENT.tmp")


class BackupError(RuntimeError):
    """A backup or restore that cannot proceed, or a restore that does not give back what was saved."""


def _database_file(vendor: str) -> str:
    return "database.sqlite3" if vendor == "sqlite" else "database.pgdump"


def _pg_args(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _dirs() -> list[Path]:
    return [Path(settings.VAR_DIR) / name for name in settings.VALO_BACKUP_DIRS]


def _current_snapshots() -> set[Path]:
    """The snapshot directories CURRENT pointers name (the others are an interrupted import's)."""
    found = set()
    for pointer in Path(settings.VAR_DIR).rglob("CURRENT"):
        found.add((pointer.parent / pointer.read_text().strip()).resolve())
    return found


def _files() -> list[Path]:
    """The files saved, relative to VAR_DIR."""
    var = Path(settings.VAR_DIR)
    current = _current_snapshots()
    files = []
    for directory in _dirs():
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            if path.name in SKIPPED_NAMES:
                continue
            snapshot = next((p for p in path.parents if p.name.startswith("snapshot-")), None)
            if snapshot is not None and snapshot.resolve() not in current:
                continue
            if any(p.name.startswith(".partial-") for p in path.parents):
                continue  # a batch an interrupted import was writing
            files.append(path.relative_to(var))
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _changelog_fingerprint() -> dict[str, Any]:
    model = apps.get_model("core", "ObjectChange")
    digest = hashlib.sha256()
    count = 0
    for pk, time in model._base_manager.order_by("pk").values_list("pk", "time").iterator():
        digest.update(f"{pk}|{time.isoformat(timespec='microseconds')}\n".encode())
        count += 1
    return {"records": count, "sha256": digest.hexdigest()}


def inventory() -> dict[str, Any]:
    """What a backup must give back: row counts, file checksums, the change log's fingerprint."""
    var = Path(settings.VAR_DIR)
    return {
        "counts": {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
        },
        "files": {str(path): _sha256(var / path) for path in _files()},
        "changelog": _changelog_fingerprint(),
    }


@dataclass
class BackupResult:
    path: Path
    models: int
    rows: int
    files: int


def backup(destination: Path) -> BackupResult:
    """Save the database, the files and the manifest into `destination` (a new directory)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} exists and is not empty: give a new directory")
    destination.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    target = destination / _database_file(vendor)
    connection.ensure_connection()
    if vendor == "sqlite":
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # the online backup API: consistent while in use
        copy.close()
    elif vendor == "postgresql":
        db = connection.settings_dict
        args, env = _pg_args(db)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "-f", str(target), *args, db["NAME"]], env
        )
    else:
        raise BackupError(f"no backup for a {vendor} database")
    manifest = inventory()
    var = Path(settings.VAR_DIR)
    with tarfile.open(destination / FILES, "w") as archive:
        for path in manifest["files"]:
            archive.add(var / path, arcname=path)
    manifest.update(
        {
            "valo": "1",
            "vendor": vendor,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database_sha256": _sha256(target),
        }
    )
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return BackupResult(
        destination,
        len(manifest["counts"]),
        sum(manifest["counts"].values()),
        len(manifest["files"]),
    )


def differences(saved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    found = []
    for label in sorted(set(saved["counts"]) | set(now["counts"])):
        before, after = saved["counts"].get(label), now["counts"].get(label)
        if before != after:
            found.append(f"{label}: {before} rows saved, {after} restored")
    for path in sorted(set(saved["files"]) | set(now["files"])):
        if saved["files"].get(path) != now["files"].get(path):
            found.append(f"file {path}: differs or missing")
    if saved["changelog"] != now["changelog"]:
        found.append("change log: its records or their times differ")
    return found


def restore(source: Path) -> dict[str, Any]:
    """Load a backup into the configured database and VAR_DIR, then verify it: BackupError lists
    every difference from what was saved."""
    source = Path(source)
    try:
        saved = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source}: not a valo backup ({error})") from error
    vendor = connection.vendor
    if saved["vendor"] != vendor:
        raise BackupError(f"the backup is of a {saved['vendor']} database, this one is {vendor}")
    dump = source / _database_file(vendor)
    if _sha256(dump) != saved["database_sha256"]:
        raise BackupError(f"{dump.name} is not the file the backup wrote (checksum)")
    connection.ensure_connection()
    if vendor == "sqlite":
        with sqlite3.connect(dump) as copy:
            copy.backup(connection.connection)
        copy.close()
    else:
        db = connection.settings_dict
        args, env = _pg_args(db)
        connection.close()  # pg_restore drops and recreates the tables
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                db["NAME"],
                *args,
                str(dump),
            ],
            env,
        )
    var = Path(settings.VAR_DIR)
    for directory in _dirs():
        shutil.rmtree(directory, ignore_errors=True)
    with tarfile.open(source / FILES) as archive:
        archive.extractall(var, filter="data")
    now = inventory()
    problems = differences(saved, now)
    if problems:
        raise BackupError("the restore differs from the backup: " + "; ".join(problems))
    return now
