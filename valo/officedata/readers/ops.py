"""Reader of EPO OPS responses (reference/office-data.md §2): exchange documents (biblio, full-cycle,
family/biblio) and INPADOC legal events (legal, family/legal).

Streams with lxml iterparse and frees each document once read. Traps handled: parties appear in
`epodoc` and `original` formats (both are kept, each with its format and sequence, in
`applicant_names`/`inventor_names`; the counts use the epodoc set; the EN SPACE before the country
suffix is normalised);
the filing date sits only in the epodoc application id; INPADOC codes are space-padded; elements are
matched by namespace, never by prefix.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from valo.officedata.readers.base import Reader, count_tag
from valo.officedata.records import (
    DocumentRef,
    LegalEventRecord,
    OfficeDataError,
    Party,
    PublicationRecord,
)

EX = "{http://www.epo.org/exchange}"
OPS = "{http://ops.epo.org}"
COUNTRY_SUFFIX = re.compile(r"\s*\[([A-Z]{2})\]\s*$")


def _text(element: Any) -> str:
    return "" if element is None or element.text is None else element.text


def clean_name(raw: str) -> str:
    """Unicode spaces → plain spaces, runs collapsed, edges and trailing commas trimmed."""
    # str.split() splits on every Unicode space (category Zs) and on line breaks and tabs.
    return " ".join(raw.split()).rstrip(",").strip()


def parse_date(value: str, where: tuple[str, str, str]) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if "-" in value:
            return datetime.date.fromisoformat(value)
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as error:
        raise OfficeDataError(*where, f"not a date: {value!r}") from error


def _ids(reference: Any) -> dict[str, Any]:
    return (
        {d.get("document-id-type"): d for d in reference.iter(f"{EX}document-id")}
        if reference is not None
        else {}
    )


def _docdb(reference: Any, where: tuple[str, str, str]) -> DocumentRef:
    """A reference from its docdb id; its date, when missing there, from the epodoc id."""
    ids = _ids(reference)
    docdb, epodoc = ids.get("docdb"), ids.get("epodoc")
    if docdb is None:
        if epodoc is None:
            raise OfficeDataError(*where, "no docdb or epodoc document-id")
        number = _text(epodoc.find(f"{EX}doc-number")).strip()
        return DocumentRef(
            number[:2], number[2:], "", parse_date(_text(epodoc.find(f"{EX}date")), where)
        )
    country = _text(docdb.find(f"{EX}country")).strip()
    number = _text(docdb.find(f"{EX}doc-number")).strip()
    if not country or not number:
        raise OfficeDataError(*where, "document-id without country or doc-number")
    raw_date = _text(docdb.find(f"{EX}date")) or (
        _text(epodoc.find(f"{EX}date")) if epodoc is not None else ""
    )
    return DocumentRef(
        country, number, _text(docdb.find(f"{EX}kind")).strip(), parse_date(raw_date, where)
    )


def _names(container: Any, tag: str) -> tuple[Party, ...]:
    """Every name of the parties in every data format given (epodoc, original, docdb), each with
    its format and sequence, duplicates of one format and sequence dropped (office-data.md §2)."""
    if container is None:
        return ()
    parties: dict[tuple[str, int], Party] = {}
    for entry in container.iter(f"{EX}{tag}"):
        data_format = entry.get("data-format") or ""
        raw = clean_name("".join(entry.itertext()))
        match = COUNTRY_SUFFIX.search(raw)
        country = match.group(1) if match else ""
        name = clean_name(COUNTRY_SUFFIX.sub("", raw))
        sequence = int(entry.get("sequence") or len(parties) + 1)
        if name and (data_format, sequence) not in parties:
            parties[(data_format, sequence)] = Party(
                name=name, country=country, sequence=sequence, data_format=data_format
            )
    return tuple(parties[k] for k in sorted(parties, key=lambda k: (k[0] != "epodoc", k)))


def preferred(names: tuple[Party, ...]) -> tuple[Party, ...]:
    """The one set of parties the counts use: the epodoc names (normalised by the EPO) when given,
    else the names in the first format given."""
    formats = [party.data_format for party in names]
    chosen = "epodoc" if "epodoc" in formats else (formats[0] if formats else "")
    return tuple(party for party in names if party.data_format == chosen)


def _cpc(classification: Any) -> str:
    part = {child.tag.removeprefix(EX): _text(child).strip() for child in classification}
    head = f"{part.get('section', '')}{part.get('class', '')}{part.get('subclass', '')}"
    return f"{head}{part.get('main-group', '')}/{part.get('subgroup', '')}" if head else ""


def _ipc(text: str) -> str:
    """'H04W  84/    20   A I' → 'H04W84/20'."""
    compact = re.sub(r"\s+", "", text.strip()[:19])
    match = re.match(r"([A-H]\d{2}[A-Z]\d+/\d+)", compact)
    return match.group(1) if match else ""


def _publication(document: Any, source: str) -> PublicationRecord:
    label = (
        f"{document.get('country', '')}{document.get('doc-number', '')}{document.get('kind', '')}"
    )
    biblio = document.find(f"{EX}bibliographic-data")
    if biblio is None:
        raise OfficeDataError(source, label, "bibliographic-data", "missing")
    publication = _docdb(
        biblio.find(f"{EX}publication-reference"), (source, label, "publication-reference")
    )
    # An abstract-only response carries the publication and no application.
    application_ref = biblio.find(f"{EX}application-reference")
    application = (
        _docdb(application_ref, (source, label, "application-reference"))
        if application_ref is not None
        else None
    )
    priorities = tuple(
        _docdb(claim, (source, label, "priority-claim"))
        for claim in biblio.iterfind(f"{EX}priority-claims/{EX}priority-claim")
    )
    parties = biblio.find(f"{EX}parties")
    titles = {
        (t.get("lang") or "").lower(): clean_name("".join(t.itertext()))
        for t in biblio.iterfind(f"{EX}invention-title")
    }
    ipc = tuple(
        dict.fromkeys(
            code
            for t in biblio.iter(f"{EX}classification-ipcr")
            if (code := _ipc(_text(t.find(f"{EX}text"))))
        )
    )
    cpc = tuple(
        dict.fromkeys(code for c in biblio.iter(f"{EX}patent-classification") if (code := _cpc(c)))
    )
    applicant_names = _names(
        parties.find(f"{EX}applicants") if parties is not None else None, "applicant"
    )
    inventor_names = _names(
        parties.find(f"{EX}inventors") if parties is not None else None, "inventor"
    )
    return PublicationRecord(
        source=source,
        publication=publication,
        application=application,
        family_id=document.get("family-id", ""),
        priorities=priorities,
        applicants=preferred(applicant_names),
        inventors=preferred(inventor_names),
        applicant_names=applicant_names,
        inventor_names=inventor_names,
        ipc=ipc,
        cpc=cpc,
        titles=titles,
    )


def _open(source: str | Path | IO[bytes]) -> tuple[Any, str]:
    if isinstance(source, (str, Path)):
        return str(source), Path(source).name
    return source, getattr(source, "name", "stream")


def read_publications(source: str | Path | IO[bytes]) -> Iterator[PublicationRecord]:
    """Every exchange document of an OPS response, as normalised records, in file order."""
    stream, name = _open(source)
    try:
        for _event, element in etree.iterparse(
            stream, events=("end",), tag=f"{EX}exchange-document"
        ):
            yield _publication(element, name)
            element.clear()
    except etree.XMLSyntaxError as error:
        raise OfficeDataError(
            name, "", f"line {error.lineno}", f"malformed XML ({error.msg})"
        ) from error


def read_legal_events(source: str | Path | IO[bytes]) -> Iterator[LegalEventRecord]:
    """The INPADOC legal events of each family member of an OPS legal response."""
    stream, name = _open(source)
    try:
        for _event, member in etree.iterparse(stream, events=("end",), tag=f"{OPS}family-member"):
            yield from _member_events(member, name)
            member.clear()
    except etree.XMLSyntaxError as error:
        raise OfficeDataError(
            name, "", f"line {error.lineno}", f"malformed XML ({error.msg})"
        ) from error


def _member_events(member: Any, name: str) -> Iterator[LegalEventRecord]:
    publication = _docdb(
        member.find(f"{EX}publication-reference"), (name, "", "publication-reference")
    )
    label = str(publication)
    application = _docdb(
        member.find(f"{EX}application-reference"), (name, label, "application-reference")
    )
    for legal in member.iterfind(f"{OPS}legal"):
        code = (legal.get("code") or "").strip()
        raw_date = _text(legal.find(f"{OPS}L007EP"))
        if not code:
            raise OfficeDataError(name, label, "legal/@code", "missing")
        date = parse_date(raw_date, (name, label, f"legal {code}/L007EP"))
        if date is None:
            raise OfficeDataError(name, label, f"legal {code}/L007EP", "missing gazette date")
        yield LegalEventRecord(
            source=name,
            publication=publication,
            application=application,
            code=code,
            description=clean_name(legal.get("desc") or ""),
            date=date,
            # A national event (a lapse in BG) names its country in L501EP; others, the office.
            country=(
                _text(legal.find(f".//{OPS}L501EP")) or _text(legal.find(f"{OPS}L001EP"))
            ).strip(),
        )


REG = "{http://www.epo.org/register}"


def _latest(parent: Any, tag: str) -> Any:
    """The most recent of repeated register lists (applicants, inventors…): latest change-date."""
    versions = list(parent.iterfind(f"{REG}{tag}")) if parent is not None else []
    return max(versions, key=lambda e: e.get("change-date") or "", default=None)


def _register_parties(container: Any, tag: str) -> tuple[Party, ...]:
    if container is None:
        return ()
    parties = []
    for position, entry in enumerate(container.iterfind(f"{REG}{tag}"), start=1):
        book = entry.find(f"{REG}addressbook")
        name = clean_name(_text(book.find(f"{REG}name"))) if book is not None else ""
        country = _text(book.find(f"{REG}address/{REG}country")).strip() if book is not None else ""
        if name:
            parties.append(
                Party(name=name, country=country, sequence=int(entry.get("sequence") or position))
            )
    return tuple(parties)


def _register_ref(reference: Any, where: tuple[str, str, str]) -> DocumentRef:
    document = reference.find(f"{REG}document-id") if reference is not None else None
    if document is None:
        raise OfficeDataError(*where, "no document-id")
    country = _text(document.find(f"{REG}country")).strip()
    number = _text(document.find(f"{REG}doc-number")).strip()
    if not country or not number:
        raise OfficeDataError(*where, "document-id without country or doc-number")
    return DocumentRef(
        country,
        number,
        _text(document.find(f"{REG}kind")).strip(),
        parse_date(_text(document.find(f"{REG}date")), where),
    )


def _register_records(document: Any, source: str) -> Iterator[PublicationRecord]:
    biblio = document.find(f"{REG}bibliographic-data")
    label = biblio.get("id", "") if biblio is not None else ""
    if biblio is None:
        raise OfficeDataError(source, label, "bibliographic-data", "missing")
    application = _register_ref(
        biblio.find(f"{REG}application-reference"), (source, label, "application-reference")
    )
    parties = biblio.find(f"{REG}parties")
    applicants = _register_parties(_latest(parties, "applicants"), "applicant")
    inventors = _register_parties(_latest(parties, "inventors"), "inventor")
    titles: dict[str, tuple[str, str]] = {}
    for title in biblio.iterfind(f"{REG}invention-title"):
        language, changed = (title.get("lang") or "").lower(), title.get("change-date") or ""
        if language not in titles or changed > titles[language][0]:
            titles[language] = (changed, clean_name(_text(title)))
    classes = _latest(biblio, "classifications-ipcr")
    ipc = tuple(
        dict.fromkeys(
            code
            for text in (classes.itertext() if classes is not None else [])
            for part in re.split(r"[,/]{2}|,", text)
            if (code := re.sub(r"\s+", "", part))
        )
    )
    for reference in biblio.iterfind(f"{REG}publication-reference"):
        yield PublicationRecord(
            source=source,
            publication=_register_ref(reference, (source, label, "publication-reference")),
            application=application,
            applicants=applicants,
            inventors=inventors,
            ipc=ipc,
            titles={language: text for language, (_changed, text) in titles.items()},
        )


def read_register(source: str | Path | IO[bytes]) -> Iterator[PublicationRecord]:
    """The publications of each EP Register document (register `biblio` responses)."""
    stream, name = _open(source)
    try:
        for _event, document in etree.iterparse(
            stream, events=("end",), tag=f"{REG}register-document"
        ):
            yield from _register_records(document, name)
            document.clear()
    except etree.XMLSyntaxError as error:
        raise OfficeDataError(
            name, "", f"line {error.lineno}", f"malformed XML ({error.msg})"
        ) from error


def read_ops(source: str | Path) -> Iterator[PublicationRecord | LegalEventRecord]:
    """An OPS response as stored: its exchange documents that carry an application, its EP
    Register documents, then the INPADOC legal events of its family members (legal responses)."""
    for record in read_publications(source):
        if record.application is not None:
            yield record
    yield from read_register(source)
    yield from read_legal_events(source)


READER = Reader(
    "EPO OPS response (XML)",
    read_ops,
    roots=("world-patent-data",),
    count=count_tag(b"exchange-document"),
)
