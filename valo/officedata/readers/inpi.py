"""Reader of INPI's ST.36 `fr-patent-document` XML (reference/office-data.md §1.3), from single files
or the weekly zip files (FRNEWST36 new, FRAMDST36 amended records).

Traps handled (§1.4): parties duplicated as `liste` and `notice` (merged by role and sequence,
`liste` preferred); the filing date read from `fr-application-reference` only; priorities from
`fr-priority-claim`; city and postcode swapped (repaired by the five-digit pattern, flagged); `iid`
kept as the applicant's SIREN; root `id` = application number, `doc-number` = publication number.
Each document is read by the compiled `st36.document_fields` (st36.pyx says field by field how);
this module walks the files, and makes a document's fields a record (`read_inpi`) or, for an
import, the store's rows (`inpi_rows`).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from valo.officedata.readers.base import Reader, count_tag
from valo.officedata.readers.st36 import document_fields, document_rows
from valo.officedata.records import (
    DocumentRef,
    DocumentRows,
    OfficeDataError,
    Party,
    PublicationRecord,
)

# A zip member up to this size is parsed whole (the weekly files hold one small document per
# member: parsing it in one call is several times faster than setting up a streaming parse); a larger
# one, or a single XML file, is streamed document by document.
WHOLE_MEMBER_BYTES = 4 << 20
# A zip member's local header: signature, the fields the central directory repeats, the lengths
# of its name and of its extra field (APPNOTE.TXT §4.3.7).
LOCAL_HEADER = struct.Struct("<4s22xHH")


def _record(document: Any, source: str, status: str, dates: dict) -> PublicationRecord:
    """One document's record (its fields read by st36.document_fields)."""
    (
        _label,
        (country, number, kind, published),
        (filed, filed_on),
        family,
        status,
        priorities,
        ipc,
        titles,
        applicants,
        inventors,
    ) = document_fields(document, source, status, dates)
    return PublicationRecord(
        source=source,
        publication=DocumentRef(country, number, kind, published),
        application=DocumentRef("FR", filed, "", filed_on),
        family_id=family,
        priorities=tuple(DocumentRef(c, n, "", d) for c, n, d in priorities),
        applicants=tuple(Party(*party) for party in applicants),
        inventors=tuple(Party(*party) for party in inventors),
        ipc=tuple(ipc),
        titles=titles,
        status=status,
    )


def _stream(stream: Any, name: str, status: str, make: Callable, dates: dict) -> Iterator:
    try:
        for _event, element in etree.iterparse(stream, events=("end",), tag="fr-patent-document"):
            yield make(element, name, status, dates)
            element.clear()
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error


def _whole(
    data: bytes, name: str, status: str, parser: etree.XMLParser, make: Callable, dates: dict
) -> list:
    """The documents of a member parsed whole (a list: cheaper than a generator per member)."""
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _malformed(name, error) from error
    if root.tag == "fr-patent-document":
        return [make(root, name, status, dates)]
    return [make(document, name, status, dates) for document in root.iter("fr-patent-document")]


def _malformed(name: str, error: etree.XMLSyntaxError) -> OfficeDataError:
    return OfficeDataError(name, "", f"line {error.lineno}", f"malformed XML ({error.msg})")


def _status_from_name(name: str) -> str:
    return "AMENDED" if "FRAMD" in name.upper() else ("NEW" if "FRNEW" in name.upper() else "")


def _member(data: bytes, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, inflated straight from the zip's bytes (zipfile's stream per member costs
    more than inflating a weekly file's 3 KB document), its length and CRC checked; a member
    zipfile must decode otherwise (encrypted, another method) is read by zipfile."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return archive.read(info)
    signature, name_length, extra_length = LOCAL_HEADER.unpack_from(data, info.header_offset)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header of {info.filename!r}")
    start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]  # no copy
    if info.compress_type == zipfile.ZIP_DEFLATED:
        content = zlib.decompress(raw, -zlib.MAX_WBITS, info.file_size or zlib.DEF_BUF_SIZE)
    else:
        content = bytes(raw)
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return content


def _documents(source: str | Path | IO[bytes], make: Callable) -> Iterator:
    """`make(document, where, status, dates)` of each document of an INPI XML file or weekly zip
    (every XML member, in name order); `dates`: the file's dates read so far."""
    name = (
        Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "stream")
    )
    status = _status_from_name(name)
    dates: dict = {}
    if not name.lower().endswith(".zip"):
        where = str(source) if isinstance(source, (str, Path)) else source
        yield from _stream(where, name, status, make, dates)
        return
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source.read()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise OfficeDataError(name, "", "-", "not a readable zip file") from error
    # One parser for the file's members (not shared between threads); no index of `id` attributes
    # (the root's `id` is read as an attribute, never looked up).
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
                    content = _member(data, archive, member)
                    yield from _whole(content, where, status, parser, make, dates)
                    continue
                with archive.open(member) as stream:
                    yield from _stream(stream, where, status, make, dates)
            except (zipfile.BadZipFile, EOFError, OSError, zlib.error, struct.error) as error:
                # A damaged member (bad CRC, truncated data): the file is refused whole.
                raise OfficeDataError(where, "", "-", f"damaged zip member ({error})") from error


def read_inpi(source: str | Path | IO[bytes]) -> Iterator[PublicationRecord]:
    """The documents of an INPI XML file or weekly zip (every XML member, in name order)."""
    return _documents(source, _record)


def inpi_rows(path: Path) -> Iterator[DocumentRows]:
    """The documents of an INPI file as the store's rows (an import reads them so: no record)."""
    return _documents(path, document_rows)


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
    rows=inpi_rows,
)
