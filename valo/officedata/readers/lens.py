"""Reader of Lens.org CSV patent exports (reference/office-data.md §3): `;;` separates the values of a
cell, lines may end with CR only, dates are DD/MM/YY or ISO, numbers are formatted for display.

A file as a user keeps it is read too: re-saved by a spreadsheet in a legacy encoding (detected, or
given), with a semicolon delimiter. Kept: jurisdiction, kind, publication and application numbers and
dates, priorities, title, applicants, inventors, CPC and IPCR classes. Not kept: URL, type, full-text
flag, citation counts, family sizes, sequence count, US classes, PubMed ids, DOIs, non-patent citations
(none is used by the rankings; the source file stays where it was)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from valo.officedata.readers.base import Reader, count_bytes
from valo.officedata.readers.ops import clean_name
from valo.officedata.records import DocumentRef, OfficeDataError, Party, PublicationRecord
from valo.officedata.text import decode, delimiter

REQUIRED = (
    "Jurisdiction",
    "Kind",
    "Publication Number",
    "Publication Date",
    "Application Number",
    "Applicants",
)
PRIORITY = re.compile(r"^([A-Z]{2})\s*(\S+)\s+\S+\s+(\d{8})$")


def _date(value: str, where: tuple[str, str, str]) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise OfficeDataError(*where, f"not a date: {value!r}")


def _number(value: str, country: str) -> str:
    """'US 2013/0101709 A1' → '20130101709'; 'US 201213657122 A' → '201213657122'."""
    parts = value.replace("/", "").split()
    if parts and parts[0] == country:
        parts = parts[1:]
    if len(parts) > 1 and re.fullmatch(r"[A-Z]\d?", parts[-1]):
        parts = parts[:-1]
    return "".join(parts)


def _values(cell: str | None) -> list[str]:
    return [value.strip() for value in (cell or "").split(";;") if value.strip()]


def read_lens(
    source: str | Path | IO[bytes],
    *,
    encoding: str | None = None,
    report: Callable[[str], None] | None = None,
) -> Iterator[PublicationRecord]:
    name = (
        Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "stream")
    )
    raw = Path(source).read_bytes() if isinstance(source, (str, Path)) else source.read()
    decoded = decode(raw, name, encoding)
    text = decoded.text.lstrip("\ufeff")
    header = text.splitlines()[0] if text else ""
    separator = delimiter(header)
    if report is not None:
        report(
            f"{name}: read as {decoded.encoding} ({decoded.how}), delimiter {separator!r}, "
            f"line endings {decoded.line_endings}"
        )
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=separator)
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        raise OfficeDataError(
            name, "header", ", ".join(missing), "missing column(s): not a Lens patent export"
        )
    for line, row in enumerate(reader, start=2):
        country = row["Jurisdiction"].strip()
        label = row["Publication Number"].strip() or f"line {line}"
        where = (name, label, "")
        publication_number = _number(row["Publication Number"], country)
        if not publication_number:
            raise OfficeDataError(name, f"line {line}", "Publication Number", "missing")
        priorities = []
        for item in filter(None, (p.strip() for p in row.get("Priority Numbers", "").split(";;"))):
            match = PRIORITY.match(item)
            if match:
                priorities.append(
                    DocumentRef(
                        match.group(1),
                        match.group(2),
                        "",
                        _date(
                            match.group(3)[:4]
                            + "-"
                            + match.group(3)[4:6]
                            + "-"
                            + match.group(3)[6:],
                            where,
                        ),
                    )
                )
        applicants = tuple(
            Party(name=clean_name(n), sequence=i, data_format="lens")
            for i, n in enumerate(_values(row["Applicants"]), start=1)
        )
        inventors = tuple(
            Party(name=clean_name(n), sequence=i, data_format="lens")
            for i, n in enumerate(_values(row.get("Inventors")), start=1)
        )
        yield PublicationRecord(
            source=name,
            publication=DocumentRef(
                country,
                publication_number,
                row["Kind"].strip(),
                _date(row["Publication Date"], (name, label, "Publication Date")),
            ),
            application=DocumentRef(
                country,
                _number(row["Application Number"], country),
                "",
                _date(row.get("Application Date", ""), (name, label, "Application Date")),
            ),
            priorities=tuple(priorities),
            applicants=applicants,
            inventors=inventors,
            titles={"en": (row.get("Title") or "").strip()},
            ipc=tuple(_values(row.get("IPCR Classifications"))),
            cpc=tuple(_values(row.get("CPC Classifications"))),
        )


def _count(path: Path) -> int | None:
    """Its lines but the header (a cell may hold a line break: an estimate)."""
    return max(count_bytes(path, b"\n") or count_bytes(path, b"\r"), 1) - 1


READER = Reader("Lens.org CSV export", read_lens, suffixes=(".csv",), text=True, count=_count)
