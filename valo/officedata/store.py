"""The analytic store of the public record: Parquet files under var/, queried with DuckDB.

Append-only: each import writes the rows its file adds — and only those — as a batch (one Parquet
file per table under batches/<n>/, written under a temporary name, then renamed), then a new snapshot
(a directory holding the manifest that lists the batches, and the tables other apps derive from them)
and switches the CURRENT pointer to it with an atomic rename. A killed import leaves an unlisted
partial batch that the next write removes; a reader works on the snapshot it opened (its views name
that snapshot's batches), so it never sees half an import. An import's cost is what its file adds,
plus reading the keys it touches.

Supersession happens at read time, as views: of the rows of one document (office, publication number
and kind; the application is data) the view keeps an amended record (INPI's amended-record files) over
any other, else the latest batch's. A record with the key of another application's document is a
conflict, reported with its file, document and field, and the file is refused; an original whose
amended record is held is not written. The same file imported twice is skipped (by content hash).
`compact()` rewrites every batch into one holding only the rows the views show: no answer changes.
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
from valo.officedata.records import LegalEventRecord, OfficeDataError, PublicationRecord

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
            ("inpadoc_family_id", pa.string()),
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
    # INPADOC legal events (OPS legal responses), by the document they concern: facts added to it,
    # whether or not the store holds that document's bibliographic record.
    "legal_events": pa.schema(
        [
            ("doc_key", pa.string()),
            ("code", pa.string()),
            ("description", pa.string()),
            ("date", pa.date32()),
            ("country", pa.string()),
            ("source", pa.string()),
        ]
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


# The batches of rows each import adds, one folder each (one Parquet file per table).
BATCHES = "batches"
# Every row of a batch carries its batch's sequence number: the latest wins at read time.
BATCH_FIELD = pa.field("batch", pa.int32())
# Tables other apps derive from a snapshot live in this folder of it (one Parquet file each).
DERIVED = "derived"
# Sent once a command has changed the store (imported or removed files): derived tables are rebuilt.
store_changed = Signal()

# How often (in documents) an import reports its progress.
PROGRESS_EVERY = 200


def store_root() -> Path:
    return Path(settings.VAR_DIR) / "officedata" / "store"


def doc_key(record: PublicationRecord | LegalEventRecord) -> str:
    """What tells documents apart: office, publication number and kind (of a record, or of the
    document a legal event concerns)."""
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
    records: Iterable[PublicationRecord | LegalEventRecord], progress: Any = None
) -> dict[str, list[dict[str, Any]]]:
    """The tables' new rows; a later record of the same document in the file replaces the earlier
    one, a record of another application under the same publication number refuses the file."""
    # document key → its rows in each table: a later record of the same document replaces them
    documents: dict[str, dict[str, list[dict[str, Any]]]] = {}
    applications: dict[str, str] = {}
    limit = settings.VALO_OFFICEDATA_MAX_DOCUMENTS
    events: list[dict[str, Any]] = []
    count = 0
    for record in records:
        if isinstance(record, LegalEventRecord):
            events.append(
                {
                    "doc_key": doc_key(record),
                    "code": record.code,
                    "description": record.description,
                    "date": record.date,
                    "country": record.country,
                    "source": record.source,
                }
            )
            continue
        count += 1
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
                "inpadoc_family_id": record.inpadoc_family_id,
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
    tables = {name: [row for rows in documents.values() for row in rows[name]] for name in SCHEMAS}
    tables["legal_events"] = events
    return tables


def _digest(path: Path, files: list[Path]) -> str:
    """The content hash of a file, or of a folder's files (their names and contents)."""
    digest = hashlib.sha256()
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _sql_type(field: pa.Field) -> str:
    """The SQL type (DuckDB's and Spark's) of a column a batch written before it existed lacks."""
    return {pa.int32(): "INT", pa.date32(): "DATE"}.get(field.type, "STRING")


# The store's views, in SQL that DuckDB and Spark SQL both run (over views all_<table> of every
# batch's rows): of each document's rows, an amended record wins, else the latest batch's.
WINNERS_SQL = (
    "SELECT doc_key, batch FROM (SELECT doc_key, batch, row_number() OVER (PARTITION BY doc_key "
    "ORDER BY status = 'AMENDED' DESC, batch DESC) AS r FROM all_publications) ranked WHERE r = 1"
)


# Tables of facts added to a document rather than versions of it: their view keeps every distinct
# row of every batch (the same event from two files once), not the winning batch's.
ADDITIVE = frozenset({"legal_events"})


def view_sql(name: str, present: set[str]) -> str:
    """The view of table `name`: its winning rows; `present`: the columns the batches have (the
    others read as NULL)."""
    columns = ", ".join(
        f"t.{f.name}" if f.name in present else f"CAST(NULL AS {_sql_type(f)}) AS {f.name}"
        for f in SCHEMAS[name]
    )
    if name in ADDITIVE:
        keys = [f.name for f in SCHEMAS[name] if f.name != "source"]
        return (
            f"SELECT {', '.join(keys)}, min(source) AS source FROM (SELECT {columns} "
            f"FROM all_{name} t) rows GROUP BY {', '.join(keys)}"
        )
    return (
        f"SELECT {columns} FROM all_{name} t "
        "JOIN winners w ON t.doc_key = w.doc_key AND t.batch = w.batch"
    )


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
    # INPADOC legal events the file gives (of documents held or not).
    events: int = 0


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
        """A DuckDB connection with one view per table over the current snapshot's batches (empty
        tables if none) — each document's winning rows only — and one per derived table."""
        con = duckdb.connect()
        current = self.current
        for name, schema in SCHEMAS.items():
            sources = self._sources(name)
            if sources:
                con.execute(f"CREATE VIEW all_{name} AS {' UNION ALL BY NAME '.join(sources)}")
            else:
                con.register(f"all_{name}", schema.append(BATCH_FIELD).empty_table())
        con.execute(f"CREATE VIEW winners AS {WINNERS_SQL}")
        for name in SCHEMAS:
            present = {row[0] for row in con.execute(f"DESCRIBE all_{name}").fetchall()}
            con.execute(f"CREATE VIEW {name} AS {view_sql(name, present)}")
        for path in sorted((current / DERIVED).glob("*.parquet")) if current else []:
            con.execute(f"CREATE VIEW {path.stem} AS SELECT * FROM read_parquet('{path}')")
        return con

    @staticmethod
    def _batches(manifest: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The manifest's batches, once each (compacted files share one), in import order."""
        seen: dict[str, dict[str, Any]] = {}
        for entry in manifest:
            if "batch" in entry:
                seen.setdefault(entry["batch"], entry)
        return sorted(seen.values(), key=lambda e: e["seq"])

    def publication_years(self) -> list[int]:
        """The years of publication the store holds, in order (none when empty)."""
        if self.current is None:
            return []
        found = self.connect().execute(
            "SELECT DISTINCT year(publication_date) FROM publications "
            "WHERE publication_date IS NOT NULL ORDER BY 1"
        )
        return [year for (year,) in found.fetchall()]

    def batch_files(self, name: str) -> list[Path]:
        """The Parquet files of table `name` in the current snapshot (another engine reads them:
        rows without a `batch` column, of the earlier layout, are batch 0)."""
        current = self.current
        legacy = current / f"{name}.parquet" if current else None
        if legacy is not None and legacy.exists():
            return [legacy]
        files = [self._batch_dir(e) / f"{name}.parquet" for e in self._batches(self.manifest())]
        return [path for path in files if path.exists()]

    def _sources(self, name: str) -> list[str]:
        """SELECTs of table `name` over the current batches (one scan of every batch's file; a
        snapshot of the earlier layout, adopted at the next write, reads as batch 0)."""
        files = self.batch_files(name)
        if not files:
            return []
        if files[0].parent == self.current:
            return [f"SELECT *, 0::INTEGER AS batch FROM read_parquet('{files[0]}')"]
        listed = ", ".join(f"'{path}'" for path in files)
        return [f"SELECT * FROM read_parquet([{listed}], union_by_name = true)"]

    def _batch_dir(self, entry: dict[str, Any]) -> Path:
        return self.root / BATCHES / entry["batch"]

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
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        size = sum(f.stat().st_size for f in files)
        if size > settings.VALO_OFFICEDATA_MAX_BYTES:
            raise OfficeDataError(
                path.name,
                "",
                "size",
                f"{size} bytes, more than the {settings.VALO_OFFICEDATA_MAX_BYTES} an import reads "
                "(VALO_OFFICEDATA_MAX_MB): split it",
            )
        digest = _digest(path, files)
        # Reads the whole file before anything is written.
        new = _rows(records_of(path, encoding=encoding, report=report), progress)
        with self._import_lock():
            return self._write(path, digest, new)

    @contextlib.contextmanager
    def _import_lock(self) -> Iterator[None]:
        """One write at a time (another waits for it): each new manifest starts from the last one,
        so no import's entry or documents are lost. What a killed write left behind — a partial
        batch, a snapshot never switched to — and the batches no manifest lists any more are
        removed under the lock; a store written before batches existed is adopted as batch 0."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".import.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                self._adopt_single_snapshot()
                current = self.current
                for orphan in self.root.glob("snapshot-*"):
                    if orphan != current:
                        shutil.rmtree(orphan, ignore_errors=True)
                listed = {entry["batch"] for entry in self.manifest()}
                for batch in (self.root / BATCHES).glob("*"):
                    if batch.name not in listed:
                        shutil.rmtree(batch, ignore_errors=True)
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _adopt_single_snapshot(self) -> None:
        """A snapshot of the earlier layout (whole tables beside its manifest) becomes batch 0."""
        current = self.current
        if current is None or not (current / "publications.parquet").exists():
            return
        name = "000000-adopted"
        target = self.root / BATCHES / name
        partial = self.root / BATCHES / f".partial-{name}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for table in SCHEMAS:
            path = current / f"{table}.parquet"
            if path.exists():
                rows = pq.read_table(path)
                pq.write_table(
                    rows.append_column(BATCH_FIELD, pa.array([0] * rows.num_rows, pa.int32())),
                    partial / f"{table}.parquet",
                )
        os.replace(partial, target)
        manifest = [{**entry, "batch": name, "seq": 0} for entry in self.manifest()]
        self._new_snapshot(manifest)

    def _write(self, path: Path, digest: str, new: dict[str, list[dict[str, Any]]]) -> ImportResult:
        manifest = self.manifest()
        if any(entry["sha256"] == digest for entry in manifest):
            return ImportResult(path.name, 0, skipped=True)
        keys = {row["doc_key"] for row in new["publications"]}
        found = self._held(keys)
        held = {key: number for key, number, _status in found}
        amended = {key for key, _number, status in found if status == "AMENDED"}
        for row in new["publications"]:
            key = row["doc_key"]
            if (
                key in held
                and held[key] != row["application_number"]
                and row["status"] != "AMENDED"
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
        # (a weekly new-records file imported after its amended-records file): not written.
        superseded = {
            row["doc_key"]
            for row in new["publications"]
            if row["doc_key"] in amended and row["status"] != "AMENDED"
        }
        keys -= superseded
        seq = max((entry["seq"] for entry in manifest), default=0) + 1
        batch = f"{seq:06d}-{digest[:12]}"
        self._write_batch(
            batch,
            seq,
            {
                # Facts (legal events) are kept whatever becomes of the record they concern.
                name: rows
                if name in ADDITIVE
                else [r for r in rows if r["doc_key"] not in superseded]
                for name, rows in new.items()
            },
        )
        entry = {
            "file": path.name,
            "sha256": digest,
            "documents": len(new["publications"]),
            "imported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "batch": batch,
            "seq": seq,
        }
        self._new_snapshot([*manifest, entry])
        replaced = sum(1 for key in keys if key in held)
        return ImportResult(
            path.name,
            len(new["publications"]),
            added=len(new["publications"]) - replaced - len(superseded),
            replaced=replaced,
            kept_amended=len(superseded),
            events=len(new.get("legal_events", [])),
        )

    def _held(self, keys: set[str]) -> list[tuple[str, str, str]]:
        """(key, application number, status) of the record the store shows for each of `keys`:
        only the publications of the batches are read, only those keys' rows ranked."""
        sources = self._sources("publications")
        if not sources:
            return []
        con = duckdb.connect()
        con.register("new_keys", pa.table({"doc_key": pa.array(sorted(keys), pa.string())}))
        found = con.execute(
            "SELECT doc_key, application_number, status FROM (SELECT doc_key, application_number, "
            "status, row_number() OVER (PARTITION BY doc_key ORDER BY status = 'AMENDED' DESC, "
            f"batch DESC) AS r FROM ({sources[0]}) SEMI JOIN new_keys USING (doc_key)) WHERE r = 1"
        ).fetchall()
        con.close()
        return found

    def _write_batch(self, batch: str, seq: int, rows: dict[str, Any]) -> None:
        """Write a batch's tables (lists of rows or Arrow tables) under a temporary name, then
        rename it: a batch directory is complete or absent."""
        partial = self.root / BATCHES / f".partial-{batch}"
        partial.mkdir(parents=True)
        try:
            for name, schema in SCHEMAS.items():
                table = rows[name]
                if not isinstance(table, pa.Table):
                    table = pa.Table.from_pylist(table, schema=schema)
                for column in schema:  # a batch written before a column existed lacks it
                    if column.name not in table.column_names:
                        table = table.append_column(column, pa.nulls(table.num_rows, column.type))
                table = table.select(schema.names).cast(schema)
                table = table.append_column(
                    BATCH_FIELD, pa.array([seq] * table.num_rows, pa.int32())
                )
                pq.write_table(table, partial / f"{name}.parquet")
            os.replace(partial, self.root / BATCHES / batch)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise

    def _new_snapshot(
        self, manifest: list[dict[str, Any]], derived_from: Path | None = None
    ) -> None:
        snapshot = Path(tempfile.mkdtemp(prefix="snapshot-", dir=self.root))
        try:
            (snapshot / "manifest.json").write_text(json.dumps(manifest, indent=1))
            if derived_from is not None and (derived_from / DERIVED).exists():
                shutil.copytree(derived_from / DERIVED, snapshot / DERIVED)
            self._switch(snapshot)
        except BaseException:
            shutil.rmtree(snapshot, ignore_errors=True)
            raise

    def remove(self, file: str) -> int:
        """Take an imported file out of the store: its batch is no longer listed (a document it had
        replaced shows its earlier record again; one a later file replaced stays as that file's);
        returns the documents it provided."""
        with self._import_lock():
            manifest = self.manifest()
            entry = next((e for e in manifest if e["file"] == file), None)
            if entry is None:
                raise OfficeDataError(file, "", "file", "no file of that name was imported")
            con = self.connect()
            of_file = "(source = ? OR starts_with(source, ?))"
            removed = con.execute(
                f"SELECT count(*) FROM publications WHERE {of_file}", [file, f"{file}/"]
            ).fetchone()[0]
            rest = [e for e in manifest if e["file"] != file]
            if any(e["batch"] == entry["batch"] for e in rest):
                # Compacted with other files: the batch again, without this file's documents.
                seq = max(e["seq"] for e in manifest) + 1
                batch = f"{seq:06d}-compacted"
                gone = con.execute(
                    f"SELECT doc_key FROM all_publications WHERE batch = ? AND {of_file}",
                    [entry["seq"], file, f"{file}/"],
                ).fetchall()
                keys = pa.array([key for (key,) in gone], pa.string())
                con.register("gone", pa.table({"doc_key": keys}))
                sources = con.execute(
                    f"SELECT DISTINCT source FROM all_legal_events WHERE batch = ? AND {of_file}",
                    [entry["seq"], file, f"{file}/"],
                ).fetchall()
                con.register(
                    "gone_sources",
                    pa.table({"source": pa.array([x for (x,) in sources], pa.string())}),
                )
                kept_rows = {
                    name: "source NOT IN (SELECT source FROM gone_sources)"
                    if name in ADDITIVE
                    else "doc_key NOT IN (SELECT doc_key FROM gone)"
                    for name in SCHEMAS
                }
                tables = {
                    name: con.sql(
                        f"SELECT * EXCLUDE (batch) FROM all_{name} "
                        f"WHERE batch = {int(entry['seq'])} AND {kept_rows[name]}"
                    ).to_arrow_table()
                    for name in SCHEMAS
                }
                self._write_batch(batch, seq, tables)
                rest = [
                    {**e, "batch": batch, "seq": seq} if e["batch"] == entry["batch"] else e
                    for e in rest
                ]
            con.close()
            self._new_snapshot(rest)
        return removed

    def compact(self) -> tuple[int, int]:
        """Rewrite every batch as one holding only the rows the views show; (batches before, after).
        The manifest keeps each file's entry (skip by hash, removal by file still work)."""
        with self._import_lock():
            manifest = self.manifest()
            before = len(self._batches(manifest))
            if before <= 1:
                return before, before
            con = self.connect()
            seq = max(e["seq"] for e in manifest) + 1
            batch = f"{seq:06d}-compacted"
            # Versions: the winning rows; facts: every distinct row with its source (so that removing
            # one file later keeps the copies another file gave).
            tables = {
                name: con.sql(
                    f"SELECT DISTINCT * EXCLUDE (batch) FROM all_{name}"
                    if name in ADDITIVE
                    else f"SELECT * FROM {name}"
                ).to_arrow_table()
                for name in SCHEMAS
            }
            self._write_batch(batch, seq, tables)
            con.close()
            # No answer changes: what other apps derived from the snapshot still holds.
            self._new_snapshot(
                [{**e, "batch": batch, "seq": seq} for e in manifest], derived_from=self.current
            )
        return before, 1

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
