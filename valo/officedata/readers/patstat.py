"""Reader of PATSTAT Global's tables as the EPO distributes them: a folder of zipped CSV parts
(`tls201_part01.zip` holding `tls201_part01.csv`, …; plain `.csv` parts are read too), comma-separated,
double-quoted, a header row, UTF-8, "9999-12-31" for an unknown date.

Streamed, for a whole edition (~100 M applications): each CSV part is read block by block into
Parquet (`stage`, only the columns used), then DuckDB — held to the analytic store's memory bound,
spilling beyond it — joins the staged tables straight into the store's tables (`write_tables`):
applications (tls201), titles (tls202), priorities (tls204), persons (tls206), who is applicant or
inventor of what (tls207), publications (tls211), IPC (tls209) and CPC (tls224), one document per
publication; its applicants (`person_name`, data format "patstat", in `applt_seq_nr` order) and
inventors, with PATSTAT's own harmonised names kept beside them as names of data format "psn"
(`psn_name`) and "han" (`han_name`, where given). The result is written as Parquet in chunks of
documents by key, each of which the store writes as one batch (`chunks`); no row passes through
Python. `read_patstat` gives the same documents as records (`valo officedata parse`). tls201, tls206,
tls207 and tls211 are required; the others are read when present. docs/rankings.md maps every
column."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from valo.officedata.readers.base import Reader
from valo.officedata.records import DocumentRef, OfficeDataError, Party, PublicationRecord

# The columns read from each table (others in the files are ignored).
TABLES = {
    "tls201": (
        "appln_id",
        "appln_auth",
        "appln_nr",
        "appln_kind",
        "appln_filing_date",
        "earliest_filing_date",
        "earliest_filing_id",
        "docdb_family_id",
        "inpadoc_family_id",
    ),
    "tls202": ("appln_id", "appln_title_lg", "appln_title"),
    "tls204": ("appln_id", "prior_appln_id", "prior_appln_seq_nr"),
    "tls206": ("person_id", "person_name", "person_ctry_code", "psn_name", "han_name"),
    "tls207": ("person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"),
    "tls209": ("appln_id", "ipc_class_symbol"),
    "tls211": ("pat_publn_id", "publn_auth", "publn_nr", "publn_kind", "appln_id", "publn_date"),
    "tls224": ("appln_id", "cpc_class_symbol"),
}
REQUIRED = ("tls201", "tls206", "tls207", "tls211")
UNKNOWN_DATE = "9999-12-31"


def _parts(folder: Path, table: str) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.name.lower().startswith(f"{table}_") and p.is_file()
    )


# Read by blocks of this many bytes: a part of several GB is never in memory whole.
BLOCK_BYTES = 1 << 24


def _stage_part(path: Path, table: str, columns: tuple[str, ...], into: Path) -> None:
    """One CSV part (zipped or not), block by block, into Parquet files under `into` (strings
    only, the columns used); names the file and the table at fault."""
    read = pacsv.ReadOptions(block_size=BLOCK_BYTES)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(columns, pa.string()),
        include_columns=list(columns),
        strings_can_be_null=False,
    )
    schema = pa.schema([(c, pa.string()) for c in columns])

    def copy(stream: Any, name: str) -> None:
        with pq.ParquetWriter(into / f"{name}.parquet", schema) as out:
            for batch in pacsv.open_csv(stream, read_options=read, convert_options=convert):
                out.write_batch(batch.select(list(columns)))

    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if not members:
                    raise OfficeDataError(path.name, "", "zip", "holds no CSV part")
                for number, member in enumerate(members):
                    with archive.open(member) as stream:
                        copy(stream, f"{path.stem}-{number}")
        else:
            copy(str(path), path.stem)
    except (pa.ArrowInvalid, KeyError) as error:
        raise OfficeDataError(path.name, "", table, f"not a {table} CSV part: {error}") from error
    except zipfile.BadZipFile as error:
        raise OfficeDataError(path.name, "", "zip", f"not a zip file: {error}") from error
    except (EOFError, OSError, zlib.error) as error:
        # A damaged member (truncated data, bad compressed stream): the folder is refused.
        raise OfficeDataError(path.name, "", "zip", f"damaged zip member ({error})") from error


def stage(folder: Path, into: Path) -> None:
    """Every table's parts, streamed into Parquet under into/<table>/."""
    for table, columns in TABLES.items():
        parts = _parts(folder, table)
        if not parts and table in REQUIRED:
            raise OfficeDataError(folder.name, "", table, f"no {table}_part… file in the folder")
        (into / table).mkdir(parents=True)
        for part in parts:
            _stage_part(part, table, columns, into / table)


def _views(con: duckdb.DuckDBPyConnection, staged: Path) -> None:
    for table, columns in TABLES.items():
        if any((staged / table).glob("*.parquet")):
            source = f"SELECT * FROM read_parquet('{staged / table}/*.parquet')"
        else:  # an optional table the folder lacks: no rows
            source = "SELECT " + ", ".join(f"NULL::VARCHAR AS {c}" for c in columns) + " LIMIT 0"
        con.execute(f"CREATE VIEW {table} AS {source}")


def _date(column: str) -> str:
    """SQL: PATSTAT's date as a DATE (NULL when empty or "9999-12-31", the unknown date)."""
    return (
        f"CASE WHEN {column} IN ('', '{UNKNOWN_DATE}') THEN NULL "
        f"ELSE try_cast(left({column}, 10) AS DATE) END"
    )


def _bad_date(column: str) -> str:
    return f"({_date(column)} IS NULL AND {column} NOT IN ('', '{UNKNOWN_DATE}'))"


# One row per publication (tls211) with its application (tls201); `position`: its place in
# pat_publn_id order. Checked, then reduced to one row per document (`documents`).
PUBLICATIONS_SQL = f"""
SELECT u.pat_publn_id, u.appln_id, u.publn_auth, u.publn_nr, u.publn_kind, u.publn_date,
    a.appln_auth, a.appln_nr, a.appln_kind, a.appln_filing_date, a.docdb_family_id,
    a.inpadoc_family_id,
    u.publn_auth || '|' || u.publn_nr || '|' || u.publn_kind AS doc_key,
    row_number() OVER (ORDER BY try_cast(u.pat_publn_id AS BIGINT), u.pat_publn_id)::INTEGER
        AS position,
    {_date("u.publn_date")} AS publication_date, {_date("a.appln_filing_date")} AS filing_date
FROM tls211 u LEFT JOIN tls201 a ON a.appln_id = u.appln_id
"""

# Each fault refuses the folder, named by the first publication (in pat_publn_id order) it concerns.
CHECKS = (
    (
        "tls211.appln_id",
        "appln_nr IS NULL",
        "'application ' || appln_id || ' is not in tls201'",
    ),
    ("tls211.publn_nr", "publn_auth = '' OR publn_nr = ''", "'missing'"),
    ("tls211.publn_date", _bad_date("publn_date"), "'not a date: ' || publn_date"),
    (
        "tls201.appln_filing_date",
        _bad_date("appln_filing_date"),
        "'not a date: ' || appln_filing_date",
    ),
)

# The store's tables (valo.officedata.store.SCHEMAS) from the checked documents; `chunk` says which
# batch a row goes to.
PARTIES_SQL = """
SELECT d.doc_key, d.chunk, d.appln_id,
    CASE WHEN try_cast(l.applt_seq_nr AS INTEGER) > 0 THEN 'applicant' ELSE 'inventor' END AS role,
    greatest(try_cast(l.applt_seq_nr AS INTEGER), try_cast(l.invt_seq_nr AS INTEGER)) AS sequence,
    p.person_name, p.person_ctry_code AS country, p.psn_name, p.han_name
FROM documents d JOIN tls207 l ON l.appln_id = d.appln_id JOIN tls206 p ON p.person_id = l.person_id
WHERE try_cast(l.applt_seq_nr AS INTEGER) > 0 OR try_cast(l.invt_seq_nr AS INTEGER) > 0
"""
PRIORITIES_SQL = f"""
SELECT d.doc_key, d.chunk, a.appln_auth AS country, a.appln_nr AS number,
    {_date("a.appln_filing_date")} AS date, try_cast(r.prior_appln_seq_nr AS INTEGER) AS seq
FROM documents d JOIN tls204 r ON r.appln_id = d.appln_id
JOIN tls201 a ON a.appln_id = r.prior_appln_id
WHERE a.appln_nr <> d.appln_nr
"""
TITLES_SQL = """
SELECT d.doc_key, d.chunk, lower(CASE WHEN t.appln_title_lg = '' THEN 'en'
    ELSE t.appln_title_lg END) AS language, max(t.appln_title) AS title
FROM documents d JOIN tls202 t ON t.appln_id = d.appln_id
WHERE t.appln_title <> ''
GROUP BY ALL
"""
# Each document with what its applicants' rows repeat (the store's DOCUMENT_FIELDS): its priorities'
# count and earliest date, and its title (French first, then English, German, any).
DOCUMENTS_SQL = """
SELECT d.*, coalesce(p.n, 0)::INTEGER AS priority_count,
    least(d.filing_date, p.earliest) AS earliest_priority, coalesce(t.title, '') AS title
FROM documents d
LEFT JOIN (SELECT doc_key, count(*) AS n, min(date) AS earliest FROM priorities GROUP BY doc_key) p
    ON p.doc_key = d.doc_key
LEFT JOIN (
    SELECT doc_key, arg_min(title, CASE language WHEN 'fr' THEN 0 WHEN 'en' THEN 1
        WHEN 'de' THEN 2 ELSE 3 END) AS title
    FROM titles GROUP BY doc_key
) t ON t.doc_key = d.doc_key
"""
# The store's tables (valo.officedata.store.SCHEMAS; extra columns are for `read_patstat`), and
# the batch (`chunk`) each row goes to.
STORE_SQL = {
    "publications": """
        SELECT doc_key, publn_auth AS office, publn_nr AS publication_number, publn_kind AS kind,
            publication_date, appln_nr AS application_number, filing_date, earliest_priority,
            priority_count,
            CASE WHEN docdb_family_id IN ('', '0') THEN '' ELSE docdb_family_id END AS family_id,
            '' AS status, title, source, position,
            CASE WHEN inpadoc_family_id IN ('', '0') THEN '' ELSE inpadoc_family_id END
                AS inpadoc_family_id,
            CASE WHEN appln_auth = '' THEN publn_auth ELSE appln_auth END AS application_office,
            appln_kind AS application_kind, chunk
        FROM described
    """,
    "titles": "SELECT doc_key, language, title, chunk FROM titles",
    "applicants": """
        SELECT p.doc_key, p.sequence, p.person_name AS raw_name, '' AS identifier, p.country,
            'patstat' AS data_format, d.publn_auth AS office, d.publn_kind AS kind,
            d.publication_date, d.filing_date, d.priority_count, p.chunk
        FROM parties p JOIN described d ON d.doc_key = p.doc_key
        WHERE p.role = 'applicant' AND p.person_name <> ''
    """,
    "names": """
        SELECT doc_key, role, data_format, sequence, name, country, '' AS identifier,
            '' AS city, '' AS postcode, chunk
        FROM (
            SELECT *, 'patstat' AS data_format, person_name AS name FROM parties
            UNION ALL SELECT *, 'psn', psn_name FROM parties WHERE role = 'applicant'
            UNION ALL SELECT *, 'han', han_name FROM parties WHERE role = 'applicant'
        ) WHERE name <> ''
    """,
    "classes": r"""
        SELECT d.doc_key, scheme, trim(regexp_replace(code, '\s+', ' ', 'g')) AS code, d.chunk
        FROM documents d JOIN (
            SELECT appln_id, 'IPC' AS scheme, ipc_class_symbol AS code FROM tls209
            UNION ALL SELECT appln_id, 'CPC', cpc_class_symbol FROM tls224
        ) c ON c.appln_id = d.appln_id
    """,
    "priorities": "SELECT doc_key, country, number, date, seq, chunk FROM priorities",
}


def write_tables(
    folder: Path,
    staged: Path,
    out: Path,
    connect: Callable[[], duckdb.DuckDBPyConnection],
    chunk: int,
) -> int:
    """Join the staged tables into the store's tables under out/<table>/chunk=<n>/, `chunk`
    documents a batch (by key: a document's rows all go to one batch); the number of chunks. A later
    publication of the same document (office, number, kind) replaces an earlier one; two giving
    different applications refuse the folder."""
    out.mkdir(parents=True, exist_ok=True)
    con = connect()
    try:
        _views(con, staged)
        con.execute(f"CREATE TEMP TABLE rows AS {PUBLICATIONS_SQL}")
        for field, fault, message in CHECKS:
            found = con.execute(
                f"SELECT pat_publn_id, {message} FROM rows WHERE {fault} ORDER BY position LIMIT 1"
            ).fetchone()
            if found:
                raise OfficeDataError(folder.name, f"pat_publn_id {found[0]}", field, found[1])
        clash = con.execute(
            "SELECT min(position), doc_key, min(appln_nr), max(appln_nr) FROM rows "
            "GROUP BY doc_key HAVING count(DISTINCT appln_nr) > 1 ORDER BY 1 LIMIT 1"
        ).fetchone()
        if clash:
            raise OfficeDataError(
                folder.name,
                clash[1].replace("|", ""),
                "tls211.appln_id",
                f"publication given for applications {clash[2]} and {clash[3]}: two documents "
                "cannot share a publication number; nothing of this folder was imported",
            )
        con.execute(
            "CREATE TEMP TABLE documents AS SELECT *, ((row_number() OVER (ORDER BY doc_key) - 1) "
            f"// {int(chunk)})::INTEGER AS chunk, ? AS source FROM rows "
            "QUALIFY row_number() OVER (PARTITION BY doc_key ORDER BY position DESC) = 1",
            [f"{folder.name}/tls211"],
        )
        con.execute(f"CREATE TEMP TABLE parties AS {PARTIES_SQL}")
        con.execute(f"CREATE TEMP TABLE priorities AS {PRIORITIES_SQL}")
        con.execute(f"CREATE TEMP TABLE titles AS {TITLES_SQL}")
        con.execute(f"CREATE TEMP TABLE described AS {DOCUMENTS_SQL}")
        for name, sql in STORE_SQL.items():
            con.execute(
                f"COPY ({sql}) TO '{out / name}' (FORMAT parquet, PARTITION_BY (chunk), "
                "OVERWRITE_OR_IGNORE)"
            )
        return con.execute("SELECT coalesce(max(chunk) + 1, 0) FROM documents").fetchone()[0]
    finally:
        con.close()


def _tables(
    folder: Path, work: Path, connect: Callable[[], duckdb.DuckDBPyConnection], chunk: int
) -> int:
    """The import's path (Reader.tables): staged under work/staged, written under work/out."""
    stage(folder, work / "staged")
    count = write_tables(folder, work / "staged", work / "out", connect, chunk)
    shutil.rmtree(work / "staged", ignore_errors=True)
    return count


def read_patstat(folder: Path) -> Iterator[PublicationRecord]:
    """One record per document, in pat_publn_id order, from the tables an import would write (for
    `valo officedata parse` and a look at a small extract; an import writes the tables)."""
    folder = Path(folder)
    work = Path(tempfile.mkdtemp(prefix="valo-patstat-"))
    try:
        stage(folder, work / "staged")
        write_tables(folder, work / "staged", work / "out", duckdb.connect, chunk=1 << 30)
        tables = {
            name: pq.read_table(work / "out" / name).to_pylist()
            if (work / "out" / name).exists()
            else []
            for name in STORE_SQL
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    yield from _records(tables)


def _records(tables: dict[str, list[dict[str, Any]]]) -> Iterator[PublicationRecord]:
    of: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("titles", "names", "classes", "priorities"):
        for row in tables[name]:
            of[row["doc_key"]][name].append(row)
    for row in sorted(tables["publications"], key=lambda r: r["position"]):
        rows = of[row["doc_key"]]
        names = sorted(rows["names"], key=lambda n: n["sequence"])

        def parties(role: str, data_format: str, names: list = names) -> tuple[Party, ...]:
            return tuple(
                Party(n["name"], n["country"], n["sequence"], data_format=data_format)
                for n in names
                if n["role"] == role and n["data_format"] == data_format
            )

        applicants = parties("applicant", "patstat")
        yield PublicationRecord(
            source=row["source"],
            publication=DocumentRef(
                row["office"], row["publication_number"], row["kind"], row["publication_date"]
            ),
            application=DocumentRef(
                row["application_office"],
                row["application_number"],
                row["application_kind"],
                row["filing_date"],
            ),
            family_id=row["family_id"],
            inpadoc_family_id=row["inpadoc_family_id"],
            priorities=tuple(
                DocumentRef(p["country"], p["number"], "", p["date"])
                for p in sorted(rows["priorities"], key=lambda p: p["seq"] or 0)
            ),
            applicants=applicants,
            inventors=parties("inventor", "patstat"),
            applicant_names=applicants + parties("applicant", "psn") + parties("applicant", "han"),
            inventor_names=parties("inventor", "patstat"),
            ipc=tuple(sorted(c["code"] for c in rows["classes"] if c["scheme"] == "IPC")),
            cpc=tuple(sorted(c["code"] for c in rows["classes"] if c["scheme"] == "CPC")),
            titles={t["language"]: t["title"] for t in rows["titles"]},
        )


def _count(folder: Path) -> int | None:
    """Publications in the folder's tls211 parts (their lines, less the headers)."""
    total = 0
    for part in _parts(folder, "tls211"):
        if part.suffix.lower() == ".zip":
            with zipfile.ZipFile(part) as archive:
                for member in archive.namelist():
                    with archive.open(member) as handle:
                        total += sum(1 for _ in handle) - 1
        else:
            with part.open("rb") as handle:
                total += sum(1 for _ in handle) - 1
    return total


@dataclass(frozen=True)
class FolderReader(Reader):
    """A reader of a folder of files (PATSTAT's tables) rather than of one file."""

    def recognises(self, path: Path, root: str | None) -> bool:
        return path.is_dir() and bool(_parts(path, "tls211") or _parts(path, "tls201"))


READER = FolderReader(
    "PATSTAT Global CSV tables (a folder)", read_patstat, count=_count, tables=_tables
)
