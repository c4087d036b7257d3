"""Issue 13: letters from DOCX templates, generated from the demo institution through the page, kept
on their record as numbered documents, opened again (DOCX read back with python-docx, the PDF's text
extracted with pypdf) and checked for the record's values. A template naming a field its letter does
not know is refused on upload with the field named, and nothing is kept."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx
from pypdf import PdfReader

from valo.directory.models import Person
from valo.documents.letters import default_template, kinds
from valo.documents.models import Document, LetterTemplate
from valo.finance.remuneration import yearly_statement
from valo.inventions.models import Invention

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(document: Document) -> str:
    with document.file.open("rb") as handle:
        return "\n".join(p.text for p in Docx(io.BytesIO(handle.read())).paragraphs)


def pdf_text(document: Document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_r611_7_classification_letter_from_the_demo(demo, client):
    client = login(client, "officer")
    user = get_user_model().objects.get(username="officer")
    invention = (
        Invention.objects.restrict(user, "change")
        .exclude(ownership_class="")
        .exclude(qualified_on=None)
        .order_by("pk")
        .first()
    )
    assert invention is not None
    page = client.get(invention.get_absolute_url()).content.decode()
    assert "Classification answer (CPI R611-7)" in page
    answer = client.post(
        f"/documents/inventions.invention/{invention.pk}/letter/inventions.classification/",
        {"language": "fr"},
    )
    assert answer.status_code == 302
    docx, pdf = Document.objects.filter(object_id=invention.pk, kind="letter").order_by("pk")
    assert docx.filename.endswith("-fr.docx") and pdf.filename.endswith("-fr.pdf")
    assert docx.number.startswith("D-") and docx.number != pdf.number
    text = docx_text(docx)
    with_class = {
        "mission": "Invention de mission",
        "attributable": "Hors mission attribuable",
        "outside": "Hors mission non attribuable",
    }[invention.ownership_class]
    assert f"Classification de l'invention {invention.reference}" in text
    assert invention.title in text and "R611-7" in text
    assert with_class.lower() in text.lower()
    for inventorship in invention.inventorships.all():
        assert inventorship.name in text
    extracted = pdf_text(pdf)
    assert invention.reference in extracted and "R611-7" in extracted
    assert " ".join(invention.title.split()) in extracted
    # The letters are on the invention's page, and the generation is in the change log.
    assert docx.number in client.get(invention.get_absolute_url()).content.decode()


def test_the_yearly_remuneration_statement_from_the_demo(demo, client):
    finance = login(client, "finance")
    year, person, lines = None, None, []
    inventors = Person.objects.filter(inventorships__isnull=False, user__isnull=False)
    for candidate in inventors.distinct().order_by("pk"):
        for y in (2025, 2024, 2023, 2022):
            lines = yearly_statement(candidate, y)
            if lines:
                year, person = y, candidate
                break
        if person:
            break
    assert person is not None, "the demo pays some inventor"
    answer = finance.post(
        f"/documents/directory.person/{person.pk}/letter/finance.remuneration_statement/",
        {"language": "en", "year": str(year)},
    )
    assert answer.status_code == 302
    docx, pdf = Document.objects.filter(object_id=person.pk, kind="letter").order_by("pk")
    total = sum((line.amount for line in lines), Decimal(0))
    written_total = f"{total:,.2f} EUR"
    text = docx_text(docx)
    assert f"Remuneration statement {year}: {person}" in text
    assert f"Total: {written_total}" in text
    for line in lines:
        assert str(line.invention) in text
    assert f"Total: {written_total}" in pdf_text(pdf)
    # The inventor is told their statement is written, with the link to it.
    from valo.correspondence.models import Notification

    (told,) = Notification.objects.filter(recipient=person.user, event="finance.statement_ready")
    assert told.url == f"/finance/statements/{person.pk}/?year={year}"
    assert docx.number in told.body and pdf.number in told.body
    # Somebody without the money roles may not write it.
    officer = login(client, "officer")
    refused = officer.post(
        f"/documents/directory.person/{person.pk}/letter/finance.remuneration_statement/",
        {"language": "en", "year": str(year)},
    )
    assert refused.status_code in (403, 404)


def test_a_template_with_an_unknown_field_is_refused_and_a_good_one_is_used(demo, client):
    client = login(client, "officer")
    kind = kinds()["inventions.classification"]
    page = client.get("/documents/letters/")
    assert page.status_code == 200 and "<code>classification</code>" in page.content.decode()
    current = client.get("/documents/letters/inventions.classification/en.docx")
    assert current["Content-Type"] == DOCX
    document = Docx(io.BytesIO(b"".join([current.content])))
    document.add_paragraph("Dear {{ inventor_salutation }}, see {{ reference }}.")
    bad = io.BytesIO()
    document.save(bad)
    refused = client.post(
        "/documents/letters/",
        {
            "kind": kind.code,
            "language": "en",
            "file": SimpleUploadedFile("ours.docx", bad.getvalue(), content_type=DOCX),
        },
    )
    body = refused.content.decode()
    assert refused.status_code == 400 and "inventor_salutation" in body
    assert 'data-field="file"' in body and not LetterTemplate.objects.exists()
    broken = client.post(
        "/documents/letters/",
        {"kind": kind.code, "language": "en", "file": SimpleUploadedFile("x.docx", b"not a zip")},
    )
    assert broken.status_code == 400 and "not a DOCX template" in broken.content.decode()
    # A good template (the default with a line of the office's own) is in force from now on.
    document = Docx(io.BytesIO(default_template(kind, "en")))
    document.add_paragraph("Our ref. {{ reference }} — signed by the head of the office.")
    good = io.BytesIO()
    document.save(good)
    accepted = client.post(
        "/documents/letters/",
        {
            "kind": kind.code,
            "language": "en",
            "file": SimpleUploadedFile("ours.docx", good.getvalue(), content_type=DOCX),
        },
    )
    assert accepted.status_code == 302 and LetterTemplate.objects.count() == 1
    user = get_user_model().objects.get(username="officer")
    invention = (
        Invention.objects.restrict(user, "change")
        .exclude(ownership_class="")
        .order_by("pk")
        .first()
    )
    client.post(
        f"/documents/inventions.invention/{invention.pk}/letter/inventions.classification/",
        {"language": "en"},
    )
    docx = Document.objects.filter(object_id=invention.pk, kind="letter").order_by("pk").first()
    assert f"Our ref. {invention.reference} — signed by the head of the office." in docx_text(docx)


def test_the_assessment_invitation_is_offered_only_while_a_meeting_is_scheduled(demo, client):
    from valo.inventions.models import Assessment

    client = login(client, "officer")
    user = get_user_model().objects.get(username="officer")
    meeting = (
        Assessment.objects.restrict(user, "change")
        .filter(status="scheduled")
        .order_by("pk")
        .first()
    )
    assert meeting is not None
    invention = meeting.invention
    page = client.get(invention.get_absolute_url()).content.decode()
    assert "Invitation to the assessment meeting" in page
    client.post(
        f"/documents/inventions.invention/{invention.pk}/letter/inventions.assessment_invitation/",
        {"language": "en"},
        follow=True,  # the page that says it was written, so that its message is read
    )
    docx = Document.objects.filter(object_id=invention.pk, kind="letter").order_by("pk").first()
    text = docx_text(docx)
    assert f"Assessment of the invention {invention.reference}" in text
    assert meeting.location in text
    closed = (
        Invention.objects.restrict(user)
        .filter(assessments__status="closed")
        .exclude(assessments__status="scheduled")
        .first()
    )
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Invitation to the assessment meeting" not in page
