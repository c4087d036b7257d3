"""The analytic store of the public record: Parquet files under var/, queried with DuckDB.

Each import writes a complete new snapshot (one Parquet file per table) in a new directory, then
switches the CURRENT pointer with an atomic rename: a file that fails to read adds nothing, and a reader
never sees half an import. Documents are keyed by office, publication number and kind (the application
is data): two different documents never share a key, so none is dropped. A record with the key of one
already held replaces it only when it is the same document — the same application (a later version of
the publication) or a record the source marks as amended (INPI's amended-record files); a record with
the key of another application's document is a conflict, reported with its file, document and field,
and the file is refused. The same file imported twice leaves the store as it was (a file already
imported, by content hash, is skipped).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.dispatch import Signal

from valo.officedata.readers import records_of
from valo.officedata.records import OfficeDataError, PublicationRecord

SCHEMAS = {
    "publications": pa.schema(
        [
            ("doc_key", pa.string()),
            ("office", pa.string()),
            ("publication_number", pa.string()),
            ("kind", pa.string()),
            ("publication_date", pa.date32()),
            ("application_number", pa.string()),
            ("filing_date", pa.date32()),
            ("earliest_priority", pa.date32()),
            ("priority_count", pa.int32()),
            ("family_id", pa.string()),
            ("status", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("position", pa.int32()),  # the record's place in its file (1 for the first)
        ]
    ),
    "titles": pa.schema(
        [("doc_key", pa.string()), ("language", pa.string()), ("title", pa.string())]
    ),
    "applicants": pa.schema(
        [
            ("doc_key", pa.string()),
            ("sequence", pa.int32()),
            ("raw_name", pa.string()),
            ("identifier", pa.string()),
            ("country", pa.string()),
            ("data_format", pa.string()),
        ]
    ),
    # Every name of every party in every data format the source gives (OPS epodoc and original).
    "names": pa.schema(
        [
            ("doc_key", pa.string()),
            ("role", pa.string()),  # applicant, inventor
            ("data_format", pa.string()),
            ("sequence", pa.int32()),
            ("name", pa.string()),
            ("country", pa.string()),
            ("identifier", pa.string()),
            ("city", pa.string()),
            ("postcode", pa.string()),
        ]
    ),
    "classes": pa.schema(
        [("doc_key", pa.string()), ("scheme", pa.string()), ("code", pa.string())]
    ),
    "priorities": pa.schema(
        [
            ("doc_key", pa.string()),
            ("country", pa.string()),
            ("number", pa.string()),
            ("date", pa.date32()),
        ]
    ),
}


# Tables other apps derive from a snapshot live in this folder of it (one Parquet file each).
DERIVED = "derived"
# Sent once a command has changed the store (imported or removed files): derived tables are rebuilt.
store_changed = Signal()

# How often (in documents) an import reports its progress.
PROGRESS_EVERY = 200


def store_root() -> Path:
    return Path(settings.VAR_DIR) / "officedata" / "store"


def doc_key(record: PublicationRecord) -> str:
    """What tells documents apart: office, publication number and kind."""
    publication = record.publication
    return f"{publication.country}|{publication.number}|{publication.kind}"


def _conflict(record: PublicationRecord, held: str) -> OfficeDataError:
    return OfficeDataError(
        record.source,
        str(record.publication),
        "application-reference",
        f"publication {record.publication} is already held for application {held}, and this record "
        f"gives application {record.application.number if record.application else '?'} without "
        "being marked as an amendment: two documents cannot share a publication number; nothing "
        "of this file was imported",
    )


def _rows(
    records: Iterable[PublicationRecord], progress: Any = None
) -> dict[str, list[dict[str, Any]]]:
    """The tables' new rows; a later record of the same document in the file replaces the earlier
    one, a record of another application under the same publication number refuses the file."""
    # document key → its rows in each table: a later record of the same document replaces them
    documents: dict[str, dict[str, list[dict[str, Any]]]] = {}
    applications: dict[str, str] = {}
    limit = settings.VALO_OFFICEDATA_MAX_DOCUMENTS
    for count, record in enumerate(records, start=1):
        if count > limit:
            raise OfficeDataError(
                record.source,
                str(record.publication),
                "documents",
                f"more than {limit} documents in one file (VALO_OFFICEDATA_MAX_DOCUMENTS): split it",
            )
        application = record.application
        if application is None:
            raise OfficeDataError(
                record.source, str(record.publication), "application-reference", "missing"
            )
        key = doc_key(record)
        if key in applications:
            if applications[key] != application.number and record.status != "AMENDED":
                raise _conflict(record, applications[key])
            del documents[key]  # re-inserted last: the later version's place in the file
        applications[key] = application.number
        tables: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
        documents[key] = tables
        dates = [p.date for p in record.priorities if p.date]
        tables["publications"].append(
            {
                "doc_key": key,
                "office": record.publication.country,
                "publication_number": record.publication.number,
                "kind": record.publication.kind,
                "publication_date": record.publication.date,
                "application_number": application.number,
                "filing_date": application.date,
                "earliest_priority": min([*dates, application.date])
                if application.date
                else (min(dates) if dates else None),
                "priority_count": len(record.priorities),
                "family_id": record.family_id,
                "status": record.status,
                "title": record.title("fr", "en"),
                "source": record.source,
                "position": count,
            }
        )
        tables["titles"] += [
            {"doc_key": key, "language": language, "title": title}
            for language, title in record.titles.items()
            if title
        ]
        tables["applicants"] += [
            {
                "doc_key": key,
                "sequence": p.sequence,
                "raw_name": p.name,
                "identifier": p.identifier,
                "country": p.country,
                "data_format": p.data_format,
            }
            for p in record.applicants
        ]
        tables["names"] += [
            {
                "doc_key": key,
                "role": role,
                "data_format": p.data_format,
                "sequence": p.sequence,
                "name": p.name,
                "country": p.country,
                "identifier": p.identifier,
                "city": p.city,
                "postcode": p.postcode,
            }
            for role, parties in (
                ("applicant", record.applicant_names),
                ("inventor", record.inventor_names),
            )
            for p in parties
        ]
        tables["classes"] += [
            {"doc_key": key, "scheme": scheme, "code": code}
            for scheme, codes in (("IPC", record.ipc), ("CPC", record.cpc))
            for code in codes
        ]
        tables["priorities"] += [
            {"doc_key": key, "country": p.country, "number": p.number, "date": p.date}
            for p in record.priorities
        ]
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    return {name: [row for rows in documents.values() for row in rows[name]] for name in SCHEMAS}


def _kept(con: duckdb.DuckDBPyConnection, name: str, schema: pa.Schema, without: str) -> pa.Table:
    """The rows of table `name` whose document is not in table `without`; a snapshot written before
    a column existed reads it as empty."""
    present = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
    columns = ", ".join(f.name if f.name in present else f"NULL AS {f.name}" for f in schema)
    query = f"SELECT {columns} FROM {name} WHERE doc_key NOT IN (SELECT doc_key FROM {without})"
    return con.sql(query).to_arrow_table().cast(schema)


@dataclass
class ImportResult:
    """What an import did: documents read, added, replaced (amended or a later version)."""

    file: str
    documents: int
    skipped: bool = False
    added: int = 0
    replaced: int = 0
    # Originals not written because the store holds their amended record.
    kept_amended: int = 0


class AnalyticStore:
    """The store under `root` (var/officedata/store by default)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or store_root()

    # --- layout ---------------------------------------------------------------------------------

    @property
    def current(self) -> Path | None:
        pointer = self.root / "CURRENT"
        return self.root / pointer.read_text().strip() if pointer.exists() else None

    def manifest(self) -> list[dict[str, Any]]:
        current = self.current
        path = current / "manifest.json" if current else None
        return json.loads(path.read_text()) if path and path.exists() else []

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with one view per table over the current snapshot (empty if none),
        and one per derived table written for that snapshot."""
        con = duckdb.connect()
        current = self.current
        for name, schema in SCHEMAS.items():
            path = current / f"{name}.parquet" if current else None
            if path and path.exists():
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
            else:
                con.register(name, schema.empty_table())
        for path in sorted((current / DERIVED).glob("*.parquet")) if current else []:
            con.execute(f"CREATE VIEW {path.stem} AS SELECT * FROM read_parquet('{path}')")
        return con

    # --- derived tables ---------------------------------------------------------------------------

    def derived_metadata(self, name: str) -> dict[str, str]:
        """The metadata a derived table of the current snapshot was written with ({} if none)."""
        current = self.current
        path = current / DERIVED / f"{name}.parquet" if current else None
        if path is None or not path.exists():
            return {}
        metadata = pq.read_schema(path).metadata or {}
        return {k.decode(): v.decode() for k, v in metadata.items() if not k.startswith(b"ARROW")}

    def write_derived(self, name: str, table: pa.Table, metadata: dict[str, str]) -> bool:
        """Keep a table another app derives from the current snapshot (a harmonisation, say) beside
        it, with `metadata` saying what it was derived from; it goes when the snapshot goes. Written
        whole then renamed, so a reader sees the old table or the new one. False when the snapshot
        was replaced meanwhile (the table is then stale and not kept)."""
        current = self.current
        if current is None:
            return False
        folder = current / DERIVED
        try:
            folder.mkdir(exist_ok=True)
            partial = folder / f".{name}.{os.getpid()}.parquet"
            pq.write_table(table.replace_schema_metadata(metadata), partial)
            os.replace(partial, folder / f"{name}.parquet")
        except FileNotFoundError:
            return False
        return self.current == current

    # --- import ---------------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        *,
        progress: Any = None,
        encoding: str | None = None,
        report: Any = None,
    ) -> ImportResult:
        """Add one file's documents, or nothing (OfficeDataError names file, document and field).
        A text file is read in `encoding` (detected when not given); `report` hears how."""
        path = Path(path)
        size = path.stat().st_size
        if size > settings.VALO_OFFICEDATA_MAX_BYTES:
            raise OfficeDataError(
                path.name,
                "",
                "size",
                f"{size} bytes, more than the {settings.VALO_OFFICEDATA_MAX_BYTES} an import reads "
                "(VALO_OFFICEDATA_MAX_MB): split it",
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        # Reads the whole file before anything is written.
        new = _rows(records_of(path, encoding=encoding, report=report), progress)
        with self._import_lock():
            return self._write(path, digest, new)

    @contextlib.contextmanager
    def _import_lock(self) -> Iterator[None]:
        """One import at a time writes the store (another waits for it): each new snapshot starts
        from the last one, so no import's manifest entry or documents are lost. Snapshots a killed
        import left behind are removed under the lock."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".import.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                current = self.current
                for orphan in self.root.glob("snapshot-*"):
                    if orphan != current:
                        shutil.rmtree(orphan, ignore_errors=True)
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, path: Path, digest: str, new: dict[str, list[dict[str, Any]]]) -> ImportResult:
        manifest = self.manifest()
        if any(entry["sha256"] == digest for entry in manifest):
            return ImportResult(path.name, 0, skipped=True)
        snapshot = Path(tempfile.mkdtemp(prefix="snapshot-", dir=self.root))
        try:
            con = self.connect()
            keys = {row["doc_key"] for row in new["publications"]}
            found = con.execute(
                "SELECT doc_key, application_number, status FROM publications "
                "WHERE doc_key IN (SELECT unnest(?))",
                [sorted(keys)],
            ).fetchall()
            held = {key: number for key, number, _status in found}
            amended = {key for key, _number, status in found if status == "AMENDED"}
            for row in new["publications"]:
                key = row["doc_key"]
                if (
                    key in held
                    and held[key] != row["application_number"]
                    and (row["status"] != "AMENDED")
                ):
                    raise OfficeDataError(
                        path.name,
                        f"{row['office']}{row['publication_number']}{row['kind']}",
                        "application-reference",
                        f"publication already held for application {held[key]}; this file gives "
                        f"application {row['application_number']} without marking it amended: "
                        "two documents cannot share a publication number; nothing of this file "
                        "was imported",
                    )
            # An amended record is never superseded by its original, whatever the import order
            # (a weekly new-records file imported after its amended-records file).
            superseded = {
                row["doc_key"]
                for row in new["publications"]
                if row["doc_key"] in amended and row["status"] != "AMENDED"
            }
            keys -= superseded
            con.register("new_keys", pa.table({"doc_key": pa.array(sorted(keys), pa.string())}))
            for name, schema in SCHEMAS.items():
                kept = _kept(con, name, schema, "new_keys")
                added = pa.Table.from_pylist(
                    [row for row in new[name] if row["doc_key"] not in superseded], schema=schema
                )
                pq.write_table(pa.concat_tables([kept, added]), snapshot / f"{name}.parquet")
            con.close()
            entry = {
                "file": path.name,
                "sha256": digest,
                "documents": len(new["publications"]),
                "imported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            }
            (snapshot / "manifest.json").write_text(json.dumps([*manifest, entry], indent=1))
            self._switch(snapshot)
        except BaseException:
            shutil.rmtree(snapshot, ignore_errors=True)
            raise
        replaced = sum(
            1 for row in new["publications"] if row["doc_key"] in held and row["doc_key"] in keys
        )
        return ImportResult(
            path.name,
            len(new["publications"]),
            added=len(new["publications"]) - replaced - len(superseded),
            replaced=replaced,
            kept_amended=len(superseded),
        )

    def remove(self, file: str) -> int:
        """Take an imported file's documents out of the store (those a later file replaced are that
        file's now, and stay), and its manifest entry; returns the documents removed."""
        with self._import_lock():
            manifest = self.manifest()
            if not any(entry["file"] == file for entry in manifest):
                raise OfficeDataError(file, "", "file", "no file of that name was imported")
            snapshot = Path(tempfile.mkdtemp(prefix="snapshot-", dir=self.root))
            try:
                con = self.connect()
                con.execute(
                    "CREATE TEMP TABLE gone AS SELECT doc_key FROM publications "
                    "WHERE source = ? OR starts_with(source, ?)",
                    [file, f"{file}/"],
                )
                removed = con.execute("SELECT count(*) FROM gone").fetchone()[0]
                for name, schema in SCHEMAS.items():
                    kept = _kept(con, name, schema, "gone")
                    pq.write_table(kept, snapshot / f"{name}.parquet")
                con.close()
                rest = [entry for entry in manifest if entry["file"] != file]
                (snapshot / "manifest.json").write_text(json.dumps(rest, indent=1))
                self._switch(snapshot)
            except BaseException:
                shutil.rmtree(snapshot, ignore_errors=True)
                raise
        return removed

    def _switch(self, snapshot: Path) -> None:
        """Point CURRENT at `snapshot` atomically and remove the previous one."""
        previous = self.current
        pointer = self.root / "CURRENT.tmp"
        pointer.write_text(snapshot.name)
        os.replace(pointer, self.root / "CURRENT")
        if previous is not None and previous != snapshot:
            shutil.rmtree(previous, ignore_errors=True)


def store_health() -> tuple[bool, str]:
    """The analytic store answers a query over its current snapshot (an empty store is healthy)."""
    store = AnalyticStore()
    if store.current is None:
        return True, "empty"
    count = store.connect().execute("SELECT count(*) FROM publications").fetchone()[0]
    return True, f"{count} publications"
