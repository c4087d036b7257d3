"""Exports: the filtered rows a user may see, as CSV for Excel and as XLSX."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook


@pytest.mark.django_db
def test_xlsx_export_holds_the_filtered_visible_rows(cast, login):
    response = login("officer_a").get(
        reverse("directory_organization_list"), {"kind": "laboratory", "export": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="organization-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("ID", "Name", "Short name")
    assert [row[1] for row in rows[1:]] == ["Lab A1"]  # Lab B1 is another school's


@pytest.mark.django_db
def test_csv_export_is_utf8_with_bom_and_labels(cast, login):
    cast.company.name = "Société Générale d'Essais"
    cast.company.save()
    response = login("director").get(
        reverse("directory_organization_list"), {"kind": "company", "export": "csv"}
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffID,Name,")
    assert "Société Générale d'Essais" in text and ",GE," in text
