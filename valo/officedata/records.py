"""Normalised records read from office files: what every reader yields, whatever the format."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class OfficeDataError(ValueError):
    """A file that cannot be read: names the file, the document and the field at fault."""

    def __init__(self, file: str, document: str, field: str, message: str) -> None:
        super().__init__(f"{file}: document {document or '?'}, field {field}: {message}")
        self.file, self.document, self.field, self.message = file, document, field, message

    def __reduce__(self) -> tuple:
        # Pickled whole (a file read in another process reports its fault to the importer).
        return (type(self), (self.file, self.document, self.field, self.message))


@dataclass(frozen=True)
class DocumentRef:
    """A publication or application: office (country code), number, kind, date."""

    country: str
    number: str
    kind: str = ""
    date: datetime.date | None = None

    def __str__(self) -> str:
        return f"{self.country}{self.number}{self.kind}"


@dataclass(frozen=True)
class Party:
    """An applicant or inventor as published: name, country, position, identifier (SIREN)."""

    name: str
    country: str = ""
    sequence: int = 0
    identifier: str = ""
    city: str = ""
    postcode: str = ""
    # Set when the reader repaired the address (INPI's swapped city and postcode).
    repaired: bool = False
    # The source's data format of the name: OPS "epodoc" (normalised by the EPO), "original" (as
    # filed) or "docdb"; "inpi", "lens" for those sources.
    data_format: str = ""


@dataclass(frozen=True)
class PublicationRecord:
    """One published document with its bibliographic data."""

    source: str
    publication: DocumentRef
    application: DocumentRef | None  # None in an abstract-only response
    family_id: str = ""  # the DOCDB (simple) family
    inpadoc_family_id: str = ""  # the INPADOC (extended) family, where the source gives it
    priorities: tuple[DocumentRef, ...] = ()
    # The one set of names the counts use (OPS: epodoc when given) …
    applicants: tuple[Party, ...] = ()
    inventors: tuple[Party, ...] = ()
    # … and every name in every data format the source gives (OPS: epodoc and original).
    applicant_names: tuple[Party, ...] = ()
    inventor_names: tuple[Party, ...] = ()
    ipc: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    # INPI: NEW or AMENDED (an amended record replaces the earlier one of the same application).
    status: str = ""

    def __post_init__(self) -> None:
        # A source with one format of names: those are all its names.
        if not self.applicant_names and self.applicants:
            object.__setattr__(self, "applicant_names", self.applicants)
        if not self.inventor_names and self.inventors:
            object.__setattr__(self, "inventor_names", self.inventors)

    def title(self, *languages: str) -> str:
        return preferred_title(self.titles, *languages)


def preferred_title(titles: dict[str, str], *languages: str) -> str:
    """The title in the first of `languages` given, else in English, French, German, else any."""
    for language in (*languages, "en", "fr", "de"):
        if titles.get(language):
            return titles[language]
    return next(iter(titles.values()), "")


@dataclass(frozen=True)
class LegalEventRecord:
    """An INPADOC legal event of a published document."""

    source: str
    publication: DocumentRef
    application: DocumentRef
    code: str
    description: str
    date: datetime.date
    country: str = ""


class DocumentRows(NamedTuple):
    """One publication as the rows it adds to the store's tables, each row in its table's column
    order (officedata.store.SCHEMAS): what a reader gives instead of a record when building the
    record would cost more than reading the document (INPI's weekly files). `publication` is the
    publications row without its `position` (the store numbers the file's documents)."""

    key: str  # office|number|kind, as store.doc_key
    label: str  # the publication as it is named in an error (FR3080001A1)
    source: str
    application: str  # the application number (a second application under one key is refused)
    status: str
    publication: tuple[Any, ...]
    titles: list[tuple[Any, ...]]
    applicants: list[tuple[Any, ...]]
    names: list[tuple[Any, ...]]
    classes: list[tuple[Any, ...]]
    priorities: list[tuple[Any, ...]]
