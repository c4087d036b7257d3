"""Readers of office files into normalised records. Each reader module declares its READER (what it
recognises); `reader_for` picks the one that recognises a file, and refuses a file none does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from valo.officedata.readers import inpi, lens, ops, patstat
from valo.officedata.readers.base import Reader
from valo.officedata.records import LegalEventRecord, OfficeDataError, PublicationRecord

READERS: tuple[Reader, ...] = (inpi.READER, lens.READER, ops.READER, patstat.READER)


def xml_root(path: Path) -> str | None:
    """The tag of the file's root element; None for a file that is not XML."""
    try:
        return next(etree.iterparse(str(path), events=("start",)))[1].tag
    except (etree.XMLSyntaxError, StopIteration, OSError):
        return None


def reader_for(path: Path) -> Reader:
    root = None if path.is_dir() or path.suffix.lower() in {".zip", ".csv"} else xml_root(path)
    for reader in READERS:
        if reader.recognises(path, root):
            return reader
    what = f"an XML file whose root is <{root}>" if root else "not an XML, CSV or zip file"
    if path.is_dir():
        what = "a folder without PATSTAT tables (tls201_…, tls211_… parts)"
    known = "; ".join(reader.name for reader in READERS)
    raise OfficeDataError(path.name, "", "line 1", f"{what}: valo reads {known}")


def records_of(
    path: Path, *, encoding: str | None = None, report: Callable[[str], None] | None = None
) -> Iterator[PublicationRecord | LegalEventRecord]:
    """Any supported office file's records (publications; legal events from OPS legal responses),
    read by the reader that recognises it; a text reader
    takes the file's encoding (detected when not given) and reports how it read it."""
    reader = reader_for(path)
    if reader.text:
        yield from reader.read(path, encoding=encoding, report=report)
    else:
        yield from reader.read(path)
