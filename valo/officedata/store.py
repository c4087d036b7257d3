"""The analytic store of the public record: Parquet files under var/, queried with DuckDB.

Append-only: each import writes the rows its file adds — and only those — as a batch (one Parquet
file per table under batches/<n>/, written under a temporary name, then renamed; a source read in
chunks, a PATSTAT edition, as one batch per chunk), then a new snapshot
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

import collections
import concurrent.futures
import contextlib
import datetime
import fcntl
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.conf import settings
from django.dispatch import Signal

from valo.officedata.readers import reader_for, records_of
from valo.officedata.records import (
    DocumentRows,
    LegalEventRecord,
    OfficeDataError,
    PublicationRecord,
)

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
            # The document's fields a ranking selects on, repeated on each of its applicants (one
            # value per document in Parquet's encoding): a ranking reads this table alone, with no
            # join of 25 million publications (DOCUMENT_FIELDS, credited_sql).
            ("office", pa.string()),
            ("kind", pa.string()),
            ("publication_date", pa.date32()),
            ("filing_date", pa.date32()),
            ("priority_count", pa.int32()),
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


# The publication's fields each applicant row carries (a batch written before them has none).
DOCUMENT_FIELDS = ("office", "kind", "publication_date", "filing_date", "priority_count")
APPLICANT_FIELDS = ("doc_key", "sequence", "raw_name", "identifier", "country", "data_format")


def credited_sql(denormalised: bool) -> str:
    """The view `credited`: each applicant of each document with the document's fields a ranking
    selects on (valo.rankings.palmares), the same SQL for DuckDB and Spark. From the applicants
    alone when every batch carries them; else joined to the publications (a store written before
    them, until its next compaction)."""
    fields = ", ".join(DOCUMENT_FIELDS)
    if denormalised:
        return f"SELECT doc_key, raw_name, identifier, {fields} FROM applicants"
    joined = ", ".join(f"p.{f}" for f in DOCUMENT_FIELDS)
    return (
        f"SELECT a.doc_key, a.raw_name, a.identifier, {joined} "
        "FROM applicants a JOIN publications p ON p.doc_key = a.doc_key"
    )


# The batches of rows each import adds, one folder each (one Parquet file per table).
BATCHES = "batches"
# Every row of a batch carries its batch's sequence number: the latest wins at read time.
BATCH_FIELD = pa.field("batch", pa.int32())
# Tables of facts added to a document rather than versions of it: their view keeps every distinct
# row of every batch (the same event from two files once), not the winning batch's.
ADDITIVE = frozenset({"legal_events"})
# Tables other apps derive from a snapshot live in this folder of it (one Parquet file each).
DERIVED = "derived"
# Sent once a command has changed the store (imported or removed files): derived tables are rebuilt.
store_changed = Signal()

# How often (in documents) an import reports its progress.
PROGRESS_EVERY = 200
# The buffer a batch's Parquet files are written through (a weekly file's tables fit in it).
WRITE_BUFFER = 1 << 20


def store_root() -> Path:
    return Path(settings.VAR_DIR) / "officedata" / "store"


def analytic_connection() -> duckdb.DuckDBPyConnection:
    """A DuckDB connection held to VALO_ANALYTIC_MEMORY (a query larger than that spills to
    var/officedata/spill, it does not grow the process) and VALO_ANALYTIC_THREADS."""
    spill = Path(settings.VAR_DIR) / "officedata" / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = {
        "memory_limit": settings.VALO_ANALYTIC_MEMORY,
        "temp_directory": str(spill),
        # No query of the store relies on the order rows were read in (each says its ORDER BY):
        # without it DuckDB streams and spills more freely.
        "preserve_insertion_order": False,
    }
    if settings.VALO_ANALYTIC_THREADS:
        config["threads"] = settings.VALO_ANALYTIC_THREADS
    return duckdb.connect(config=config)


def doc_key(record: PublicationRecord | LegalEventRecord) -> str:
    """What tells documents apart: office, publication number and kind (of a record, or of the
    document a legal event concerns)."""
    publication = record.publication
    return f"{publication.country}|{publication.number}|{publication.kind}"


def _conflict(document: DocumentRows, held: str) -> OfficeDataError:
    return OfficeDataError(
        document.source,
        document.label,
        "application-reference",
        f"publication {document.label} is already held for application {held}, and this record "
        f"gives application {document.application or '?'} without being marked as an amendment: "
        "two documents cannot share a publication number; nothing of this file was imported",
    )


class _Rows:
    """The rows a file adds, one tuple per row in its table's column order (SCHEMAS), turned into
    Arrow columns at the end; a document's rows are contiguous in each table (documents are added
    one after the other), so a document a later record of the same file replaces is masked out by
    its place among the documents."""

    VERSIONED = tuple(name for name in SCHEMAS if name not in ADDITIVE)
    # The publications rows come without their position, numbered here (1 for the file's first).
    POSITION = SCHEMAS["publications"].get_field_index("position")

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in SCHEMAS}
        self._versioned = [self.rows[name] for name in self.VERSIONED]
        # Where each document's rows start in each versioned table, and the documents replaced.
        self._starts: list[tuple[int, ...]] = []
        self._replaced: list[int] = []

    def add(self, document: DocumentRows) -> int:
        """Add a document's rows; its place among the documents."""
        self._starts.append(tuple(map(len, self._versioned)))
        rows = self.rows
        rows["publications"].append(document.publication)
        rows["titles"].extend(document.titles)
        rows["applicants"].extend(document.applicants)
        rows["names"].extend(document.names)
        rows["classes"].extend(document.classes)
        rows["priorities"].extend(document.priorities)
        return len(self._starts) - 1

    def replace_document(self, place: int) -> None:
        self._replaced.append(place)

    def tables(self) -> dict[str, pa.Table]:
        ends = tuple(map(len, self._versioned))
        masks = {}
        for place in self._replaced:
            start = self._starts[place]
            end = self._starts[place + 1] if place + 1 < len(self._starts) else ends
            for index, name in enumerate(self.VERSIONED):
                mask = masks.setdefault(name, [True] * ends[index])
                mask[start[index] : end[index]] = [False] * (end[index] - start[index])
        tables = {}
        for name, schema in SCHEMAS.items():
            rows = self.rows[name]
            width = len(schema) - (name == "publications")
            columns = list(zip(*rows, strict=True)) if rows else [()] * width
            if name == "publications":
                columns.insert(self.POSITION, range(1, len(rows) + 1))
            table = pa.Table.from_arrays(
                [pa.array(column, type=f.type) for column, f in zip(columns, schema, strict=True)],
                schema=schema,
            )
            tables[name] = table.filter(pa.array(masks[name])) if name in masks else table
        return tables


def _rows(
    documents: Iterable[DocumentRows | PublicationRecord | LegalEventRecord],
    limit: int,
    progress: Any = None,
) -> dict[str, pa.Table]:
    """The tables' new rows (of documents as rows, or as records); a later record of the same
    document in the file replaces the earlier one, a record of another application under the same
    publication number refuses the file."""
    out = _Rows()
    events = out.rows["legal_events"]
    # document key → application number and the document's place
    seen: dict[str, tuple[str, int]] = {}
    count = 0
    for document in documents:
        if isinstance(document, LegalEventRecord):
            events.append(
                (
                    doc_key(document),
                    document.code,
                    document.description,
                    document.date,
                    document.country,
                    document.source,
                )
            )
            continue
        if isinstance(document, PublicationRecord):
            document = document_rows(document)
        count += 1
        if count > limit:
            raise OfficeDataError(
                document.source,
                document.label,
                "documents",
                f"more than {limit} documents in one file (VALO_OFFICEDATA_MAX_DOCUMENTS): split it",
            )
        key = document.key
        if key in seen:
            held, place = seen[key]
            if held != document.application and document.status != "AMENDED":
                raise _conflict(document, held)
            out.replace_document(place)  # the later version's rows are added last, at its place
        seen[key] = (document.application, out.add(document))
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    return out.tables()


def document_rows(record: PublicationRecord) -> DocumentRows:
    """A record's rows in every table, each row in its table's column order (SCHEMAS)."""
    publication, application = record.publication, record.application
    if application is None:
        raise OfficeDataError(record.source, str(publication), "application-reference", "missing")
    key = doc_key(record)
    priorities = record.priorities
    dates = [p.date for p in priorities if p.date]
    if application.date:
        dates.append(application.date)
    document = (
        publication.country,
        publication.kind,
        publication.date,
        application.date,
        len(priorities),
    )
    return DocumentRows(
        key=key,
        label=str(publication),
        source=record.source,
        application=application.number,
        status=record.status,
        publication=(
            key,
            publication.country,
            publication.number,
            publication.kind,
            publication.date,
            application.number,
            application.date,
            min(dates) if dates else None,
            len(priorities),
            record.family_id,
            record.status,
            record.title("fr", "en"),
            record.source,
            record.inpadoc_family_id,
        ),
        titles=[(key, lang, title) for lang, title in record.titles.items() if title],
        applicants=[
            (key, p.sequence, p.name, p.identifier, p.country, p.data_format, *document)
            for p in record.applicants
        ],
        names=[
            (
                key,
                role,
                p.data_format,
                p.sequence,
                p.name,
                p.country,
                p.identifier,
                p.city,
                p.postcode,
            )
            for role, parties in (
                ("applicant", record.applicant_names),
                ("inventor", record.inventor_names),
            )
            for p in parties
        ],
        classes=[(key, "IPC", code) for code in record.ipc]
        + [(key, "CPC", code) for code in record.cpc],
        priorities=[(key, p.country, p.number, p.date) for p in priorities],
    )


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


def view_sql(name: str, present: set[str], *, one_batch: bool = False) -> str:
    """The view of table `name`: its winning rows; `present`: the columns the batches have (the
    others read as NULL). `one_batch`: the snapshot holds one batch (as a compaction leaves it),
    whose documents are each once: every row is a winner, no ranking of versions is needed."""
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
    if one_batch:
        return f"SELECT {columns} FROM all_{name} t"
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


@dataclass(frozen=True)
class Limits:
    """The bounds an import holds a file to (settings, passed to the processes that read): its
    bytes and documents when read whole; the documents of each batch of a source read in chunks."""

    max_bytes: int
    max_documents: int
    chunk_documents: int = 250_000


def _limits() -> Limits:
    return Limits(
        settings.VALO_OFFICEDATA_MAX_BYTES,
        settings.VALO_OFFICEDATA_MAX_DOCUMENTS,
        settings.VALO_OFFICEDATA_CHUNK_DOCUMENTS,
    )


@dataclass
class Prepared:
    """A file read, ready to be written: its content hash and the rows of each table — in memory
    (`tables`), or, for a source read in chunks (PATSTAT), written under `staged` as `count`
    chunks, each a batch of its own (removed once written)."""

    path: Path
    digest: str
    tables: dict[str, pa.Table] | None = None
    staged: Path | None = None
    count: int = 0

    def chunks(self) -> Iterator[dict[str, pa.Table]]:
        """The rows to write, batch by batch (one for a file read whole; at least one)."""
        if self.tables is None and self.staged is None:
            # Not read because the store held it — and no longer does (removed meanwhile).
            raise OfficeDataError(
                self.path.name, "", "file", "removed from the store while read: import it again"
            )
        if self.staged is None:
            yield self.tables
            return
        for number in range(max(self.count, 1)):
            yield {name: _staged(self.staged / name / f"chunk={number}", name) for name in SCHEMAS}

    def discard(self) -> None:
        if self.staged is not None:
            shutil.rmtree(self.staged.parent, ignore_errors=True)


def _staged(folder: Path, name: str) -> pa.Table:
    """A chunk's rows of table `name` as a reader wrote them, in the table's schema."""
    schema = SCHEMAS[name]
    files = sorted(folder.glob("*.parquet")) if folder.exists() else []
    if not files:
        return schema.empty_table()
    table = pa.concat_tables([pq.read_table(f) for f in files])
    for field in schema:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    return table.select(schema.names).cast(schema)


# A reader's work folder is named <pid>-…: one whose process is gone was left by a killed import.
STAGING = "staging"


def prepare(
    path: Path,
    *,
    limits: Limits,
    encoding: str | None = None,
    progress: Any = None,
    report: Any = None,
    staging: Path | None = None,
    held: frozenset[str] = frozenset(),
) -> Prepared:
    """Read a file (or a PATSTAT folder) into the rows it adds, or refuse it: nothing of the store
    is touched, so any process can do it. A file whose content hash is in `held` (imported
    already) is not read. A reader that writes the store's tables itself (Reader.tables) does so
    in chunks under `staging`, with DuckDB held to the analytic bounds: no cap of a file read
    whole applies, memory is bounded by the chunk (VALO_OFFICEDATA_CHUNK_DOCUMENTS)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    reader = reader_for(path) if path.exists() else None
    size = sum(f.stat().st_size for f in files)
    if size > limits.max_bytes and (reader is None or reader.tables is None):
        raise OfficeDataError(
            path.name,
            "",
            "size",
            f"{size} bytes, more than the {limits.max_bytes} an import reads "
            "(VALO_OFFICEDATA_MAX_MB): split it",
        )
    digest = _digest(path, files)
    if digest in held:
        return Prepared(path, digest)
    if reader is not None and reader.tables is not None:
        work = (staging or store_root() / STAGING) / f"{os.getpid()}-{digest[:16]}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            count = reader.tables(path, work, analytic_connection, limits.chunk_documents)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        return Prepared(path, digest, staged=work / "out", count=count)
    if reader is not None and reader.rows is not None:
        documents = reader.rows(path)  # the documents as rows, without records
    else:
        documents = records_of(path, encoding=encoding, report=report)
    return Prepared(path, digest, _rows(documents, limits.max_documents, progress))


def _alive(pid: str) -> bool:
    """A process of that id runs (a staging folder of a live import is never removed)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _refusal(path: Path, error: OfficeDataError | FileNotFoundError) -> OfficeDataError:
    if isinstance(error, OfficeDataError):
        return error
    return OfficeDataError(path.name, "", "file", f"not found ({error.strerror or error})")


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
        con = analytic_connection()
        current = self.current
        for name, schema in SCHEMAS.items():
            sources = self._sources(name)
            if sources:
                con.execute(f"CREATE VIEW all_{name} AS {' UNION ALL BY NAME '.join(sources)}")
            else:
                con.register(f"all_{name}", schema.append(BATCH_FIELD).empty_table())
        con.execute(f"CREATE VIEW winners AS {WINNERS_SQL}")
        one = self.one_batch()
        for name in SCHEMAS:
            present = {row[0] for row in con.execute(f"DESCRIBE all_{name}").fetchall()}
            con.execute(f"CREATE VIEW {name} AS {view_sql(name, present, one_batch=one)}")
        con.execute(f"CREATE VIEW credited AS {credited_sql(self.denormalised())}")
        for path in sorted((current / DERIVED).glob("*.parquet")) if current else []:
            con.execute(f"CREATE VIEW {path.stem} AS SELECT * FROM read_parquet('{path}')")
        return con

    def denormalised(self) -> bool:
        """Every applicants file of the snapshot carries its documents' fields (DOCUMENT_FIELDS):
        the files' footers say so, no row is read."""
        return all(
            set(DOCUMENT_FIELDS) <= set(pq.read_schema(path).names)
            for path in self.batch_files("applicants")
        )

    @staticmethod
    def _batches(manifest: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The manifest's batches, once each (compacted files share one), in import order."""
        seen: dict[str, dict[str, Any]] = {}
        for entry in manifest:
            if "batch" in entry:
                seen.setdefault(entry["batch"], entry)
        return sorted(seen.values(), key=lambda e: e["seq"])

    def one_batch(self) -> bool:
        """The current snapshot lists a single batch (of an import or a compaction): each of its
        documents is there once. A snapshot of the earlier layout is one table, once each too."""
        current = self.current
        if current is not None and (current / "publications.parquet").exists():
            return True
        return len(self._batches(self.manifest())) == 1

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
        return [self._select(files)] if files else []

    def _select(self, files: list[Path]) -> str:
        """A SELECT of the rows of a table's batch files (with their `batch` column)."""
        if files[0].parent == self.current:
            return f"SELECT *, 0::INTEGER AS batch FROM read_parquet('{files[0]}')"
        listed = ", ".join(f"'{path}'" for path in files)
        return f"SELECT * FROM read_parquet([{listed}], union_by_name = true)"

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
        return self.write(
            prepare(
                Path(path),
                encoding=encoding,
                progress=progress,
                report=report,
                limits=_limits(),
                **self._prepare_options(),
            )
        )

    def _prepare_options(self) -> dict[str, Any]:
        """Where a reader stages its chunks, and the files held (not read again)."""
        held = frozenset(entry["sha256"] for entry in self.manifest())
        return {"staging": self.root / STAGING, "held": held}

    def import_files(
        self, paths: list[Path], *, workers: int | None = None, encoding: str | None = None
    ) -> Iterator[tuple[Path, ImportResult | OfficeDataError]]:
        """Add files in their order, each whole or not at all: read by `workers` processes at once
        (VALO_OFFICEDATA_IMPORT_WORKERS, the machine's cores by default), written one at a time as
        each file's turn comes. Yields each file with its result, or the error that refused it."""
        paths = [Path(path) for path in paths]
        workers = max(1, min(workers or settings.VALO_OFFICEDATA_IMPORT_WORKERS, len(paths)))
        limits = _limits()
        options = self._prepare_options()
        if workers == 1:
            for path in paths:
                try:
                    yield (
                        path,
                        self.write(prepare(path, encoding=encoding, limits=limits, **options)),
                    )
                except (OfficeDataError, FileNotFoundError) as error:
                    yield path, _refusal(path, error)
            return
        # Processes forked from this one (Linux): each reads whole files and returns their tables;
        # at most two files per worker are read ahead of the writer.
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            pending: collections.deque = collections.deque()
            queue = iter(paths)
            for path in itertools.islice(queue, 2 * workers):
                pending.append(
                    (path, pool.submit(prepare, path, encoding=encoding, limits=limits, **options))
                )
            while pending:
                path, future = pending.popleft()
                for more in itertools.islice(queue, 1):
                    pending.append(
                        (
                            more,
                            pool.submit(prepare, more, encoding=encoding, limits=limits, **options),
                        )
                    )
                try:
                    yield path, self.write(future.result())
                except (OfficeDataError, FileNotFoundError) as error:
                    yield path, _refusal(path, error)

    def write(self, prepared: Prepared) -> ImportResult:
        """Add the rows `prepare` read from a file (skipped when the same content is held): every
        batch of it, then one snapshot listing them all — the file is visible whole or not at all."""
        try:
            with self._import_lock():
                return self._write(prepared.path, prepared.digest, prepared.chunks())
        finally:
            prepared.discard()

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
                for work in (self.root / STAGING).glob("*"):
                    if not _alive(work.name.split("-", 1)[0]):
                        shutil.rmtree(work, ignore_errors=True)
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

    def _write(
        self, path: Path, digest: str, chunks: Iterable[dict[str, pa.Table]]
    ) -> ImportResult:
        manifest = self.manifest()
        if any(entry["sha256"] == digest for entry in manifest):
            return ImportResult(path.name, 0, skipped=True)
        seq = max((entry["seq"] for entry in manifest), default=0)
        entries, result = [], ImportResult(path.name, 0)
        for new in chunks:
            seq += 1
            entry, added = self._write_chunk(path, digest, new, manifest, seq)
            entries.append(entry)
            for count in ("documents", "added", "replaced", "kept_amended", "events"):
                setattr(result, count, getattr(result, count) + getattr(added, count))
        self._new_snapshot([*manifest, *entries])
        return result

    def _write_chunk(
        self,
        path: Path,
        digest: str,
        new: dict[str, pa.Table],
        manifest: list[dict[str, Any]],
        seq: int,
    ) -> tuple[dict[str, Any], ImportResult]:
        """Write one batch of a file's rows (checked against what the store shows); its manifest
        entry and what it did."""
        publications = new["publications"].select(
            ["doc_key", "office", "publication_number", "kind", "application_number", "status"]
        )
        keys = set(publications.column("doc_key").to_pylist())
        span = (min(keys), max(keys)) if keys else None
        found = self._held(keys, manifest, span)
        held = {key: number for key, number, _status in found}
        amended = {key for key, _number, status in found if status == "AMENDED"}
        superseded: set[str] = set()
        for row in publications.to_pylist() if held else ():
            key = row["doc_key"]
            if key not in held:
                continue
            if held[key] != row["application_number"] and row["status"] != "AMENDED":
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
            if key in amended and row["status"] != "AMENDED":
                superseded.add(key)
        keys -= superseded
        batch = f"{seq:06d}-{digest[:12]}"
        if superseded:
            gone = pa.array(sorted(superseded), pa.string())
            new = {
                # Facts (legal events) are kept whatever becomes of the record they concern.
                name: table
                if name in ADDITIVE
                else table.filter(pc.invert(pc.is_in(table.column("doc_key"), gone)))
                for name, table in new.items()
            }
        self._write_batch(batch, seq, new)
        entry = {
            "file": path.name,
            "sha256": digest,
            "documents": publications.num_rows,
            "imported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "batch": batch,
            "seq": seq,
        }
        if span:
            entry["keys"] = list(span)
        replaced = sum(1 for key in keys if key in held)
        return entry, ImportResult(
            path.name,
            publications.num_rows,
            added=publications.num_rows - replaced - len(superseded),
            replaced=replaced,
            kept_amended=len(superseded),
            events=new["legal_events"].num_rows,
        )

    def _held(
        self, keys: set[str], manifest: list[dict[str, Any]], span: tuple[str, str] | None
    ) -> list[tuple[str, str, str]]:
        """(key, application number, status) of the record the store shows for each of `keys`:
        only the batches whose range of keys (in the manifest) meets `span` are read — a weekly
        file's new publication numbers meet none — and only those keys' rows ranked. Called under
        the import lock, which has adopted a snapshot of the earlier layout: every row is in a batch."""
        if span is None:
            return []
        low, high = span
        wanted = {  # a compacted batch holds several files: any of their spans may meet
            entry["batch"]
            for entry in manifest
            if "batch" in entry
            and ("keys" not in entry or (entry["keys"][0] <= high and entry["keys"][1] >= low))
        }
        files = [self.root / BATCHES / batch / "publications.parquet" for batch in sorted(wanted)]
        files = [path for path in files if path.exists()]
        if not files:
            return []
        source = self._select(files)
        con = duckdb.connect()
        con.register("new_keys", pa.table({"doc_key": pa.array(sorted(keys), pa.string())}))
        found = con.execute(
            "SELECT doc_key, application_number, status FROM (SELECT doc_key, application_number, "
            "status, row_number() OVER (PARTITION BY doc_key ORDER BY status = 'AMENDED' DESC, "
            f"batch DESC) AS r FROM ({source}) WHERE doc_key BETWEEN ? AND ? "
            "AND doc_key IN (SELECT doc_key FROM new_keys)) WHERE r = 1",
            [low, high],
        ).fetchall()
        con.close()
        return found

    @contextlib.contextmanager
    def _batch_folder(self, batch: str) -> Iterator[Path]:
        """A batch's folder, written under a temporary name then renamed: complete or absent."""
        partial = self.root / BATCHES / f".partial-{batch}"
        partial.mkdir(parents=True)
        try:
            yield partial
            os.replace(partial, self.root / BATCHES / batch)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise

    def _write_batch(self, batch: str, seq: int, rows: dict[str, Any]) -> None:
        """Write a batch's tables (lists of rows or Arrow tables), one Parquet file each."""
        with self._batch_folder(batch) as partial:
            for name, schema in SCHEMAS.items():
                table = rows[name]
                if not isinstance(table, pa.Table):
                    table = pa.Table.from_pylist(table, schema=schema)
                if table.num_rows == 0:
                    continue  # no file: the views read the other batches' (or none: empty)
                for column in schema:  # a batch written before a column existed lacks it
                    if column.name not in table.column_names:
                        table = table.append_column(column, pa.nulls(table.num_rows, column.type))
                if not table.schema.equals(schema):
                    table = table.select(schema.names).cast(schema)
                table = table.append_column(
                    BATCH_FIELD, pa.repeat(pa.scalar(seq, pa.int32()), table.num_rows)
                )
                # Our own buffered stream: given a path, pyarrow resolves a filesystem for each
                # file and writes each page in a system call of its own (a third of the write).
                with pa.output_stream(partial / f"{name}.parquet", buffer_size=WRITE_BUFFER) as out:
                    pq.write_table(table, out)

    def _new_snapshot(
        self, manifest: list[dict[str, Any]], derived_from: Path | None = None
    ) -> None:
        snapshot = Path(tempfile.mkdtemp(prefix="snapshot-", dir=self.root))
        try:
            # Compact (the C encoder): a store of many weekly files has a manifest entry for each.
            (snapshot / "manifest.json").write_text(json.dumps(manifest))
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

    def compact_if_due(self) -> bool:
        """Compact when the snapshot lists more batches than VALO_OFFICEDATA_COMPACT_AFTER (0: never):
        a year of weekly files is 104 batches, and a query reads every batch's files."""
        limit = settings.VALO_OFFICEDATA_COMPACT_AFTER
        if not limit or len(self._batches(self.manifest())) <= limit:
            return False
        self.compact()
        return True

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
            queries = {
                name: f"SELECT DISTINCT * EXCLUDE (batch) FROM all_{name}"
                if name in ADDITIVE
                else f"SELECT * FROM {name}"
                for name in SCHEMAS
            }
            # Each applicant with its document's fields (read from the publications: a batch
            # written before them has none), so the compacted store ranks from one table.
            own = ", ".join(f"a.{f}" for f in APPLICANT_FIELDS)
            document = ", ".join(f"p.{f}" for f in DOCUMENT_FIELDS)
            queries["applicants"] = (
                f"SELECT {own}, {document} FROM applicants a "
                "JOIN publications p ON p.doc_key = a.doc_key"
            )
            # Written by DuckDB straight to Parquet (held to its memory bound, spilling beyond):
            # a store of any size is compacted without being held in memory.
            with self._batch_folder(batch) as partial:
                for name, query in queries.items():
                    columns = ", ".join(SCHEMAS[name].names)
                    con.execute(
                        f"COPY (SELECT {columns}, {seq}::INTEGER AS batch FROM ({query}) q) "
                        f"TO '{partial / name}.parquet' (FORMAT parquet)"
                    )
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
