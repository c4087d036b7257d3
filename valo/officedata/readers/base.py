"""What a reader of office files declares: the file names and XML roots it recognises."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from valo.officedata.records import DocumentRows, PublicationRecord

CHUNK = 1 << 20


def count_bytes(path: Path, pattern: bytes) -> int:
    """Occurrences of a regular expression in a file, read by chunks (never the whole file in
    memory); a match across two chunks is counted once."""
    needle = re.compile(pattern)
    overlap = 64
    found, tail = 0, b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            buffer = tail + chunk
            found += sum(1 for m in needle.finditer(buffer) if m.end() > len(tail))
            tail = buffer[-overlap:]
    return found


def count_tag(*tags: bytes) -> Callable[[Path], int | None]:
    """Counts the opening tags of an XML file's documents (a cheap scan of its bytes)."""
    pattern = b"<(?:" + b"|".join(re.escape(tag) for tag in tags) + b")[ >]"
    return lambda path: count_bytes(path, pattern)


@dataclass(frozen=True)
class Reader:
    """A reader of one kind of office file.

    `suffixes`: file endings it takes whole (".zip", ".csv"); `roots`: local names of the XML root
    elements it reads (namespaces aside); `read`: the file's publication records, in file order;
    `text`: it reads plain text, so it takes an `encoding` and a `report` of how it read the file
    (XML declares its own encoding); `tables`: it writes the store's tables without records; `rows`:
    it gives the store's rows without records."""

    name: str
    read: Callable[..., Iterable[PublicationRecord]]
    suffixes: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    text: bool = False
    # An estimate of the number of documents in a file, for a progress bar's ETA (None: unknown).
    count: Callable[[Path], int | None] | None = None
    # A source too large for records (a PATSTAT edition): the reader writes the store's tables
    # itself, `tables(path, work, connect, chunk)` → the number of chunks written under work/out/
    # (readers.patstat.write_tables), `connect` giving the DuckDB connection to do it with.
    tables: Callable[..., int] | None = None
    # A source read faster than its records are built (INPI's weekly files): `rows(path)` gives the
    # file's documents as the store's rows (records.DocumentRows), the same rows as its records'.
    rows: Callable[[Path], Iterable[DocumentRows]] | None = None

    def estimate(self, path: Path) -> int | None:
        try:
            return self.count(path) if self.count is not None else None
        except (OSError, ValueError):
            return None

    def recognises(self, path: Path, root: str | None) -> bool:
        if path.suffix.lower() in self.suffixes:
            return True
        return root is not None and root.rsplit("}", 1)[-1] in self.roots
