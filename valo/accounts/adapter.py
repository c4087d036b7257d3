"""Who a single sign-on lets in (django-allauth's adapters; docs/sso.md).

An identity provider of the institution vouches for a person; valo gives an account only to a person
of its directory: the one with the e-mail (or eduPersonPrincipalName) the provider asserts. At the first
sign-in the account is made without a password, linked to that person, with the researcher role in
their unit of the provider's school (their current affiliation there, else the school itself). Someone
the directory does not know gets an account request for the office to decide, and no access. An
account that exists already is linked to the provider, unless it has a password (an administrator, an
outside person): a provider asserting its e-mail does not open a local account.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from valo.accounts.models import AccountRequest, RequestState
from valo.core.access import Role
from valo.core.context import change_context
from valo.core.views.pages import SSO_SESSION_KEY as SESSION_KEY
from valo.directory.models import Affiliation, Membership, Organization, Person


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """No one makes themselves a local account: admins give them (docs/permissions.md)."""
        return False


# eduPerson's attributes by their URI names (SAML) and their OpenID Connect claims.
EPPN = ("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "eduPersonPrincipalName", "eppn")
AFFILIATION = ("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "eduPersonAffiliation", "affiliation")


def _first(found: dict[str, Any], names: tuple[str, ...] | list[str]) -> str:
    """The first value of the first attribute present (SAML gives lists, OpenID Connect values)."""
    for name in names:
        value = found.get(name)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return str(value)
    return ""


def identity(sociallogin: Any) -> dict[str, str]:
    """What the provider asserts of the person, by valo's names."""
    provider = sociallogin.account.get_provider()
    raw = sociallogin.account.extra_data
    if provider.id == "saml":
        mapping = provider.app.settings.get("attribute_mapping", {})
        data = {name: _first(raw, names) for name, names in mapping.items()}
        claims = raw
    else:
        data = provider.extract_common_fields(raw)
        claims = raw.get("userinfo") or raw.get("id_token") or raw
    return {
        "email": (data.get("email") or "").strip().lower(),
        "first_name": (data.get("first_name") or "").strip(),
        "last_name": (data.get("last_name") or "").strip(),
        "eppn": _first(claims, EPPN).strip(),
        "affiliation": _first(claims, AFFILIATION),
        "email_verified": str(claims.get("email_verified", "")).lower(),
        "subject": sociallogin.account.uid,
    }


def school_of(sociallogin: Any) -> Organization | None:
    """The unit the provider signs people in for (its `school` setting)."""
    name = str(sociallogin.account.get_provider().app.settings.get("school", "")).strip()
    if not name:
        return None
    return (
        Organization.objects.filter(Q(short_name=name) | Q(ror=name) | Q(siren=name) | Q(name=name))
        .order_by("pk")
        .first()
    )


def person_for(found: dict[str, str]) -> Person | None:
    """The directory's person the provider's assertion names: by e-mail (unless the provider says
    it did not verify it), else by an eduPersonPrincipalName that is an e-mail address."""
    addresses = [found["eppn"].lower()]
    if found.get("email_verified") != "false":
        addresses.insert(0, found["email"])
    for address in addresses:
        if address and "@" in address:
            person = Person.objects.filter(email__iexact=address).first()
            if person is not None:
                return person
    return None


def unit_for(person: Person, school: Organization | None) -> Organization | None:
    """The person's unit in the provider's school: a current affiliation there, else the school."""
    if school is None:
        return None
    inside = Organization.descendant_ids([school.pk])
    current = (
        Affiliation.objects.filter(person=person, organization_id__in=inside)
        .filter(Affiliation.current_q())
        .select_related("organization")
        .order_by("-start")
        .first()
    )
    return current.organization if current else school


def _remember(request: HttpRequest, sociallogin: Any) -> None:
    provider = sociallogin.account.get_provider()
    remembered = {"provider": provider.app.provider_id, "protocol": provider.id}
    if provider.id == "openid_connect":
        config = provider.get_oauth2_adapter(request).openid_config
        remembered["end_session"] = config.get("end_session_endpoint", "")
        remembered["client_id"] = provider.app.client_id
    elif provider.id == "saml":
        # The subject is the persistent NameID: what the single logout request names.
        remembered["name_id"] = sociallogin.account.uid
    request.session[SESSION_KEY] = remembered


def logout_url(request: HttpRequest, signed_in: dict[str, str]) -> str:
    """Where the browser goes, once logged out of valo, to end the provider's session too: a SAML
    single logout request (HTTP-Redirect) back to valo's login page; '' for nothing."""
    if signed_in.get("protocol") != "saml" or not signed_in.get("name_id"):
        return ""
    from allauth.socialaccount.adapter import get_adapter
    from allauth.socialaccount.providers.saml.utils import build_auth

    provider = get_adapter().get_provider(request, "saml", client_id=signed_in["provider"])
    auth = build_auth(request, provider)
    name_id_format = provider.app.settings.get("advanced", {}).get("name_id_format")
    return auth.logout(
        return_to=request.build_absolute_uri(reverse("login")),
        name_id=signed_in["name_id"],
        name_id_format=name_id_format,
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return person_for(identity(sociallogin)) is not None

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """Before the login: a known account goes on; a person of the directory with an account
        has it linked; anyone else leaves an account request and is not let in."""
        _remember(request, sociallogin)
        if sociallogin.is_existing:
            return
        found = identity(sociallogin)
        person = person_for(found)
        if person is None:
            self._request_account(request, sociallogin, found)
        elif person.user_id is not None and person.user.has_usable_password():
            # A local account (an administrator, an outside person) keeps its password: a
            # provider asserting its e-mail does not open it.
            request.session.pop(SESSION_KEY, None)
            messages.error(
                request,
                _("%(person)s signs in with a password: ask an administrator to link the account.")
                % {"person": person},
            )
            raise ImmediateHttpResponse(HttpResponseRedirect(reverse("login")))
        elif person.user_id is not None:
            with change_context(source="web", user=person.user, request=request):
                sociallogin.connect(request, person.user)

    def _request_account(
        self, request: HttpRequest, sociallogin: Any, found: dict[str, str]
    ) -> None:
        provider = sociallogin.account.get_provider()
        with change_context(source="web", user_name=f"sso {provider.app.provider_id}"):
            wanted, _created = AccountRequest.objects.get_or_create(
                provider=provider.app.provider_id,
                identifier=found["eppn"] or found["subject"],
                defaults={
                    "school": school_of(sociallogin),
                    "first_name": found["first_name"][:128],
                    "last_name": found["last_name"][:128],
                    "email": found["email"][:254],
                    "affiliation": found["affiliation"][:255],
                },
            )
        request.session.pop(SESSION_KEY, None)
        raise ImmediateHttpResponse(
            HttpResponseRedirect(reverse("accounts_request_sent", args=[wanted.state]))
        )

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        found = identity(sociallogin)
        base = (
            found["eppn"] or found["email"] or f"{sociallogin.account.provider}-{found['subject']}"
        )
        user.username = _free_username(base[:150])
        return user

    @transaction.atomic
    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        """The account of a person of the directory: no password, the person linked, the
        researcher role in their unit of the provider's school."""
        found = identity(sociallogin)
        person = person_for(found)
        provider = sociallogin.account.get_provider().app.provider_id
        with change_context(source="web", user_name=f"sso {provider}", request=request):
            user = super().save_user(request, sociallogin, form)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            if person is not None:
                person.user = user
                person.save()
                unit = unit_for(person, school_of(sociallogin))
                if unit is not None:
                    Membership.objects.get_or_create(
                        user=user, role=Role.RESEARCHER, organization=unit
                    )
                AccountRequest.objects.filter(
                    provider=provider, identifier=found["eppn"] or found["subject"]
                ).update(state=RequestState.APPROVED, person=person)
        return user


def _free_username(wanted: str) -> str:
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager
    name = wanted or "user"
    if not users.filter(username=name).exists():
        return name
    stem = slugify(name)[:140] or "user"
    number = 2
    while users.filter(username=f"{stem}-{number}").exists():
        number += 1
    return f"{stem}-{number}"
