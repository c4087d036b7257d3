"""The one export path: a heading row and rows of values, as CSV or XLSX, for a page's download or a
command's file. A list page exports its columns (same filters, same permissions); finance, rankings
and reports pass plain rows.

Cells are never live formulas: a text that begins like one (=, +, -, @, tab, carriage return) is
written as text — quoted with an apostrophe in CSV (the usual neutralisation, which spreadsheet programs
hide), typed as a string in XLSX. Other formats are registered with `register_format`.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from valo.core.tables import Column, cell_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Rows = Iterable[Sequence[Any]]


def neutralise(text: str) -> str:
    """A CSV cell that a spreadsheet program would run as a formula, made plain text."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class ExportFormat:
    code: str
    content_type: str
    # (headings, rows, title) -> the file's bytes, in chunks.
    chunks: Callable[[Sequence[str], Rows, str], Iterator[bytes]]
    # Whether a download streams row by row (CSV) or is sent whole (XLSX is built whole anyway).
    streams: bool = False


def _csv_chunks(headings: Sequence[str], rows: Rows, title: str) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so that Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Sequence[Any]) -> bytes:
        writer.writerow([_csv_cell(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    yield "\ufeff".encode() + line(headings)
    for row in rows:
        yield line(row)


def _csv_cell(value: Any) -> str:
    """Text is neutralised; numbers and dates keep their sign and form."""
    text = cell_text(value)
    return text if isinstance(value, (int, float, Decimal, datetime.date)) else neutralise(text)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (datetime.date, int, float, Decimal, bool)) or value is None:
        return value
    return str(value)


def _add_sheet(workbook: Workbook, title: str, headings: Sequence[str], rows: Rows) -> None:
    sheet = workbook.create_sheet(title[:31] or "export")

    def cells(values: Sequence[Any]) -> list[Any]:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text: "=…" is not a formula
            out.append(cell)
        return out

    sheet.append(cells(list(headings)))
    for row in rows:
        sheet.append(cells(row))


def _xlsx_chunks(headings: Sequence[str], rows: Rows, title: str) -> Iterator[bytes]:
    yield workbook_bytes([(title, headings, rows)])


def workbook_bytes(sheets: Iterable[tuple[str, Sequence[str], Rows]]) -> bytes:
    """An XLSX workbook of several sheets, each (title, headings, rows), cells as in every export."""
    workbook = Workbook(write_only=True)
    for title, headings, rows in sheets:
        _add_sheet(workbook, title, headings, rows)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", _csv_chunks, streams=True),
    "xlsx": ExportFormat("xlsx", XLSX_TYPE, _xlsx_chunks),
}


def register_format(export_format: ExportFormat) -> ExportFormat:
    EXPORT_FORMATS[export_format.code] = export_format
    return export_format


def table_response(
    headings: Sequence[str], rows: Rows, fmt: str, basename: str
) -> HttpResponse | StreamingHttpResponse:
    """The rows as a downloadable file named `<basename>-<today>.<fmt>`."""
    export_format = EXPORT_FORMATS[fmt]
    chunks = export_format.chunks(headings, rows, basename)
    response: HttpResponse | StreamingHttpResponse = (
        StreamingHttpResponse(chunks, content_type=export_format.content_type)
        if export_format.streams
        else HttpResponse(b"".join(chunks), content_type=export_format.content_type)
    )
    filename = f"{basename}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_table(
    headings: Sequence[str], rows: Rows, fmt: str, target: BinaryIO, title: str = "export"
) -> None:
    """The rows into an open binary file (a command's output)."""
    for chunk in EXPORT_FORMATS[fmt].chunks(headings, rows, title):
        target.write(chunk)


def export_response(
    columns: Sequence[Column], objects: Iterable[Any], fmt: str, basename: str
) -> HttpResponse | StreamingHttpResponse:
    """A list page's records, one row each: its id, then its columns."""
    headings = ["ID", *[str(column.label) for column in columns]]
    rows = ([obj.pk, *[column.value(obj) for column in columns]] for obj in objects)
    return table_response(headings, rows, fmt, basename)
