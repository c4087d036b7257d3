"""The pickers' endpoint: suggestions from what the user may see, a field's named source, or the
queryset a form narrowed (its scope) — never more than the user may see."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django import forms
from django.core.cache import caches
from django.test import Client

from valo.core.forms import style_fields
from valo.directory.models import Organization


def texts(client: Client, url: str, q: str) -> list[str]:
    """As the picker asks: its address (which may name a source or a scope) and what was typed."""
    response = client.get(f"{url}{'&' if '?' in url else '?'}{urlencode({'q': q})}")
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


class CompanyForm(forms.Form):
    """A form whose field narrows its organisations to companies (a filter of its own)."""

    partner = forms.ModelChoiceField(queryset=Organization.objects.filter(kind="company"))


def address_of(form: forms.Form, name: str) -> str:
    html = str(form[name])
    return re.search(r'data-autocomplete-url="([^"]+)"', html).group(1).replace("&amp;", "&")


@pytest.fixture
def officer_a(cast):
    client = Client()
    client.force_login(cast.users["officer_a"])
    return client


@pytest.mark.django_db
def test_suggestions_are_what_the_user_may_see(cast, officer_a):
    everything = texts(officer_a, "/pick/directory.organization/", "")
    assert "Lab A1" in everything and "Acme Industries" in everything
    assert "Lab B1" not in everything  # school B's laboratory: outside officer A's scope
    assert texts(officer_a, "/pick/directory.organization/", "acm") == ["Acme Industries"]


@pytest.mark.django_db
def test_each_suggestion_comes_once_and_distinct_only_where_a_join_repeats(cast, officer_a):
    """DISTINCT over every column made PostgreSQL sort 100 000 people for three common letters
    (136 ms, against 21 read in the names' order): the suggestions ask for it only where a join
    may repeat a row, and an organisation found by two of its aliases still comes once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from valo.directory.models import OrganizationAlias

    for alias in ("ACME Photonics", "Acme Photonic Systems"):
        OrganizationAlias.objects.create(organization=cast.company, name=alias)
    assert texts(officer_a, "/pick/directory.organization/", "photon") == ["Acme Industries"]
    with CaptureQueriesContext(connection) as queries:
        assert texts(officer_a, "/pick/directory.person/", "tester")
    selects = [q["sql"] for q in queries if 'FROM "directory_person"' in q["sql"]]
    assert selects and not any("DISTINCT" in sql for sql in selects)


@pytest.mark.django_db
def test_a_narrowed_field_suggests_its_own_choices_only(cast, officer_a):
    form = CompanyForm()
    style_fields(form)
    url = address_of(form, "partner")
    assert "scope=" in url
    assert texts(officer_a, url, "") == ["Acme Industries"]
    assert texts(officer_a, url, "lab") == []  # a laboratory: not one of the field's choices


@pytest.mark.django_db
def test_a_scope_never_widens_what_the_user_may_see(cast):
    form = CompanyForm()
    form.fields["partner"].queryset = Organization.objects.filter(kind="laboratory")
    style_fields(form)
    url = address_of(form, "partner")
    client = Client()
    client.force_login(cast.users["officer_a"])
    assert texts(client, url, "") == ["Lab A1"]  # Lab B1 is in the scope, not in officer A's view


@pytest.mark.django_db
def test_a_forgotten_or_foreign_scope_falls_back_and_a_malformed_one_is_refused(cast, officer_a):
    form = CompanyForm()
    style_fields(form)
    url = address_of(form, "partner")
    caches["shared"].clear()
    assert "Lab A1" in texts(officer_a, url, "")  # forgotten: what the user may see
    style_fields(CompanyForm())  # remembered again
    people = url.replace("directory.organization", "directory.person")
    assert texts(officer_a, people, "tester")  # a scope of another model is not used: people
    response = officer_a.get("/pick/directory.organization/", {"scope": "../../etc"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_query_that_does_not_pickle_leaves_the_picker_unscoped(cast, monkeypatch):
    from valo.core import pickers

    def refuse(obj):
        raise TypeError("cannot pickle")

    monkeypatch.setattr(pickers.pickle, "dumps", refuse)
    form = CompanyForm()
    style_fields(form)
    assert address_of(form, "partner") == "/pick/directory.organization/"
