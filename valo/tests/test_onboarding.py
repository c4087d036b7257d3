"""Onboarding imports (valo.core.onboarding): every kind's template imports, exports and imports again
without a change; a bad row writes nothing and is named; keys make a second import an update."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps
from openpyxl import Workbook, load_workbook

from valo.core import onboarding
from valo.core.exports import workbook_bytes
from valo.core.imports import ImportFailed
from valo.core.models import ImportKey, ObjectChange


def xlsx(headings: list[str], rows: list[list[Any]]) -> io.BytesIO:
    return io.BytesIO(workbook_bytes([("data", headings, rows)]))


def csv_file(text: str, encoding: str = "utf-8-sig") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def counts() -> dict[str, int]:
    return {code: kind.model._default_manager.count() for code, kind in onboarding.kinds().items()}


def template_rows(kind: onboarding.ImportKind) -> io.BytesIO:
    """The example sheet of the downloadable template, as a user would send it back."""
    workbook = load_workbook(io.BytesIO(onboarding.template_workbook(kind)), read_only=True)
    sheet = workbook.worksheets[0]
    out = Workbook()
    target = out.active
    for row in sheet.iter_rows(values_only=True):
        target.append(list(row))
    stream = io.BytesIO()
    out.save(stream)
    stream.seek(0)
    return stream


def import_every_template(user: Any) -> dict[str, onboarding.Report]:
    reports = {}
    for code, kind in onboarding.kinds().items():
        reports[code] = onboarding.run(kind, f"{code}.xlsx", template_rows(kind), user=user)
    return reports


def test_every_kind_declares_fields_its_form_takes_and_examples():
    for kind in onboarding.kinds().values():
        assert onboarding.missing_fields(kind) == [], kind.code
        assert kind.examples, kind.code
        for example in kind.examples:
            assert set(example) <= {column.name for column in kind.columns()}, kind.code


def test_the_templates_import_export_and_import_again_with_no_change(cast):
    admin = cast.users["admin"]
    reports = import_every_template(admin)
    for code, report in reports.items():
        kind = onboarding.kinds()[code]
        assert report.count("created") == len(kind.examples), code
    before = counts()
    keys = ImportKey.objects.count()
    changes = ObjectChange.objects.count()

    for code, kind in onboarding.kinds().items():
        headings, rows = onboarding.exported(kind, admin)
        report = onboarding.run(kind, f"{code}.xlsx", xlsx(headings, rows), user=admin)
        assert report.counts == {"created": 0, "updated": 0, "unchanged": len(rows)}, code
        # The same as CSV: the text a spreadsheet program writes back.
        report = onboarding.run(kind, f"{code}.csv", export_csv(headings, rows), user=admin)
        assert report.counts["unchanged"] == len(rows), code
    assert counts() == before
    assert ImportKey.objects.count() == keys
    assert ObjectChange.objects.count() == changes

    # What the examples say arrived where it belongs.
    invention = apps.get_model("inventions", "Invention").objects.get(
        title__startswith="Capteur de corrosion"
    )
    assert invention.state == "decided" and invention.reference.startswith("INV-2019-")
    thesis = invention.disclosures.get()
    assert (thesis.kind, str(thesis.planned_on)) == ("thesis", "2019-06-28")
    shares = sorted(invention.inventorships.values_list("share", flat=True))
    assert [str(share) for share in shares] == ["0.4000", "0.6000"]
    family = apps.get_model("patents", "PatentFamily").objects.get(reference="BR-2019-004")
    assert family.invention == invention
    ep = family.applications.get(office="EP")
    assert ep.priority_claims.get().priority_application.office == "FR"
    # The deadlines followed the saved applications, as on the page.
    assert family.applications.get(office="FR").deadlines.exists()
    # … and the validations of the granted European patent, as on the page. By hand: mention of
    # grant published 2023-03-15, in the patent's 3rd year (from the filing, 2020-04-03), so the
    # German annuities start with the 4th (EPC Art. 141(1)); due on the last day of the month of the
    # filing's anniversary (PatKostG §3(2)), 2023-04-30, which is within two months of the grant
    # mention: validly paid until 2023-05-15, a Monday (EPC Art. 141(2)).
    german = ep.validations.get(state="DE").deadlines.order_by("due_date").first()
    assert (german.year, str(german.due_date)) == (4, "2023-05-15")
    assert not ep.deadlines.filter(validation=None, year__gt=3).exists()  # EPO's stop at grant
    # A cost's amount as a French spreadsheet writes it (3 450,00), in its currency.
    invoice = apps.get_model("patents", "Cost").objects.get(invoice_reference="F-2019-118")
    assert (str(invoice.amount), invoice.currency) == ("3450.00", "EUR")
    statement = apps.get_model("agreements", "RoyaltyStatement").objects.get()
    assert str(statement.net_sales) == "150000.00"
    assert str(statement.received_on) == "2022-02-15"
    # The research contract counts for the Carnot label its row names by its short name, which
    # the laboratory holds from 2020 to 2025.
    research = apps.get_model("agreements", "Agreement").objects.get(reference="CT-2021-004")
    assert research.carnot.name == "Carnot Télécom & Société numérique"
    award = research.carnot.awards.get()
    assert (award.organization, str(award.start), str(award.end)) == (
        research.unit,
        "2020-01-01",
        "2025-12-31",
    )
    software = apps.get_model("inventions", "SoftwareAsset").objects.get(version="2.1")
    assert software.invention == invention and software.licence == "CeCILL-2.1"
    assert sorted(str(a.share) for a in software.authors.all()) == ["0.3000", "0.7000"]
    assert software.agreement_links.get().agreement.reference == "CT-2020-011"
    # A royalty rate as "3 %" or "2" (the field holds a percentage), bands as a sheet writes them.
    tiers = statement.agreement.royalty_tiers.order_by("from_amount")
    assert [(str(t.from_amount), str(t.rate)) for t in tiers] == [
        ("0.00", "3.00"),
        ("500000.00", "2.00"),
    ]
    obligations = statement.agreement.obligations.order_by("due_date")
    assert [(str(o.due_date), o.state) for o in obligations] == [
        ("2022-03-31", "done"),
        ("2023-03-31", "open"),
    ]
    involvement = apps.get_model("ventures", "Involvement").objects.get()
    assert str(involvement.equity) == "12.50" and involvement.founder


def export_csv(headings: list[str], rows: list[list[Any]]) -> io.BytesIO:
    from valo.core.exports import EXPORT_FORMATS

    chunks = EXPORT_FORMATS["csv"].chunks(headings, rows, "export")
    return io.BytesIO(b"".join(chunks))


def test_a_second_import_of_a_changed_row_updates_it_and_logs_an_import(cast):
    admin = cast.users["admin"]
    people = onboarding.kinds()["people"]
    first = "key,first_name,last_name,email\nHR-1,Ana,Lopes,ana.lopes@example.org\n"
    onboarding.run(people, "people.csv", csv_file(first), user=admin)
    again = "key,first_name,last_name,email\nHR-1,Ana,Lopes-Martin,ana.lopes@example.org\n"
    report = onboarding.run(people, "people.csv", csv_file(again), user=admin)
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert report.outcomes[0].changed == ("last_name",)
    person = apps.get_model("directory", "Person").objects.get(email="ana.lopes@example.org")
    assert person.last_name == "Lopes-Martin"
    change = ObjectChange.objects.filter(
        content_type__model="person", object_id=person.pk, action="update"
    ).latest("time")
    assert change.source == "import" and change.user == admin


def test_a_french_excel_csv_reads_with_its_headings_dates_and_numbers(cast):
    """Excel (French) "CSV (séparateur : point-virgule)": Windows-1252, CRLF, French headings,
    dates as dd/mm/yyyy and decimal commas."""
    admin = cast.users["admin"]
    kinds = onboarding.kinds()
    onboarding.run(
        kinds["people"],
        "personnes.csv",
        csv_file("Clé;Prénom;Nom\r\nRH-7;Éloïse;Ménard\r\n", "cp1252"),
        user=admin,
    )
    text = (
        "Clé;Personne;Organisme;Statut;Début\r\n"
        "AF-7;RH-7;Lab A1;Doctorant (contrat doctoral);01/10/2021\r\n"
    )
    report = onboarding.run(kinds["affiliations"], "affiliations.csv", csv_file(text, "cp1252"))
    assert report.count("created") == 1
    person = apps.get_model("directory", "Person").objects.get(last_name="Ménard")
    affiliation = person.affiliations.get()
    assert affiliation.organization == cast.lab_a
    assert affiliation.status == "doctoral_student"
    assert str(affiliation.start) == "2021-10-01"


def test_one_bad_row_writes_nothing_and_names_its_row_and_column(cast):
    people = onboarding.kinds()["people"]
    text = (
        "key,first_name,last_name,email\n"
        "HR-1,Ana,Lopes,ana@example.org\n"
        "HR-2,Luc,Bernard,not-an-address\n"
        "HR-3,,Petit,\n"
    )
    before = counts()
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(people, "people.csv", csv_file(text), user=cast.users["admin"])
    faults = {(fault.row, fault.field) for fault in failure.value.faults}
    assert faults == {(3, "email"), (4, "first_name")}
    assert "people.csv, row 3" in str(failure.value)
    assert counts() == before
    assert not ImportKey.objects.exists()


def test_a_column_the_import_does_not_know_is_refused_not_ignored(cast):
    people = onboarding.kinds()["people"]
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(
            people, "p.csv", csv_file("key,first_name,last_name,phone\nK,A,B,0102\n"), user=None
        )
    assert [(f.row, f.field) for f in failure.value.faults] == [(1, "phone")]


def test_a_reference_to_an_unknown_key_is_named(cast):
    inventors = onboarding.kinds()["inventors"]
    text = "key,invention,person,share\nI-1,NOPE-1,HR-404,1\n"
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(inventors, "inventors.csv", csv_file(text), user=None)
    messages = {fault.field: fault.message for fault in failure.value.faults}
    assert "NOPE-1" in messages["invention"] and "HR-404" in messages["person"]


def test_the_contributions_of_an_inventions_inventors_must_make_one(cast):
    kinds = onboarding.kinds()
    admin = cast.users["admin"]
    onboarding.run(
        kinds["inventions"],
        "inventions.csv",
        csv_file(
            "key,title,owning_units,state,received_on\nD-1,Tête de lecture,Lab A1,declared,2024-01-05\n"
        ),
        user=admin,
    )
    person = cast.people["researcher_a"]
    other = cast.people["researcher_a2"]
    text = f"key,invention,person,share\nD-1/1,D-1,#{person.pk},1/2\nD-1/2,D-1,#{other.pk},1/3\n"
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(kinds["inventors"], "inventors.csv", csv_file(text), user=admin)
    [fault] = failure.value.faults
    assert (fault.row, fault.field) == (3, "share") and "0.8333" in fault.message


def test_the_shares_of_a_softwares_authors_must_make_one(cast):
    kinds = onboarding.kinds()
    admin = cast.users["admin"]
    onboarding.run(
        kinds["software"],
        "logiciels.csv",
        csv_file("Clé;Titre;Unité propriétaire\r\nL-1;Traceur;Lab A1\r\n", "cp1252"),
        user=admin,
    )
    person, other = cast.people["researcher_a"], cast.people["researcher_a2"]
    text = f"key,software,person,share\nL-1/1,L-1,#{person.pk},50 %\nL-1/2,L-1,#{other.pk},0.4\n"
    before = counts()
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(kinds["software_authors"], "auteurs.csv", csv_file(text), user=admin)
    [fault] = failure.value.faults
    assert (fault.row, fault.field) == (3, "share") and "0.9" in fault.message
    assert counts() == before


def test_an_officer_imports_only_inside_their_scope(cast):
    inventions = onboarding.kinds()["inventions"]
    officer = cast.users["officer_a"]
    text = (
        "key,title,owning_units,state,received_on\n"
        "D-1,Ours,Lab A1,declared,2024-01-05\n"
        "D-2,Theirs,Lab B1,declared,2024-01-06\n"
    )
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(inventions, "inventions.csv", csv_file(text), user=officer)
    assert [(f.row, f.field) for f in failure.value.faults] == [(3, "owning_units")]
    assert not apps.get_model("inventions", "Invention").objects.exists()


def test_a_preview_says_what_would_happen_and_writes_nothing(cast):
    people = onboarding.kinds()["people"]
    text = "key,first_name,last_name\nHR-1,Ana,Lopes\n"
    report = onboarding.run(people, "people.csv", csv_file(text), user=None, commit=False)
    assert report.counts["created"] == 1 and not report.committed
    assert not apps.get_model("directory", "Person").objects.filter(last_name="Lopes").exists()
    assert not ImportKey.objects.exists()


def test_the_page_previews_then_imports_and_the_export_reads_back(cast, login):
    client = login("officer_a")
    home = client.get("/imports/")
    assert home.status_code == 200 and b'data-kind="inventions"' in home.content
    text = (
        "key,title,owning_units,state,received_on\nD-1,Tête de lecture,Lab A1,declared,2024-01-05\n"
    )
    upload = io.BytesIO(text.encode())
    upload.name = "inventions.csv"
    # The preview is a job of the queue (run at once in the tests): the upload goes to its page.
    preview = client.post("/imports/inventions/", {"file": upload}, follow=True)
    assert preview.status_code == 200
    [(job_page, _status)] = preview.redirect_chain
    assert job_page.startswith("/imports/inventions/jobs/")
    assert b"1 to create, 0 to update, 0 unchanged" in preview.content
    Invention = apps.get_model("inventions", "Invention")
    assert not Invention.objects.exists()
    token = preview.context["token"]
    done = client.post("/imports/inventions/confirm/", {"token": token}, follow=True)
    assert done.status_code == 200 and done.context["report"].committed
    assert b"inventions.csv imported: 1 created" in done.content
    invention = Invention.objects.get()
    assert list(invention.owning_units.all()) == [cast.lab_a]
    # The token served once: the file is gone.
    again = client.post("/imports/inventions/confirm/", {"token": token})
    assert again.status_code == 400 and Invention.objects.count() == 1
    # Another user cannot use someone's preview, nor read someone's job.
    other = login("officer_b")
    assert other.post("/imports/inventions/confirm/", {"token": token}).status_code == 404
    assert other.get(job_page).status_code == 404
    assert client.get("/imports/inventions/jobs/../").status_code == 404
    assert client.get("/imports/people/jobs/" + job_page.split("/")[-2] + "/").status_code == 404

    export = login("officer_a").get("/imports/inventions/export/?format=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content)
    assert "Tête de lecture".encode() in content and b"D-1" in content


def test_the_page_follows_a_job_the_worker_has_not_taken_yet(cast, login, settings):
    """With the queue in the database (as in production, `valo db_worker`), the upload answers at
    once: its page says the job waits and polls itself until the worker has run it."""
    from valo.core.onboarding import jobs

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login("officer_a")
    upload = io.BytesIO(b"key,first_name,last_name\nHR-9,Ana,Lopes\n")
    upload.name = "people.csv"
    answer = client.post("/imports/people/", {"file": upload}, follow=True)
    [(job_page, _status)] = answer.redirect_chain
    text = answer.content.decode()
    assert answer.context["state"]["state"] == "queued" and 'data-testid="queued"' in text
    assert f'hx-get="{job_page}"' in text and 'type="file"' not in text
    job = job_page.split("/")[-2]
    assert jobs.run_import.call(job) == "done"  # what the worker does
    polled = client.get(job_page, headers={"HX-Request": "true"})
    text = polled.content.decode()
    assert "hx-get" not in text and "1 to create, 0 to update, 0 unchanged" in text
    assert 'name="token"' in text and "<html" not in text  # the part the page swaps in
    Person = apps.get_model("directory", "Person")
    assert not Person.objects.filter(last_name="Lopes").exists()


def test_the_page_names_every_fault_and_writes_nothing(cast, login):
    client = login("officer_a")
    upload = io.BytesIO(b"key,first_name,last_name,email\nK1,Ana,,bad\n")
    upload.name = "people.csv"
    answer = client.post("/imports/people/", {"file": upload}, follow=True)
    assert answer.status_code == 200 and answer.context["state"]["state"] == "refused"
    text = answer.content.decode()
    assert "people.csv, row 2, field “last_name”" in text
    assert "people.csv, row 2, field “email”" in text
    assert "token" not in answer.context or not answer.context["token"]


def test_the_pages_answer_only_those_who_may_import(cast, login):
    assert login("researcher_a").get("/imports/").status_code == 404
    assert login("director").get("/imports/inventions/").status_code == 404
    assert login("officer_a").get("/imports/nothing/").status_code == 404
    assert login("officer_a").get("/imports/people/template/?language=xx").status_code == 400


def test_the_template_speaks_the_language_asked_and_its_headings_import_in_either(cast, login):
    client = login("officer_a")
    answer = client.get("/imports/people/template/?language=fr")
    workbook = load_workbook(io.BytesIO(answer.content), read_only=True)
    headings = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert headings[:3] == ("Clé", "Prénom", "Nom")
    assert workbook.sheetnames[1] == "Colonnes"
    english = load_workbook(
        io.BytesIO(client.get("/imports/people/template/?language=en").content), read_only=True
    )
    assert next(english.worksheets[0].iter_rows(values_only=True))[:3] == (
        "Key",
        "First name",
        "Last name",
    )


def test_a_template_sent_back_whole_imports_its_first_sheet_in_either_language(cast, login):
    """The template as downloaded (its sheet of notes on the columns included), filled and saved
    with the notes open — Excel then records that sheet as the active one."""
    client = login("officer_a")
    people = onboarding.kinds()["people"]
    for language, examples in (("fr", len(people.examples)), ("en", 0)):
        answer = client.get(f"/imports/people/template/?language={language}")
        workbook = load_workbook(io.BytesIO(answer.content))
        workbook.worksheets[0].append([f"HR-{language}", "Ana", f"Lopes-{language}"])
        workbook.active = 1
        stream = io.BytesIO()
        workbook.save(stream)
        stream.seek(0)
        report = onboarding.run(people, "people.xlsx", stream, user=cast.users["officer_a"])
        # The examples once (the second file finds them by their keys), and the added row.
        assert report.count("created") == examples + 1
        person = apps.get_model("directory", "Person").objects.get(last_name=f"Lopes-{language}")
        assert person.first_name == "Ana"


def test_a_workbook_with_data_on_another_sheet_is_refused_naming_it(cast):
    """Its second sheet's rows would otherwise be dropped without a word."""
    people = onboarding.kinds()["people"]
    stream = io.BytesIO(
        workbook_bytes(
            [
                ("Chercheurs", ["key", "first_name", "last_name"], [["HR-1", "Ana", "Lopes"]]),
                ("Doctorants", ["key", "first_name", "last_name"], [["HR-2", "Luc", "Petit"]]),
            ]
        )
    )
    before = counts()
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(people, "equipe.xlsx", stream, user=cast.users["admin"])
    assert "“Doctorants”" in str(failure.value) and "equipe.xlsx" in str(failure.value)
    assert counts() == before
    # A hidden sheet (the lists behind a drop-down, say) is named as hidden: the user cannot see it.
    workbook = load_workbook(io.BytesIO(workbook_bytes([("Feuil1", ["key"], [["HR-1"]])])))
    workbook.create_sheet("Listes").append(["doctorant", "permanent"])
    workbook["Listes"].sheet_state = "hidden"
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(people, "equipe.xlsx", stream, user=cast.users["admin"])
    assert "hidden sheet “Listes”" in str(failure.value)
    # An empty second sheet (a new workbook's "Feuil2") is no data.
    stream = io.BytesIO(
        workbook_bytes([("Feuil1", ["key", "first_name", "last_name"], [["HR-1", "Ana", "Lopes"]])])
    )
    workbook = load_workbook(stream)
    workbook.create_sheet("Feuil2")
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    assert onboarding.run(people, "p.xlsx", stream, user=cast.users["admin"]).count("created") == 1


def test_the_commands_import_dry_run_and_export(cast, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "people.csv"
    path.write_text("key,first_name,last_name\nHR-1,Ana,Lopes\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_data", "people", str(path), "--dry-run", stdout=out)
    assert "1 would be created" in out.getvalue()
    Person = apps.get_model("directory", "Person")
    assert not Person.objects.filter(last_name="Lopes").exists()
    call_command("import_data", "people", str(path), stdout=io.StringIO())
    person = Person.objects.get(last_name="Lopes")
    created = ObjectChange.objects.filter(
        content_type__model="person", object_id=person.pk, action="create"
    ).get()
    assert created.source == "import"
    exported = tmp_path / "out.csv"
    call_command("export_data", "people", "--output", str(exported))
    out = io.StringIO()
    call_command("import_data", "people", str(exported), stdout=out)
    assert "0 were created, 0 updated" in out.getvalue()


def test_a_key_twice_in_one_file_is_refused(cast):
    people = onboarding.kinds()["people"]
    text = "key,first_name,last_name\nHR-1,Ana,Lopes\nHR-2,Luc,Petit\nHR-1,Ana,Lopez\n"
    with pytest.raises(ImportFailed) as failure:
        onboarding.run(people, "people.csv", csv_file(text), user=None)
    [fault] = failure.value.faults
    assert (fault.row, fault.field) == (4, "key") and "row 2" in fault.message


def test_a_long_file_finds_records_by_their_natural_keys_read_at_once(cast, monkeypatch):
    """Past Run.PRELOAD_ROWS rows, the kind's references are read in one query: the same answers."""
    monkeypatch.setattr(onboarding.Run, "PRELOAD_ROWS", 0)
    kinds = onboarding.kinds()
    text = "key,title,owning_units,state,received_on\nD-1,Tête,Lab A1,declared,2024-01-05\n"
    onboarding.run(kinds["inventions"], "a.csv", csv_file(text), user=None)
    reference = apps.get_model("inventions", "Invention").objects.get().reference
    # Another file names it by its reference: found, updated, not duplicated.
    again = f"key,title\n{reference},Tête de lecture\n"
    report = onboarding.run(kinds["inventions"], "b.csv", csv_file(again), user=None)
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert apps.get_model("inventions", "Invention").objects.get().title == "Tête de lecture"


def test_a_file_over_the_size_cap_is_refused_unread(cast, settings):
    settings.VALO_IMPORT_MAX_BYTES = 100
    people = onboarding.kinds()["people"]
    text = "key,first_name,last_name\n" + "".join(f"K{n},Ana,Lopes\n" for n in range(20))
    with pytest.raises(ImportFailed, match="larger than 0 MB"):
        onboarding.run(people, "people.csv", csv_file(text), user=None)
