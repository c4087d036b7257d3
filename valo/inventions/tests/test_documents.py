"""Issue 13: documents on every record, with the record's own permissions. A document of a know-how
record is invisible to an officer not named on it — on the page, in the API and at download — and
every download is recorded; a file too large, of a refused type or refused by the scanner hook
writes nothing; a file with the kind and title of one held is its next version."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from valo.core.models import ObjectChange
from valo.documents.models import Document, DocumentDownload
from valo.inventions.models import KnowHow, KnowHowMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def secret(cast):
    item = KnowHow.objects.create(title="Furnace profile", unit=cast.lab_a, description="1150 °C")
    KnowHowMember.objects.create(know_how=item, user=cast.users["officer_a"])
    return item


def add(client, record, name, content, **fields):
    label = f"{record._meta.app_label}.{record._meta.model_name}"
    return client.post(
        reverse("documents_add", args=[label, record.pk]),
        {"file": SimpleUploadedFile(name, content), "kind": "report", **fields},
    )


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_know_how_document_is_seen_only_by_those_named_on_it(cast, secret, login, api, media):
    answer = add(login("officer_a"), secret, "recipe.pdf", b"%PDF-1.7 the recipe")
    assert answer.status_code == 302
    (document,) = Document.objects.all()
    assert document.number.startswith("D-") and document.version == 1
    assert "recipe" in login("officer_a").get(secret.get_absolute_url()).content.decode()
    for name in ("officer_b", "director", "auditor", "researcher_a"):
        assert login(name).get(document.get_absolute_url()).status_code == 404, name
        assert api(name).get("/api/documents/documents/").json()["count"] == 0, name
        download = f"/api/documents/documents/{document.pk}/download/"
        assert api(name).get(download).status_code == 404, name
        # Nor may they add one to it.
        assert add(login(name), secret, "more.pdf", b"%PDF").status_code == 404, name
    assert DocumentDownload.objects.count() == 0
    # The named officer downloads it, by the page and by the API: each download recorded.
    page = login("officer_a").get(document.get_absolute_url())
    assert b"".join(page.streaming_content) == b"%PDF-1.7 the recipe"
    listed = api("officer_a").get("/api/documents/documents/").json()["results"]
    assert [d["number"] for d in listed] == [document.number]
    by_api = api("officer_a").get(listed[0]["download_url"])
    assert b"".join(by_api.streaming_content) == b"%PDF-1.7 the recipe"
    downloads = DocumentDownload.objects.filter(document=document)
    assert [d.user.username for d in downloads] == ["officer_a", "officer_a"]
    logged = ObjectChange.objects.filter(
        content_type__model="documentdownload", action="create"
    ).count()
    assert logged == 2


def test_bad_files_are_refused_with_the_reason_and_nothing_is_written(
    cast, inv_a, login, media, settings
):
    settings.VALO_ATTACHMENT_MAX_BYTES = 1000
    client = login("officer_a")
    big = add(client, inv_a, "scan.pdf", b"x" * 1001)
    assert big.status_code == 400
    assert "scan.pdf is 1001\xa0bytes; the largest file accepted is 1000\xa0bytes." in (
        big.content.decode()
    )
    exe = add(client, inv_a, "tool.exe", b"MZ")
    assert exe.status_code == 400 and "files of type “exe” are not accepted" in exe.content.decode()
    unknown_kind = add(client, inv_a, "ok.pdf", b"%PDF", kind="love_letter")
    assert unknown_kind.status_code == 400 and 'data-field="kind"' in unknown_kind.content.decode()
    settings.VALO_DOCUMENT_SCANNER = "valo.inventions.tests.test_documents.refuse_eicar"
    infected = add(client, inv_a, "virus.txt", b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD")
    assert infected.status_code == 400 and "virus.txt: EICAR test signature" in (
        infected.content.decode()
    )
    assert not Document.objects.exists() and files_under(media) == []


def refuse_eicar(upload):
    """A scanner hook as an institution would plug its antivirus in."""
    if b"EICAR" in upload.read():
        raise ValidationError(f"{upload.name}: EICAR test signature")
    upload.seek(0)


def test_the_same_kind_and_title_is_the_next_version(cast, inv_a, login, media):
    client = login("officer_a")
    for content in (b"%PDF draft 1", b"%PDF draft 2"):
        add(client, inv_a, "claims.pdf", content, title="Claims", kind="draft")
    first, second = Document.objects.order_by("version")
    assert (first.version, second.version) == (1, 2) and first.number != second.number
    assert first.file.read() == b"%PDF draft 1" and second.file.read() == b"%PDF draft 2"
    page = client.get(inv_a.get_absolute_url()).content.decode()
    assert page.count('data-testid="document"') == 2
