"""Reading the files of the imports: CSV or XLSX rows numbered as the spreadsheet numbers them, and
the faults that name file, row and field. What a row becomes is valo.core.onboarding's."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# Spreadsheet numbering: the header is row 1, the first record row 2.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class ImportFault:
    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, field “%(field)s”: %(message)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


class ImportFailed(Exception):
    """The file was rejected; nothing from it was written."""

    def __init__(self, faults: list[ImportFault]) -> None:
        super().__init__("\n".join(str(fault) for fault in faults))
        self.faults = faults


Row = tuple[int, dict[str, str]]


def read_rows(name: str, stream: BinaryIO, *, notes: Collection[tuple[str, ...]] = ()) -> list[Row]:
    """The records of a CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX file, keyed by header, each with its
    row number in the file (blank rows are skipped but counted). At most VALO_IMPORT_MAX_ROWS.

    An XLSX's records are its first sheet's (whichever sheet was open when it was saved). Another
    sheet holding anything refuses the file, named — its rows would be dropped silently — unless
    its first row is one of `notes` (the headings of a template's sheet that explains the columns)."""
    suffix = Path(name).suffix.lower()
    size = _size(stream)
    if size > settings.VALO_IMPORT_MAX_BYTES:
        message = _("larger than %(mb)s MB: split the file") % {
            "mb": settings.VALO_IMPORT_MAX_BYTES // (1024 * 1024)
        }
        raise ImportFailed([ImportFault(Path(name).name, 1, "-", message)])
    if suffix == ".xlsx":
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
            first, *others = workbook.worksheets
            lines = _capped(name, first.iter_rows(values_only=True))
            _refuse_other_sheets(name, others, notes)
        except ImportFailed:
            raise
        except Exception as error:  # openpyxl raises several unrelated types on a damaged file
            raise ImportFailed(
                [ImportFault(name, 1, "-", _("not a readable XLSX file"))]
            ) from error
        if not lines:
            return []
        header = [str(cell or "").strip() for cell in lines[0]]
        return [
            (number, _record(header, ["" if cell is None else str(cell) for cell in row]))
            for number, row in enumerate(lines[1:], start=FIRST_DATA_ROW)
            if any(cell not in (None, "") for cell in row)
        ]
    if suffix != ".csv":
        raise ImportFailed([ImportFault(name, 1, "-", _("only .csv and .xlsx files are read"))])
    text = _text(name, stream.read())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # A plain reader: a blank line is a row and a cell may span lines, as in the spreadsheet, so
    # that the n-th record read is row n of the file.
    records = _capped(name, csv.reader(io.StringIO(text), delimiter=delimiter))
    if not records:
        return []
    header = [cell.strip() for cell in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=FIRST_DATA_ROW):
        if any(cell.strip() for cell in record):
            rows.append((number, _record(header, record)))
    return rows


def _refuse_other_sheets(name: str, sheets: list[Any], notes: Collection[tuple[str, ...]]) -> None:
    """Refuse a workbook whose sheets after the first hold anything but notes on the columns."""
    faults = []
    for sheet in sheets:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not any(cell not in (None, "") for cell in row):
                continue
            cells = tuple(str(cell or "").strip() for cell in row)
            if number == 1 and cells[: max(map(len, notes), default=0)] in notes:
                break  # the template's notes on its columns
            if sheet.sheet_state == "visible":
                message = _(
                    "the sheet “%(sheet)s” holds data too (its row %(row)s): a file brings one kind "
                    "of record, from its first sheet; save each sheet as a file of its own"
                )
            else:  # a list of choices behind a drop-down, often: the user does not see it
                message = _(
                    "the hidden sheet “%(sheet)s” holds data too (its row %(row)s): a file brings one "
                    "kind of record, from its first sheet; unhide it, then delete it or save it as a "
                    "file of its own"
                )
            message = message % {"sheet": sheet.title, "row": number}
            faults.append(ImportFault(name, 1, "-", message))
            break
    if faults:
        raise ImportFailed(faults)


def _size(stream: BinaryIO) -> int:
    """The stream's size in bytes, read from its end (an upload, a file, bytes in memory)."""
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    position = stream.tell()
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(position)
    return size


def _record(header: list[str], cells: list[str]) -> dict[str, str]:
    """A row's cells by heading; whatever stands under no heading is kept under "" (for the caller
    to refuse: nothing is dropped silently)."""
    record: dict[str, str] = {}
    stray = []
    for index, cell in enumerate(cells):
        value = cell.strip()
        key = header[index] if index < len(header) else ""
        if key:
            record[key] = value
        elif value:
            stray.append(value)
    if stray:
        record[""] = " ".join(stray)
    return record


def _text(name: str, content: bytes) -> str:
    """A CSV's text: UTF-8 (with or without a byte-order mark), else Windows-1252, which is what
    Excel writes for "CSV (séparateur : point-virgule)" on a French Windows."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as error:
        message = _("the file is not text (UTF-8 or Windows-1252)")
        raise ImportFailed([ImportFault(name, 1, "-", message)]) from error
    if "\x00" in text:
        raise ImportFailed([ImportFault(name, 1, "-", _("the file is not text"))])
    return text


def _capped(name: str, lines: Iterable[Any]) -> list[Any]:
    """The file's lines (its heading first), refused whole past VALO_IMPORT_MAX_ROWS records (read
    no further)."""
    limit = settings.VALO_IMPORT_MAX_ROWS + 1
    taken = list(itertools.islice(lines, limit + 1))
    if len(taken) > limit:
        message = _("more than %(limit)s rows: split the file") % {
            "limit": settings.VALO_IMPORT_MAX_ROWS
        }
        raise ImportFailed([ImportFault(name, limit + 1, "-", message)])
    return taken
