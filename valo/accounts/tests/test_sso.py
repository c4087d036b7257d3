"""Single sign-on through OpenID Connect, in a real browser, against two schools' identity providers
started on the loopback (django-oauth-toolkit's provider, each in its own process): a person of the
directory lands as themselves with the researcher role in their unit and logs out of both; the second
school's provider maps to that school; someone the directory does not know leaves an account request
and gets no access."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from valo.accounts.models import AccountRequest, RequestState
from valo.core.access import Role
from valo.directory.models import Affiliation, Membership, Person

USERS = [
    {
        "username": "cmartin",
        "password": "idp-pw-1",
        "email": "claire.martin@school-a.example",
        "given_name": "Claire",
        "family_name": "Martin",
        "eduPersonAffiliation": "faculty",
    },
    {
        "username": "dlefevre",
        "password": "idp-pw-2",
        "email": "Dana.Lefevre@school-b.example",
        "given_name": "Dana",
        "family_name": "Lefèvre",
        "eduPersonAffiliation": "researcher",
    },
    {
        "username": "rtester",
        "password": "idp-pw-4",
        "email": "r.tester@school-a.example",
        "given_name": "Researcher_A",
        "family_name": "Tester",
        "eduPersonAffiliation": "faculty",
    },
    {
        "username": "stranger",
        "password": "idp-pw-3",
        "email": "someone.new@school-b.example",
        "given_name": "Sam",
        "family_name": "Nouveau",
        "eduPersonAffiliation": "student",
    },
]


def start_provider(tmp: Path, name: str, base: str) -> tuple[subprocess.Popen, str]:
    config = {
        "client_id": f"valo-{name}",
        "secret": f"secret-of-{name}",
        "redirect_uris": [f"{base}/sso/oidc/{name}/login/callback/"],
        "post_logout_redirect_uris": [f"{base}/login/"],
        "users": USERS,
    }
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, "-m", "valo.accounts.tests.oidc_provider", str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line.startswith("READY"):
        process.kill()
        raise RuntimeError(f"the identity provider {name} did not start: {line!r}")
    return process, f"http://localhost:{line.split()[1]}/o"


@pytest.fixture
def providers(live_server: Any, settings: Any, tmp_path: Path, cast: Any) -> Iterator[dict]:
    """School A's and School B's providers, configured in valo as an institution does."""
    started = {}
    apps = []
    for name, school in (("school-a", cast.school_a), ("school-b", cast.school_b)):
        process, url = start_provider(tmp_path, name, live_server.url)
        started[name] = process
        school.short_name = name.upper()
        school.save()
        apps.append(
            {
                "provider_id": name,
                "name": school.name,
                "client_id": f"valo-{name}",
                "secret": f"secret-of-{name}",
                "settings": {"server_url": url, "school": name.upper()},
            }
        )
    settings.VALO_SSO_OIDC = [{"id": app["provider_id"], "name": app["name"]} for app in apps]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}
    }
    yield started
    for process in started.values():
        process.kill()
        process.wait()


def sign_in_at_provider(page: Page, base: str, school: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_role("link", name=f"Sign in with {school}").click()
    expect(page.get_by_role("heading", name="School identity provider")).to_be_visible()
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in at the provider").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_researcher_signs_in_with_their_school_and_out_of_both(
    cast, live_server, providers, page
):
    base = live_server.url
    claire = Person.objects.create(
        first_name="Claire", last_name="Martin", email="claire.martin@school-a.example"
    )
    Affiliation.objects.create(
        person=claire,
        organization=cast.lab_a,
        status="teacher_researcher",
        start=datetime.date(2019, 9, 1),
    )

    sign_in_at_provider(page, base, cast.school_a.name, "cmartin", "idp-pw-1")
    expect(page.get_by_role("heading", name="Technology transfer office")).to_be_visible()

    claire.refresh_from_db()
    user = claire.user
    assert user is not None and not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("role", "organization")) == [
        (Role.RESEARCHER, cast.lab_a.pk)
    ]
    # As herself: her own record opens, a laboratory of the other school does not.
    assert page.goto(f"{base}{claire.get_absolute_url()}").status == 200
    assert page.goto(f"{base}{cast.lab_b.get_absolute_url()}").status == 404

    # Log out: out of valo, then out of the provider (RP-initiated logout), back to the login page.
    page.goto(f"{base}/")
    page.get_by_role("button", name=user.username).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign out of the provider")).to_be_visible()
    page.get_by_role("button", name="Sign out at the provider").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert page.url.startswith(f"{base}/login/")
    # Signed out at the provider too: signing in again asks for the password there.
    page.get_by_role("link", name=f"Sign in with {cast.school_a.name}").click()
    expect(page.get_by_role("heading", name="School identity provider")).to_be_visible()
    # A second sign-in finds the same account: no second user.
    page.fill("#id_username", "cmartin")
    page.fill("#id_password", "idp-pw-1")
    page.get_by_role("button", name="Sign in at the provider").click()
    expect(page.get_by_role("heading", name="Technology transfer office")).to_be_visible()
    assert get_user_model().objects.filter(person=claire).count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_local_account_is_not_opened_by_a_provider(cast, live_server, providers, page):
    """researcher_a signs in with a password: the school's provider asserting the same e-mail does
    not open that account."""
    person = cast.people["researcher_a"]
    person.email = "r.tester@school-a.example"
    person.save()
    sign_in_at_provider(page, live_server.url, cast.school_a.name, "rtester", "idp-pw-4")
    expect(page.get_by_role("alert")).to_contain_text("signs in with a password")
    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.goto(f"{live_server.url}/").url.startswith(f"{live_server.url}/login/")
    assert not person.user.socialaccount_set.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_second_schools_provider_maps_to_that_school_and_strangers_ask(
    cast, live_server, providers, page
):
    base = live_server.url
    # A sign-in the provider refused (the user cancelled there): valo's page says so.
    page.goto(f"{base}/sso/oidc/school-b/login/callback/?error=access_denied")
    expect(page.get_by_test_id("sso-error")).to_contain_text("did not sign you in")
    # Known to the directory (by e-mail, in any case), with no affiliation yet.
    dana = Person.objects.create(
        first_name="Dana", last_name="Lefèvre", email="dana.lefevre@school-b.example"
    )
    sign_in_at_provider(page, base, cast.school_b.name, "dlefevre", "idp-pw-2")
    expect(page.get_by_role("heading", name="Technology transfer office")).to_be_visible()
    dana.refresh_from_db()
    assert list(Membership.objects.filter(user=dana.user).values_list("role", "organization")) == [
        (Role.RESEARCHER, cast.school_b.pk)
    ]

    # Someone the directory does not know: an account request, and no session.
    other = page.context.browser.new_context(locale="en-GB").new_page()
    sign_in_at_provider(other, base, cast.school_b.name, "stranger", "idp-pw-3")
    expect(other.get_by_test_id("account-request")).to_contain_text("has been sent")
    asked = AccountRequest.objects.get()
    assert (asked.school, asked.email, asked.state) == (
        cast.school_b,
        "someone.new@school-b.example",
        RequestState.PENDING,
    )
    assert other.goto(f"{base}/").url.startswith(f"{base}/login/")
    assert not get_user_model().objects.filter(email="someone.new@school-b.example").exists()

    # The school's officer gives the account; the next sign-in lets the person in.
    officer = page.context.browser.new_context(locale="en-GB").new_page()
    from conftest import log_in

    log_in(officer, base, "officer_b", "pw-officer_b")
    officer.goto(f"{base}{asked.get_absolute_url()}")
    officer.get_by_role("button", name="Give the account").click()
    expect(officer.get_by_role("alert")).to_contain_text("may now sign in")
    # Still signed in at the provider: the button goes straight through.
    other.goto(f"{base}/login/")
    other.get_by_role("link", name=f"Sign in with {cast.school_b.name}").click()
    expect(other.get_by_role("heading", name="Technology transfer office")).to_be_visible()
    newcomer = Person.objects.get(email="someone.new@school-b.example")
    assert newcomer.user is not None
    assert Membership.objects.filter(
        user=newcomer.user, role=Role.RESEARCHER, organization=cast.school_b
    ).exists()


# --- SAML 2.0 (a federation's identity provider: pysaml2 on the loopback) ---------------------


@pytest.fixture
def saml_provider(live_server: Any, settings: Any, tmp_path: Path, cast: Any) -> Iterator[str]:
    slug = "school-a-saml"
    base = live_server.url
    cert_path = tmp_path / "idp.crt"
    config = {
        "sp_entity_id": f"{base}/sso/saml/{slug}/metadata/",
        "acs_url": f"{base}/sso/saml/{slug}/acs/",
        "sls_url": f"{base}/sso/saml/{slug}/sls/",
        "cert_out": str(cert_path),
        "users": [
            {
                "username": "cmartin",
                "password": "saml-pw",
                "mail": "claire.martin@school-a.example",
                "givenName": "Claire",
                "sn": "Martin",
                "eduPersonPrincipalName": "cmartin@school-a.example",
                "eduPersonAffiliation": "faculty",
            }
        ],
    }
    path = tmp_path / "saml.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, "-m", "valo.accounts.tests.saml_idp", str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line.startswith("READY"):
        process.kill()
        raise RuntimeError(f"the SAML identity provider did not start: {line!r}")
    idp = f"http://localhost:{line.split()[1]}"
    cast.school_a.short_name = "SCHOOL-A"
    cast.school_a.save()
    provider = {
        "id": slug,
        "name": f"{cast.school_a.name} (SAML)",
        "school": "SCHOOL-A",
        "allow_single_label_domains": True,
        "idp": {
            "entity_id": f"{idp}/metadata",
            "sso_url": f"{idp}/sso",
            "slo_url": f"{idp}/slo",
            "x509cert": cert_path.read_text(),
        },
    }
    settings.VALO_SSO_SAML = [provider]
    settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [settings_module().saml_app(provider)]}}
    yield slug
    process.kill()
    process.wait()


def settings_module() -> Any:
    import valo.settings

    return valo.settings


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_researcher_signs_in_through_saml_and_logs_out_of_both(
    cast, live_server, saml_provider, page
):
    base = live_server.url
    claire = Person.objects.create(
        first_name="Claire", last_name="Martin", email="claire.martin@school-a.example"
    )
    Affiliation.objects.create(
        person=claire,
        organization=cast.lab_a,
        status="teacher_researcher",
        start=datetime.date(2019, 9, 1),
    )
    page.goto(f"{base}/login/")
    page.get_by_role("link", name=f"Sign in with {cast.school_a.name} (SAML)").click()
    expect(page.get_by_role("heading", name="School SAML identity provider")).to_be_visible()
    page.fill("#idp_username", "cmartin")
    page.fill("#idp_password", "saml-pw")
    page.get_by_role("button", name="Sign in at the SAML provider").click()
    expect(page.get_by_role("heading", name="Technology transfer office")).to_be_visible()

    claire.refresh_from_db()
    user = claire.user
    assert user is not None and not user.has_usable_password()
    assert user.username == "cmartin@school-a.example"  # the eduPersonPrincipalName
    assert list(Membership.objects.filter(user=user).values_list("role", "organization")) == [
        (Role.RESEARCHER, cast.lab_a.pk)
    ]

    # Single logout: valo, then the provider (a LogoutRequest), back to valo's login page.
    page.get_by_role("button", name=user.username).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert page.url.startswith(f"{base}/login/")
    page.get_by_role("link", name=f"Sign in with {cast.school_a.name} (SAML)").click()
    expect(page.get_by_role("heading", name="School SAML identity provider")).to_be_visible()
