"""Organisation imports (the onboarding kind `organizations`): all or nothing per file, every fault
named by file, row and field; parents by SIREN or name, aliases, the readers' traps."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from valo.core import onboarding
from valo.core.imports import ImportFailed
from valo.core.models import ObjectChange
from valo.directory.models import Organization, OrganizationAlias

GOOD = (
    "key,name,short_name,kind,parent,siren,size_category,aliases\n"
    "P1,Gamma Group,,company,,552081317,GE,GAMMA SA|GAMMA GROUPE\n"
    "P2,Gamma Lab Services,GLS,company,552081317,,PME,\n"
    "P3,Quantum Team,QT,laboratory,Lab A1,,,\n"
)


def import_organizations(name, stream, user=None):
    report = onboarding.run(onboarding.kinds()["organizations"], name, stream, user=user)
    return [outcome for outcome in report.outcomes if outcome.action != "unchanged"]


def run(text: str, name: str = "partners.csv", user=None):
    return import_organizations(name, io.BytesIO(text.encode("utf-8")), user=user)


@pytest.mark.django_db
def test_a_good_file_imports_every_row_with_parents_and_aliases(cast):
    saved = run(GOOD)
    assert [o.record for o in saved] == ["Gamma Group", "Gamma Lab Services", "Quantum Team"]
    group = Organization.objects.get(name="Gamma Group")
    assert Organization.objects.get(name="Gamma Lab Services").parent == group
    assert Organization.objects.get(name="Quantum Team").parent == cast.lab_a
    assert set(
        OrganizationAlias.objects.filter(organization=group).values_list("name", flat=True)
    ) == {"GAMMA SA", "GAMMA GROUPE"}
    assert group.sector == "company"
    # Again, with one more alias: the organisation is updated, nothing is duplicated.
    again = run(GOOD.replace("GAMMA SA|GAMMA GROUPE", "GAMMA SA|GAMMA"))
    assert [(o.record, o.action, o.changed) for o in again] == [
        ("Gamma Group", "updated", ("aliases",))
    ]
    assert OrganizationAlias.objects.filter(organization=group).count() == 3
    assert Organization.objects.filter(name__startswith="Gamma").count() == 2


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_names_file_row_and_field(cast):
    orgs, changes = Organization.objects.count(), ObjectChange.objects.count()
    bad = GOOD + "P4,Delta,,company,,123456789,XXL,\n"
    with pytest.raises(ImportFailed) as failure:
        run(bad)
    faults = {(f.file, f.row, f.field) for f in failure.value.faults}
    assert faults == {("partners.csv", 5, "siren"), ("partners.csv", 5, "size_category")}
    assert "partners.csv, row 5, field “siren”" in str(failure.value)
    assert (Organization.objects.count(), ObjectChange.objects.count()) == (orgs, changes)
    assert not OrganizationAlias.objects.filter(name="GAMMA SA").exists()


@pytest.mark.django_db
def test_duplicate_inside_the_file_is_reported(cast):
    with pytest.raises(ImportFailed) as failure:
        run("key,name,kind,siren\nA,A,company,552081317\nB,B,company,552081317\n")
    assert [(f.row, f.field) for f in failure.value.faults] == [(3, "siren")]
    assert not Organization.objects.filter(name__in=["A", "B"]).exists()


@pytest.mark.django_db
def test_semicolon_csv_and_xlsx_are_read(cast, tmp_path):
    run("key;name;kind\nS;Semi Co;company\n", "semi.csv")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["key", "name", "kind", "size_category"])
    sheet.append(["X", "Sheet Co", "Start-up", "PME"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    import_organizations("list.xlsx", buffer)
    assert Organization.objects.get(name="Sheet Co").kind == "startup"
    assert Organization.objects.filter(name="Semi Co").exists()


@pytest.mark.django_db
def test_an_officer_cannot_import_into_another_school(cast):
    with pytest.raises(ImportFailed) as failure:
        run(
            "key,name,kind,parent\nI,Intruder lab,laboratory,School B\n",
            user=cast.users["officer_a"],
        )
    assert failure.value.faults[0].field == "parent"
    assert not Organization.objects.filter(name="Intruder lab").exists()


@pytest.mark.django_db
def test_the_page_shows_the_faults(cast, login):
    upload = io.BytesIO(b"key,name,kind\nB,,company\n")
    upload.name = "broken.csv"
    response = login("officer_a").post(
        reverse("onboarding_kind", args=["organizations"]), {"file": upload}, follow=True
    )
    # The preview is a job (run at once in the tests): its page says it was refused, and why.
    assert response.status_code == 200 and response.context["state"]["state"] == "refused"
    body = response.content.decode()
    assert "broken.csv, row 2, field “name”" in body
    assert "nothing was written" in body


@pytest.mark.django_db
def test_the_command_reports_and_fails(cast, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("key,name,kind\nX,X,planet\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "organizations", str(path), stderr=err)
    assert "bad.csv, row 2, field “kind”" in err.getvalue()
    assert not Organization.objects.filter(name="X").exists()


@pytest.mark.django_db
def test_unreadable_files_are_refused(cast):
    with pytest.raises(ImportFailed, match=r"only \.csv and \.xlsx"):
        import_organizations("list.ods", io.BytesIO(b"x"))
    with pytest.raises(ImportFailed, match="not a readable XLSX"):
        import_organizations("list.xlsx", io.BytesIO(b"not a zip"))
    with pytest.raises(ImportFailed, match="not text"):
        import_organizations("list.csv", io.BytesIO(b"name\n\x81\x8d\x8f"))


def xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for number, row in rows:
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


@pytest.mark.django_db
def test_a_fault_after_blank_rows_names_the_row_of_the_file(cast):
    """Issue 11: blank rows were skipped and the rows after them numbered wrong."""
    text = "key,name,kind,siren\nA,A,company,\n\n\nB,B,company,123\n"
    with pytest.raises(ImportFailed) as failure:
        run(text)
    assert [(f.row, f.field) for f in failure.value.faults] == [(5, "siren")]
    sheet = xlsx(
        [
            (1, ["key", "name", "kind", "siren"]),
            (2, ["A", "A", "company", None]),
            (6, ["B", "B", "company", "123"]),
        ]
    )
    with pytest.raises(ImportFailed) as failure:
        import_organizations("partners.xlsx", sheet)
    assert [(f.row, f.field) for f in failure.value.faults] == [(6, "siren")]


@pytest.mark.django_db
def test_a_file_over_the_row_cap_is_refused_unread(cast, settings):
    settings.VALO_IMPORT_MAX_ROWS = 3
    rows = "".join(f"O{n},Org {n},company,\n" for n in range(10))
    with pytest.raises(ImportFailed, match="more than 3 rows"):
        run("key,name,kind,siren\n" + rows)
    assert not Organization.objects.filter(name__startswith="Org ").exists()


@pytest.mark.django_db
def test_an_xlsx_whose_sheet_declares_an_entity_is_refused(cast, login):
    """Issue 11: it answered 500 (the sheet is parsed lazily, after the workbook opened). With
    defusedxml installed, openpyxl refuses entities (no billion laughs)."""
    import zipfile

    source = xlsx([(1, ["key", "name", "kind"]), (2, ["E", "Evil", "company"])]).getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w") as evil:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "boom">]>' + data
            evil.writestr(item, data)
    out.name = "evil.xlsx"
    out.seek(0)
    page = login("officer_a").post(
        reverse("onboarding_kind", args=["organizations"]), {"file": out}, follow=True
    )
    assert page.context["state"]["state"] == "refused"
    assert "not a readable XLSX file" in page.content.decode()
    assert not Organization.objects.filter(name="Evil").exists()
