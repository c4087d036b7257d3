"""The one export path: plain rows or a page's records, as CSV or XLSX, never with live formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from valo.core.exports import table_response, write_table

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.invalid","click")',
    "+1+1",
    "@SUM(A1)",
    "-2+3",
]
HEADINGS = ["title", "amount"]
ROWS = [[text, Decimal("-12.50")] for text in PAYLOADS]


def test_csv_cells_that_look_like_formulas_are_written_as_text():
    response = table_response(HEADINGS, ROWS, "csv", "titles")
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    assert [row[0] for row in rows[1:]] == [f"'{text}" for text in PAYLOADS]
    assert {row[1] for row in rows[1:]} == {"-12.50"}  # a number is a number, sign and all
    assert response["Content-Disposition"].startswith('attachment; filename="titles-')


def test_xlsx_cells_that_look_like_formulas_are_strings_not_formulas():
    stream = io.BytesIO()
    write_table(HEADINGS, ROWS, "xlsx", stream, title="titles")
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet.title == "titles"
    cells = [(row[0].value, row[0].data_type, row[1].value) for row in sheet.iter_rows(min_row=2)]
    assert [c[0] for c in cells] == PAYLOADS  # exactly as written
    assert {c[1] for c in cells} == {"s"}  # text, not "f" (formula)
    assert {c[2] for c in cells} == {-12.5}
