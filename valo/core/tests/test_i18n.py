"""English and French: the catalogue is complete and up to date, and pages speak French."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "valo" / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# The same arguments as `make messages`.
MAKEMESSAGES = [
    "makemessages",
    "--locale",
    "fr",
    "--no-obsolete",
    "--ignore",
    ".venv/*",
    "--ignore",
    "node_modules/*",
    "--ignore",
    "var/*",
    "--ignore",
    "*/tests/*",
    "--ignore",
    "conftest.py",
    "--ignore",
    "bench/*",
]


def test_french_catalogue_is_fully_translated():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_every_user_facing_string_is_in_the_catalogue():
    """Re-extract the strings (makemessages) and check that none is new or untranslated."""
    assert shutil.which("xgettext"), "GNU gettext is needed: `make test` installs it"
    saved = PO.read_bytes()
    try:
        subprocess.run(
            [sys.executable, "-m", "valo", *MAKEMESSAGES],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
        extracted = polib.pofile(str(PO))
        missing = [e.msgid for e in extracted if not e.translated() or "fuzzy" in e.flags]
    finally:
        PO.write_bytes(saved)
    assert missing == [], "run `make messages` and translate these in django.po"


@pytest.mark.django_db
def test_pages_switch_to_french(cast, login):
    client = login("officer_a")
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": "/directory/organizations/"}
    )
    assert response.status_code == 302
    page = client.get("/directory/organizations/").content.decode()
    assert '<html lang="fr">' in page
    assert "Organismes" in page and "Ajouter : organisme" in page and "Filtrer" in page
    form = client.post(reverse("directory_organization_add"), {"name": "", "kind": "school"})
    text = form.content.decode()
    assert "Ce champ est obligatoire." in text
    assert "Une école est rattachée à un établissement." in text


@pytest.mark.django_db
def test_a_date_reads_dd_mm_yyyy_in_french_and_is_the_browsers_control_in_english():
    import datetime

    from django.utils import translation

    from valo.core.forms import model_form
    from valo.core.models import Parameter

    form_class = model_form(Parameter, ["key", "label", "value", "unit", "source", "start"])
    parameter = Parameter(key="k", label="l", value=1, unit="days", source="s")
    parameter.start = datetime.date(2024, 3, 31)
    with translation.override("fr"):
        html = str(form_class(instance=parameter)["start"])
        assert 'type="text"' in html and 'value="31/03/2024"' in html and "jj/mm/aaaa" in html
        data = {"key": "k", "label": "l", "value": "1", "unit": "days", "source": "s"}
        form = form_class(data={**data, "start": "30/04/2024"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["start"] == datetime.date(2024, 4, 30)
        assert form_class(data={**data, "start": "2024-04-30"}).is_valid()  # ISO still read
    with translation.override("en"):
        html = str(form_class(instance=parameter)["start"])
        assert 'type="date"' in html and 'value="2024-03-31"' in html


@pytest.mark.django_db
def test_the_date_filters_of_a_list_read_dates_as_the_forms_do(cast):
    """Issue 14: a list's date filters were plain text inputs in both languages."""
    import datetime

    from django.test import Client

    client = Client()
    client.force_login(cast.users["auditor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/changelog/", {"time_after": "30/04/2024"})
    field = re.search(r'<input[^>]*name="time_after"[^>]*>', page.content.decode()).group(0)
    assert 'type="text"' in field and 'value="30/04/2024"' in field and "jj/mm/aaaa" in field
    assert page.context["filterset"].form.cleaned_data["time_after"] == datetime.date(2024, 4, 30)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/changelog/", {"time_after": "2024-04-30"})
    field = re.search(r'<input[^>]*name="time_after"[^>]*>', page.content.decode()).group(0)
    assert 'type="date"' in field and 'value="2024-04-30"' in field
    # An address written on the French page, opened in English: the same day (5 March, not 3 May);
    # the API reads it so too.
    page = client.get("/changelog/", {"time_after": "05/03/2024"})
    assert page.context["filterset"].form.cleaned_data["time_after"] == datetime.date(2024, 3, 5)
    assert client.get("/api/core/changes/", {"time_after": "05/03/2024"}).status_code == 200
    assert client.get("/api/core/changes/", {"time_after": "03/30/2024"}).status_code == 400
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/changelog/", {"time_after": "05/03/2024"})
    assert page.context["filterset"].form.cleaned_data["time_after"] == datetime.date(2024, 3, 5)
