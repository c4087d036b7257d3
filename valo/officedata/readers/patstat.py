"""Reader of PATSTAT Global's tables as the EPO distributes them: a folder of zipped CSV parts
(`tls201_part01.zip` holding `tls201_part01.csv`, …; plain `.csv` parts are read too), comma-separated,
double-quoted, a header row, UTF-8, "9999-12-31" for an unknown date.

The tables are joined in DuckDB — applications (tls201), titles (tls202), priorities (tls204), persons
(tls206), who is applicant or inventor of what (tls207), publications (tls211), IPC (tls209) and CPC
(tls224) — into one record per publication: its applicants (`person_name`, data format "patstat",
in `applt_seq_nr` order) and inventors, with PATSTAT's own harmonised names kept beside them as names
of data format "psn" (`psn_name`) and "han" (`han_name`, where given). tls201, tls206, tls207 and
tls211 are required; the others are read when present. docs/rankings.md maps every column."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

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


def _read_part(path: Path, table: str, columns: tuple[str, ...]) -> pa.Table:
    """One CSV part (zipped or not) as strings; names the file and the column at fault."""
    read = pacsv.ReadOptions(block_size=1 << 24)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(columns, pa.string()),
        include_columns=list(columns),
        strings_can_be_null=False,
    )
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if not members:
                    raise OfficeDataError(path.name, "", "zip", "holds no CSV part")
                tables = [
                    pacsv.read_csv(
                        io.BytesIO(archive.read(m)), read_options=read, convert_options=convert
                    )
                    for m in members
                ]
                return pa.concat_tables(tables)
        return pacsv.read_csv(path, read_options=read, convert_options=convert)
    except (pa.ArrowInvalid, KeyError) as error:
        raise OfficeDataError(path.name, "", table, f"not a {table} CSV part: {error}") from error
    except zipfile.BadZipFile as error:
        raise OfficeDataError(path.name, "", "zip", f"not a zip file: {error}") from error


def _date(value: str | None) -> datetime.date | None:
    if not value or value == UNKNOWN_DATE:
        return None
    return datetime.date.fromisoformat(value[:10])


@dataclass
class _Person:
    name: str
    country: str
    psn: str
    han: str
    sequence: int


def _load(folder: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table, columns in TABLES.items():
        parts = _parts(folder, table)
        if not parts and table in REQUIRED:
            raise OfficeDataError(folder.name, "", table, f"no {table}_part… file in the folder")
        data = (
            pa.concat_tables([_read_part(p, table, columns) for p in parts])
            if parts
            else pa.table({c: pa.array([], pa.string()) for c in columns})
        )
        con.register(table, data)
    return con


def read_patstat(folder: Path) -> Iterator[PublicationRecord]:
    """One record per publication (tls211), in publication id order."""
    folder = Path(folder)
    con = _load(folder)
    people: dict[str, list[tuple[str, _Person]]] = {}
    for appln, role, sequence, name, country, psn, han in con.execute(
        """
        SELECT l.appln_id, CASE WHEN try_cast(l.applt_seq_nr AS INTEGER) > 0 THEN 'applicant'
            ELSE 'inventor' END, greatest(try_cast(l.applt_seq_nr AS INTEGER),
            try_cast(l.invt_seq_nr AS INTEGER)), p.person_name, p.person_ctry_code, p.psn_name,
            p.han_name
        FROM tls207 l JOIN tls206 p USING (person_id)
        WHERE try_cast(l.applt_seq_nr AS INTEGER) > 0 OR try_cast(l.invt_seq_nr AS INTEGER) > 0
        ORDER BY l.appln_id, 2, 3
        """
    ).fetchall():
        people.setdefault(appln, []).append(
            (role, _Person(name, country or "", psn or "", han or "", sequence))
        )
    classes: dict[str, dict[str, list[str]]] = {}
    for appln, scheme, code in con.execute(
        "SELECT appln_id, 'IPC', ipc_class_symbol FROM tls209 UNION ALL "
        "SELECT appln_id, 'CPC', cpc_class_symbol FROM tls224 ORDER BY 1, 2, 3"
    ).fetchall():
        classes.setdefault(appln, {}).setdefault(scheme, []).append(" ".join(code.split()))
    titles: dict[str, dict[str, str]] = {}
    for appln, lg, title in con.execute(
        "SELECT appln_id, appln_title_lg, appln_title FROM tls202"
    ).fetchall():
        titles.setdefault(appln, {})[(lg or "en").lower()] = title
    priorities: dict[str, list[DocumentRef]] = {}
    for appln, country, number, filed in con.execute(
        "SELECT r.appln_id, a.appln_auth, a.appln_nr, a.appln_filing_date FROM tls204 r "
        "JOIN tls201 a ON a.appln_id = r.prior_appln_id "
        "ORDER BY r.appln_id, try_cast(r.prior_appln_seq_nr AS INTEGER)"
    ).fetchall():
        priorities.setdefault(appln, []).append(DocumentRef(country, number, "", _date(filed)))
    rows = con.execute(
        """
        SELECT u.pat_publn_id, u.publn_auth, u.publn_nr, u.publn_kind, u.publn_date, u.appln_id,
            a.appln_auth, a.appln_nr, a.appln_kind, a.appln_filing_date, a.docdb_family_id,
            a.inpadoc_family_id
        FROM tls211 u LEFT JOIN tls201 a USING (appln_id)
        ORDER BY try_cast(u.pat_publn_id AS BIGINT)
        """
    ).fetchall()
    for row in rows:
        (
            publn_id,
            auth,
            number,
            kind,
            published,
            appln,
            a_auth,
            a_nr,
            a_kind,
            filed,
            docdb,
            inpadoc,
        ) = row
        label = f"pat_publn_id {publn_id}"
        if a_nr is None:
            raise OfficeDataError(
                folder.name, label, "tls211.appln_id", f"application {appln} is not in tls201"
            )
        if not auth or not number:
            raise OfficeDataError(folder.name, label, "tls211.publn_nr", "missing")
        parties = people.get(appln, [])
        applicants = [p for role, p in parties if role == "applicant"]
        inventors = [p for role, p in parties if role == "inventor"]

        def names(found: list[_Person], attribute: str, data_format: str) -> list[Party]:
            return [
                Party(getattr(p, attribute), p.country, p.sequence, data_format=data_format)
                for p in found
                if getattr(p, attribute)
            ]

        counted = names(applicants, "name", "patstat")
        yield PublicationRecord(
            source=f"{folder.name}/tls211",
            publication=DocumentRef(auth, number, kind or "", _date(published)),
            application=DocumentRef(a_auth or auth, a_nr, a_kind or "", _date(filed)),
            family_id=docdb if docdb and docdb != "0" else "",
            inpadoc_family_id=inpadoc if inpadoc and inpadoc != "0" else "",
            priorities=tuple(p for p in priorities.get(appln, []) if p.number != a_nr),
            applicants=tuple(counted),
            inventors=tuple(names(inventors, "name", "patstat")),
            applicant_names=tuple(
                counted + names(applicants, "psn", "psn") + names(applicants, "han", "han")
            ),
            inventor_names=tuple(names(inventors, "name", "patstat")),
            ipc=tuple(classes.get(appln, {}).get("IPC", [])),
            cpc=tuple(classes.get(appln, {}).get("CPC", [])),
            titles=titles.get(appln, {}),
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


READER = FolderReader("PATSTAT Global CSV tables (a folder)", read_patstat, count=_count)
