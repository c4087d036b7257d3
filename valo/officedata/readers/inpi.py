"""Reader of INPI's ST.36 `fr-patent-document` XML (reference/office-data.md §1.3), from single files
or the weekly zip files (FRNEWST36 new, FRAMDST36 amended records).

Traps handled (§1.4): parties duplicated as `liste` and `notice` (merged by role and sequence,
`liste` preferred); the filing date read from `fr-application-reference` only; priorities from
`fr-priority-claim`; city and postcode swapped (repaired by the five-digit pattern, flagged); `iid`
kept as the applicant's SIREN; root `id` = application number, `doc-number` = publication number.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from lxml import etree

from valo.officedata.readers.base import Reader, count_tag
from valo.officedata.readers.ops import clean_name, parse_date
from valo.officedata.records import DocumentRef, OfficeDataError, Party, PublicationRecord

POSTCODE = re.compile(r"^\d{5}$")


def _text(element: Any, path: str) -> str:
    found = element.find(path) if element is not None else None
    return "" if found is None or found.text is None else found.text.strip()


def _party(entry: Any) -> Party:
    book = entry.find("addressbook")
    if book is None:
        return Party(name="")
    name = _text(book, "orgname") or _text(book, "name")
    if not name:
        parts = [_text(book, "last-name"), _text(book, "first-name")]
        name = " ".join(p for p in parts if p)
    city, postcode = _text(book, "address/city"), _text(book, "address/postcode")
    repaired = False
    if POSTCODE.match(city) and not POSTCODE.match(postcode):
        city, postcode, repaired = postcode, city, True
    return Party(
        name=clean_name(name),
        country=_text(book, "address/country"),
        sequence=int(entry.get("sequence") or 0),
        identifier=_text(book, "iid"),
        city=city,
        postcode=postcode,
        repaired=repaired,
    )


def _parties(container: Any, tag: str) -> tuple[Party, ...]:
    """Merge the `liste` and `notice` renderings of each party by sequence, `liste` first."""
    if container is None:
        return ()
    merged: dict[int, Party] = {}
    entries = sorted(container.iterfind(tag), key=lambda e: e.get("data-format") != "liste")
    for entry in entries:
        party = _party(entry)
        if party.name and party.sequence not in merged:
            merged[party.sequence] = party
    return tuple(merged[k] for k in sorted(merged))


def _record(document: Any, source: str) -> PublicationRecord:
    application_number = document.get("id", "")
    label = (
        f"{document.get('country', 'FR')}{document.get('doc-number', '')}{document.get('kind', '')}"
    )
    biblio = document.find("fr-bibliographic-data")
    if biblio is None:
        raise OfficeDataError(source, label, "fr-bibliographic-data", "missing")
    references = list(biblio.iterfind("fr-publication-reference"))
    publication = next(
        (r for r in references if r.get("data-format") == "inpi"),
        references[0] if references else None,
    )
    if publication is None:
        raise OfficeDataError(source, label, "fr-publication-reference", "missing")
    pub = publication.find("document-id")
    number = _text(pub, "doc-number") or document.get("doc-number", "")
    kind = _text(pub, "kind") or document.get("kind", "")
    if not number:
        raise OfficeDataError(source, label, "fr-publication-reference/doc-number", "missing")
    application = biblio.find("fr-application-reference/document-id")
    if application is None:
        raise OfficeDataError(source, label, "fr-application-reference", "missing")
    filing = parse_date(
        _text(application, "date"), (source, label, "fr-application-reference/date")
    )
    priorities = tuple(
        DocumentRef(
            _text(claim, "country"),
            _text(claim, "doc-number"),
            "",
            parse_date(_text(claim, "date"), (source, label, "fr-priority-claim/date")),
        )
        for claim in biblio.iterfind("fr-priority-claim")
    )
    ipc = tuple(
        code
        for t in biblio.iterfind("classification-ipcr/text")
        if (code := re.sub(r"\s+", "", (t.text or "")[:19]))
    )
    status = (document.get("status") or "").upper()
    return PublicationRecord(
        source=source,
        publication=DocumentRef(
            _text(pub, "country") or "FR",
            number,
            kind,
            parse_date(_text(pub, "date"), (source, label, "fr-publication-reference/date")),
        ),
        application=DocumentRef(
            "FR", _text(application, "doc-number") or application_number, "", filing
        ),
        family_id=document.get("family-id", ""),
        priorities=priorities,
        applicants=_parties(biblio.find("applicants"), "applicant"),
        inventors=_parties(biblio.find("inventors"), "inventor"),
        ipc=ipc,
        titles={
            (t.get("lang") or "fr").lower(): clean_name("".join(t.itertext()))
            for t in biblio.iterfind("invention-title")
        },
        status=status,
    )


def _stream(stream: Any, name: str, status: str) -> Iterator[PublicationRecord]:
    try:
        for _event, element in etree.iterparse(stream, events=("end",), tag="fr-patent-document"):
            record = _record(element, name)
            if not record.status and status:
                record = replace(record, status=status)
            yield record
            element.clear()
    except etree.XMLSyntaxError as error:
        raise OfficeDataError(
            name, "", f"line {error.lineno}", f"malformed XML ({error.msg})"
        ) from error


def _status_from_name(name: str) -> str:
    return "AMENDED" if "FRAMD" in name.upper() else ("NEW" if "FRNEW" in name.upper() else "")


def read_inpi(source: str | Path | IO[bytes]) -> Iterator[PublicationRecord]:
    """The documents of an INPI XML file or weekly zip (every XML member, in name order)."""
    name = (
        Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "stream")
    )
    status = _status_from_name(name)
    if name.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(source)
        except zipfile.BadZipFile as error:
            raise OfficeDataError(name, "", "-", "not a readable zip file") from error
        with archive:
            for member in sorted(n for n in archive.namelist() if n.lower().endswith(".xml")):
                try:
                    with archive.open(member) as stream:
                        yield from _stream(stream, f"{name}/{member}", status)
                except (zipfile.BadZipFile, EOFError, OSError) as error:
                    # A damaged member (bad CRC, truncated data): the file is refused whole.
                    raise OfficeDataError(
                        f"{name}/{member}", "", "-", f"damaged zip member ({error})"
                    ) from error
        return
    yield from _stream(str(source) if isinstance(source, (str, Path)) else source, name, status)


def _count(path: Path) -> int | None:
    """One document per XML member of a weekly zip; the documents of a single XML file."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            return sum(1 for n in archive.namelist() if n.lower().endswith(".xml"))
    return count_tag(b"fr-patent-document")(path)


READER = Reader(
    "INPI ST.36 (XML or weekly zip)",
    read_inpi,
    suffixes=(".zip",),
    roots=("fr-patent-document", "fr-patent-documents"),
    count=_count,
)
