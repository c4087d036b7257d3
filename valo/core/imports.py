"""File imports: all or nothing per file, every fault named by file, row and field.

A row is validated by the same model form as the page, saved under an "import" change context, and
checked against the importer's permissions; one bad row anywhere rolls the whole file back.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from valo.core.context import change_context
from valo.core.forms import ValoModelForm
from valo.core.permissions import check_write

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


def read_rows(name: str, stream: BinaryIO) -> list[Row]:
    """The records of a CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX file, keyed by header, each with its
    row number in the file (blank rows are skipped but counted). At most VALO_IMPORT_MAX_ROWS."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
            lines = _capped(name, workbook.active.iter_rows(values_only=True))
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


def import_rows(
    *,
    file_name: str,
    rows: Iterable[Row],
    form_class: type[ValoModelForm],
    user: Any = None,
    prepare: Callable[[dict[str, str]], dict[str, Any]] | None = None,
    after_save: Callable[[models.Model, dict[str, str]], None] | None = None,
) -> list[models.Model]:
    """Validate and save every row with `form_class`, or nothing at all (raises ImportFailed).

    `user` is the person importing (None for a command run by the system administrator, which is not
    limited by scope); `prepare` turns a file row into form data; `after_save` writes dependent rows.
    """
    faults: list[ImportFault] = []
    saved: list[models.Model] = []
    name = Path(file_name).name
    with (
        change_context(source="import", user=user, user_name="" if user else f"import {name}"),
        transaction.atomic(),
    ):
        for number, row in rows:
            data = prepare(row) if prepare else row
            form = form_class(data=data, user=user)
            if not form.is_valid():
                for field, errors in form.errors.items():
                    label = field if field != "__all__" else "-"
                    faults.extend(ImportFault(name, number, label, error) for error in errors)
                continue
            obj = form.save()
            if user is not None:
                try:
                    check_write(user, obj, "add")
                except PermissionDenied as error:
                    faults.append(ImportFault(name, number, "-", str(error)))
                    continue
            if after_save is not None:
                after_save(obj, row)
            saved.append(obj)
        if faults:
            # Raised inside the atomic block: every row saved above is rolled back.
            raise ImportFailed(faults)
    return saved
