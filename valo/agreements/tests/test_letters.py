"""Issue 13: first drafts of contracts from the agreement's recorded terms — offered only for the
agreement's kind, written in the language chosen, kept on the agreement as DOCX and PDF, and holding
the terms (parties, royalty tiers, minimum, reporting periods)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document as Docx

from valo.agreements.models import Agreement, Licence, RoyaltyTier
from valo.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.create(
        reference="LIC-2026-011",
        title="Optical sensor licence",
        kind="licence",
        unit=cast.lab_a,
        partner=cast.company,
        requested_on=datetime.date(2026, 1, 9),
        effective_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2036, 5, 31),
    )
    Licence.objects.create(
        agreement=agreement,
        exclusive=True,
        field_of_use="industrial metrology",
        territory="European Union",
        upfront=Decimal(25_000),
        annual_minimum=Decimal(10_000),
        statement_due_days=60,
        payment_due_days=30,
    )
    RoyaltyTier.objects.create(agreement=agreement, from_amount=Decimal(0), rate=Decimal(3))
    RoyaltyTier.objects.create(agreement=agreement, from_amount=Decimal(1_000_000), rate=Decimal(2))
    return agreement


def text_of(document):
    with document.file.open("rb") as handle:
        return "\n".join(p.text for p in Docx(io.BytesIO(handle.read())).paragraphs)


def test_the_licence_draft_holds_the_recorded_terms(cast, licence, login):
    client = login("officer_a")
    page = client.get(licence.get_absolute_url()).content.decode()
    assert "Licence agreement (first draft)" in page
    assert "Confidentiality agreement (first draft)" not in page  # not an NDA
    answer = client.post(
        f"/documents/agreements.agreement/{licence.pk}/letter/agreements.licence_draft/",
        {"language": "fr"},
    )
    assert answer.status_code == 302
    docx, pdf = Document.objects.filter(kind="letter").order_by("pk")
    text = text_of(docx)
    assert "LIC-2026-011 — Optical sensor licence" in text
    assert "Acme Industries (SIREN 732829320" in text
    assert "licence exclusive" in text and "industrial metrology" in text
    assert "Entre Test Institute, agissant pour Lab A1, et Acme Industries" in text
    # Amounts as French writes them (non-breaking spaces between thousands).
    assert "– à partir de 0,00 EUR de ventes nettes : 3,00 %" in text
    assert "– à partir de 1\xa0000\xa0000,00 EUR de ventes nettes : 2,00 %" in text
    assert "minimum annuel de 10\xa0000,00 EUR" in text
    assert "dans les 60 jours suivant le 31 décembre" in text
    assert pdf.filename.endswith(".pdf") and pdf.size > 1000
    # Another school's officer may not write it (the agreement is not theirs).
    other = login("officer_b").post(
        f"/documents/agreements.agreement/{licence.pk}/letter/agreements.licence_draft/",
        {"language": "en"},
    )
    assert other.status_code == 404
    # A letter of another kind of agreement is not offered, nor written, for this one.
    nda = login("officer_a").post(
        f"/documents/agreements.agreement/{licence.pk}/letter/agreements.nda_draft/",
        {"language": "en"},
    )
    assert nda.status_code == 404 and Document.objects.count() == 2
