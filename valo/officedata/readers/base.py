"""What a reader of office files declares: the file names and XML roots it recognises."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from valo.officedata.records import PublicationRecord


@dataclass(frozen=True)
class Reader:
    """A reader of one kind of office file.

    `suffixes`: file endings it takes whole (".zip", ".csv"); `roots`: local names of the XML root
    elements it reads (namespaces aside); `read`: the file's publication records, in file order;
    `text`: it reads plain text, so it takes an `encoding` and a `report` of how it read the file
    (XML declares its own encoding)."""

    name: str
    read: Callable[..., Iterable[PublicationRecord]]
    suffixes: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    text: bool = False

    def recognises(self, path: Path, root: str | None) -> bool:
        if path.suffix.lower() in self.suffixes:
            return True
        return root is not None and root.rsplit("}", 1)[-1] in self.roots
