"""Account requests: decided by the office of the request's school (or an administrator), nobody
else; a refusal is kept; an approval makes the person the next sign-in finds."""

from __future__ import annotations

import pytest

from valo.accounts.models import AccountRequest, RequestState
from valo.directory.models import Person


@pytest.fixture
def asked(cast):
    return AccountRequest.objects.create(
        provider="school-a",
        identifier="sam@school-a.example",
        school=cast.school_a,
        first_name="Sam",
        last_name="Nouveau",
        email="sam@school-a.example",
        affiliation="student",
    )


def test_only_the_schools_office_sees_and_decides(asked, login):
    assert login("officer_a").get(asked.get_absolute_url()).status_code == 200
    assert login("admin").get(asked.get_absolute_url()).status_code == 200
    for name in ("officer_b", "researcher_a", "director"):
        client = login(name)
        assert client.get(asked.get_absolute_url()).status_code in (403, 404), name
        answer = client.post(f"/accounts/requests/{asked.pk}/decide/", {"decision": "approve"})
        assert answer.status_code == 404, name
    asked.refresh_from_db()
    assert asked.state == RequestState.PENDING
    assert login("researcher_a").get("/accounts/requests/").status_code in (403, 404)


def test_a_refusal_is_kept_with_its_note(asked, login):
    client = login("officer_a")
    client.post(f"/accounts/requests/{asked.pk}/decide/", {"decision": "refuse", "note": "Alumni"})
    asked.refresh_from_db()
    assert (asked.state, asked.note) == (RequestState.REFUSED, "Alumni")
    # Decided once: a second decision changes nothing.
    client.post(f"/accounts/requests/{asked.pk}/decide/", {"decision": "approve"})
    asked.refresh_from_db()
    assert asked.state == RequestState.REFUSED and asked.person is None


def test_an_approval_makes_the_person_in_the_school(asked, login, cast):
    login("officer_a").post(f"/accounts/requests/{asked.pk}/decide/", {"decision": "approve"})
    asked.refresh_from_db()
    person = Person.objects.get(email="sam@school-a.example")
    assert asked.state == RequestState.APPROVED and asked.person == person
    affiliation = person.affiliations.get()
    assert (affiliation.organization, affiliation.status) == (cast.school_a, "doctoral_student")


def test_allauth_password_pages_are_not_served(client):
    """Only the providers' side of django-allauth is mounted: no sign-up, no password reset that
    would give an account signing in through a provider a password."""
    for path in ("/sso/signup/", "/sso/password/reset/", "/sso/email/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/sso/login/").url == "/login/"
