"""CSV and XLSX exports of a list page: same columns, same filters, same permissions."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from valo.core.tables import Column

EXPORT_FORMATS = ("csv", "xlsx")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(column: Column, obj: Any) -> Any:
    value = column.value(obj)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (datetime.date, int, float, Decimal, bool)) or value is None:
        return value
    return str(value)


def export_response(
    columns: Sequence[Column], objects: Iterable[Any], fmt: str, basename: str
) -> HttpResponse | StreamingHttpResponse:
    """The list as a downloadable file; `fmt` is "csv" (UTF-8 with BOM, for Excel) or "xlsx"."""
    headings = ["ID", *[str(column.label) for column in columns]]
    filename = f"{basename}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def rows() -> Iterable[str]:
            yield "\ufeff" + writer.writerow(headings)
            for obj in objects:
                yield writer.writerow([obj.pk, *[column.text(obj) for column in columns]])

        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            rows(), content_type="text/csv; charset=utf-8"
        )
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(basename[:31])
        sheet.append(headings)
        for obj in objects:
            sheet.append([obj.pk, *[_cell(column, obj) for column in columns]])
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
