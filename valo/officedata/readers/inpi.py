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
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from valo.officedata.readers.base import Reader, count_tag
from valo.officedata.readers.ops import clean_name, parse_date
from valo.officedata.records import DocumentRef, OfficeDataError, Party, PublicationRecord

POSTCODE = re.compile(r"^\d{5}$")


def _text(element: Any) -> str:
    """An element's own text, stripped ("" when it has none)."""
    text = element.text
    return text.strip() if text else ""


def _document_id(reference: Any) -> tuple[str, str, str, str] | None:
    """Country, number, kind and date of a reference's first `document-id` (None when it has
    none): one pass over its children, each field's first occurrence."""
    for found in reference.iterchildren("document-id"):
        fields = {"country": "", "doc-number": "", "kind": "", "date": ""}
        for child in found:
            tag = child.tag
            if tag in fields and not fields[tag]:
                fields[tag] = _text(child)
        return fields["country"], fields["doc-number"], fields["kind"], fields["date"]
    return None


# A party's addressbook fields read (the first of each), and its address's.
BOOK = ("orgname", "name", "last-name", "first-name", "iid")
ADDRESS = ("city", "postcode", "country")


def _party(entry: Any, sequence: int) -> Party:
    book = dict.fromkeys(BOOK, "")
    address = dict.fromkeys(ADDRESS, "")
    seen_address = False
    for found in entry.iterchildren("addressbook"):
        for child in found:
            tag = child.tag
            if tag == "address":
                if seen_address:
                    continue  # the first address only
                seen_address = True
                for part in child:
                    if part.tag in address and not address[part.tag]:
                        address[part.tag] = _text(part)
            elif tag in book and not book[tag]:
                book[tag] = _text(child)
        break
    name = book["orgname"] or book["name"]
    if not name:
        name = " ".join(p for p in (book["last-name"], book["first-name"]) if p)
    city, postcode = address["city"], address["postcode"]
    repaired = False
    if POSTCODE.match(city) and not POSTCODE.match(postcode):
        city, postcode, repaired = postcode, city, True
    return Party(
        name=clean_name(name),
        country=address["country"],
        sequence=sequence,
        identifier=book["iid"],
        city=city,
        postcode=postcode,
        repaired=repaired,
    )


def _parties(container: Any, tag: str) -> tuple[Party, ...]:
    """Merge the `liste` and `notice` renderings of each party by sequence, `liste` first."""
    if container is None:
        return ()
    merged: dict[int, Party] = {}
    entries = list(container.iterchildren(tag))
    entries.sort(key=lambda e: e.get("data-format") != "liste")
    for entry in entries:
        sequence = int(entry.get("sequence") or 0)
        if sequence in merged:
            continue  # given already (by its `liste` rendering)
        party = _party(entry, sequence)
        if party.name:
            merged[sequence] = party
    return tuple(merged[k] for k in sorted(merged))


def _record(document: Any, source: str, status: str) -> PublicationRecord:
    """One document's record; `status`: the file's (from its name), unless the document says."""
    label = (
        f"{document.get('country', 'FR')}{document.get('doc-number', '')}{document.get('kind', '')}"
    )
    biblio = next(document.iterchildren("fr-bibliographic-data"), None)
    if biblio is None:
        raise OfficeDataError(source, label, "fr-bibliographic-data", "missing")
    # One pass over the bibliographic data's children.
    publication = first_reference = application = applicants = inventors = None
    priorities, ipc, titles = [], [], {}
    for child in biblio:
        tag = child.tag
        if tag == "fr-publication-reference":
            if publication is None and child.get("data-format") == "inpi":
                publication = child
            elif first_reference is None:
                first_reference = child
        elif tag == "fr-application-reference":
            if application is None:
                application = child
        elif tag == "applicants":
            if applicants is None:
                applicants = child
        elif tag == "inventors":
            if inventors is None:
                inventors = child
        elif tag == "classification-ipcr":
            for text in child.iterchildren("text"):
                if code := "".join((text.text or "")[:19].split()):
                    ipc.append(code)
        elif tag == "fr-priority-claim":
            claim = {"country": "", "doc-number": "", "date": ""}
            for field in child:
                if field.tag in claim and not claim[field.tag]:
                    claim[field.tag] = _text(field)
            where = (source, label, "fr-priority-claim/date")
            priorities.append(
                DocumentRef(
                    claim["country"], claim["doc-number"], "", parse_date(claim["date"], where)
                )
            )
        elif tag == "invention-title":
            titles[(child.get("lang") or "fr").lower()] = clean_name("".join(child.itertext()))
    if publication is None:
        publication = first_reference
    if publication is None:
        raise OfficeDataError(source, label, "fr-publication-reference", "missing")
    country, number, kind, date = _document_id(publication) or ("", "", "", "")
    number = number or document.get("doc-number", "")
    kind = kind or document.get("kind", "")
    if not number:
        raise OfficeDataError(source, label, "fr-publication-reference/doc-number", "missing")
    filed = _document_id(application) if application is not None else None
    if filed is None:
        raise OfficeDataError(source, label, "fr-application-reference", "missing")
    return PublicationRecord(
        source=source,
        publication=DocumentRef(
            country or "FR",
            number,
            kind,
            parse_date(date, (source, label, "fr-publication-reference/date")),
        ),
        application=DocumentRef(
            "FR",
            filed[1] or document.get("id", ""),
            "",
            parse_date(filed[3], (source, label, "fr-application-reference/date")),
        ),
        family_id=document.get("family-id", ""),
        priorities=tuple(priorities),
        applicants=_parties(applicants, "applicant"),
        inventors=_parties(inventors, "inventor"),
        ipc=tuple(ipc),
        titles=titles,
        status=(document.get("status") or "").upper() or status,
    )


# A zip member up to this size is parsed whole (the weekly files hold one small document per
# member: parsing it in one call is several times faster than setting up a streaming parse); a larger
# one, or a single XML file, is streamed document by document.
WHOLE_MEMBER_BYTES = 4 << 20


def _stream(stream: Any, name: str, status: str) -> Iterator[PublicationRecord]:
    try:
        for _event, element in etree.iterparse(stream, events=("end",), tag="fr-patent-document"):
            yield _record(element, name, status)
            element.clear()
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error


def _whole(
    data: bytes, name: str, status: str, parser: etree.XMLParser
) -> Iterator[PublicationRecord]:
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error
    documents = [root] if root.tag == "fr-patent-document" else root.iter("fr-patent-document")
    for document in documents:
        yield _record(document, name, status)


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
        # One parser for the file's members (not shared between threads); no index of `id`
        # attributes (the root's `id` is read as an attribute, never looked up).
        parser = etree.XMLParser(collect_ids=False)
        with archive:
            members = sorted(
                (i for i in archive.infolist() if i.filename.lower().endswith(".xml")),
                key=lambda i: i.filename,
            )
            for member in members:
                where = f"{name}/{member.filename}"
                try:
                    if member.file_size <= WHOLE_MEMBER_BYTES:
                        yield from _whole(archive.read(member), where, status, parser)
                        continue
                    with archive.open(member) as stream:
                        yield from _stream(stream, where, status)
                except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
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
