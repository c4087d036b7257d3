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


def _children(element: Any) -> dict[str, Any]:
    """An element's children by tag (the first of each): one pass over them is several times
    faster than one `find` per field."""
    children: dict[str, Any] = {}
    if element is not None:
        for child in element:
            children.setdefault(child.tag, child)
    return children


def _text(children: dict[str, Any] | None, tag: str) -> str:
    """The stripped text of the child `tag` ("" when absent)."""
    child = children.get(tag) if children else None
    return "" if child is None else (child.text or "").strip()


def _party(entry: Any) -> Party:
    fields = _children(_children(entry).get("addressbook"))
    name = _text(fields, "orgname") or _text(fields, "name")
    if not name:
        parts = [_text(fields, "last-name"), _text(fields, "first-name")]
        name = " ".join(p for p in parts if p)
    address = _children(fields.get("address"))
    city, postcode = _text(address, "city"), _text(address, "postcode")
    repaired = False
    if POSTCODE.match(city) and not POSTCODE.match(postcode):
        city, postcode, repaired = postcode, city, True
    return Party(
        name=clean_name(name),
        country=_text(address, "country"),
        sequence=int(entry.get("sequence") or 0),
        identifier=_text(fields, "iid"),
        city=city,
        postcode=postcode,
        repaired=repaired,
    )


def _parties(container: Any, tag: str) -> tuple[Party, ...]:
    """Merge the `liste` and `notice` renderings of each party by sequence, `liste` first."""
    if container is None:
        return ()
    merged: dict[int, Party] = {}
    entries = sorted(
        (e for e in container if e.tag == tag), key=lambda e: e.get("data-format") != "liste"
    )
    for entry in entries:
        if int(entry.get("sequence") or 0) in merged:
            continue  # given already (by its `liste` rendering)
        party = _party(entry)
        if party.name:
            merged[party.sequence] = party
    return tuple(merged[k] for k in sorted(merged))


def _record(document: Any, source: str) -> PublicationRecord:
    application_number = document.get("id", "")
    label = (
        f"{document.get('country', 'FR')}{document.get('doc-number', '')}{document.get('kind', '')}"
    )
    biblio = next((c for c in document if c.tag == "fr-bibliographic-data"), None)
    if biblio is None:
        raise OfficeDataError(source, label, "fr-bibliographic-data", "missing")
    # One pass over the bibliographic data's children.
    references, applications, claims, ipcr, titles, parties = [], [], [], [], [], {}
    for child in biblio:
        tag = child.tag
        if tag == "fr-publication-reference":
            references.append(child)
        elif tag == "fr-application-reference":
            applications.append(child)
        elif tag == "fr-priority-claim":
            claims.append(_children(child))
        elif tag == "classification-ipcr":
            ipcr.append(child)
        elif tag == "invention-title":
            titles.append(child)
        elif tag in ("applicants", "inventors"):
            parties.setdefault(tag, child)
    publication = next(
        (r for r in references if r.get("data-format") == "inpi"),
        references[0] if references else None,
    )
    if publication is None:
        raise OfficeDataError(source, label, "fr-publication-reference", "missing")
    pub = _document_id(publication)
    number = _text(pub, "doc-number") or document.get("doc-number", "")
    kind = _text(pub, "kind") or document.get("kind", "")
    if not number:
        raise OfficeDataError(source, label, "fr-publication-reference/doc-number", "missing")
    application = _document_id(applications[0]) if applications else None
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
        for claim in claims
    )
    ipc = tuple(
        code
        for c in ipcr
        for t in c.iterfind("text")
        if (code := "".join((t.text or "")[:19].split()))
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
        applicants=_parties(parties.get("applicants"), "applicant"),
        inventors=_parties(parties.get("inventors"), "inventor"),
        ipc=ipc,
        titles={(t.get("lang") or "fr").lower(): clean_name("".join(t.itertext())) for t in titles},
        status=status,
    )


def _document_id(reference: Any) -> dict[str, Any] | None:
    """The children of a reference's first `document-id` (None when it has none)."""
    found = _children(reference).get("document-id")
    return None if found is None else _children(found)


# A zip member up to this size is parsed whole (the weekly files hold one small document per
# member: parsing it in one call is several times faster than setting up a streaming parse); a larger
# one, or a single XML file, is streamed document by document.
WHOLE_MEMBER_BYTES = 4 << 20


def _stream(stream: Any, name: str, status: str) -> Iterator[PublicationRecord]:
    try:
        for _event, element in etree.iterparse(stream, events=("end",), tag="fr-patent-document"):
            yield _with_status(_record(element, name), status)
            element.clear()
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error


def _whole(data: bytes, name: str, status: str) -> Iterator[PublicationRecord]:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error
    documents = [root] if root.tag == "fr-patent-document" else root.iter("fr-patent-document")
    for document in documents:
        yield _with_status(_record(document, name), status)


def _with_status(record: PublicationRecord, status: str) -> PublicationRecord:
    return replace(record, status=status) if not record.status and status else record


def _malformed(name: str, error: etree.XMLSyntaxError) -> OfficeDataError:
    return OfficeDataError(name, "", f"line {error.lineno}", f"malformed XML ({error.msg})")


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
            members = sorted(
                (i for i in archive.infolist() if i.filename.lower().endswith(".xml")),
                key=lambda i: i.filename,
            )
            for member in members:
                where = f"{name}/{member.filename}"
                try:
                    if member.file_size <= WHOLE_MEMBER_BYTES:
                        yield from _whole(archive.read(member), where, status)
                        continue
                    with archive.open(member) as stream:
                        yield from _stream(stream, where, status)
                except (zipfile.BadZipFile, EOFError, OSError) as error:
                    # A damaged member (bad CRC, truncated data): the file is refused whole.
                    raise OfficeDataError(
                        where, "", "-", f"damaged zip member ({error})"
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
