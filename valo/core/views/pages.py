"""Pages of core: home, the global change log, one change record, the personal API token."""

from __future__ import annotations

import itertools
import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from valo.core import archive
from valo.core.access import model_permits
from valo.core.bounds import query_value
from valo.core.filtersets import ObjectChangeFilterSet
from valo.core.models import ObjectChange
from valo.core.registry import dashboard_panels, health_checks, home_cards
from valo.core.tables import Column
from valo.core.views.generic import ObjectListView

logger = logging.getLogger(__name__)

# What a single sign-on leaves in the session (valo.accounts.adapter) so that the logout follows
# the protocol of the sign-in: {"protocol", "provider", "end_session", "client_id"}.
SSO_SESSION_KEY = "valo_sso"


class LoginView(auth_views.LoginView):
    """The login page: a local password, or the institution's identity providers (docs/sso.md)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = [
            (provider["name"], reverse("openid_connect_login", args=[provider["id"]]))
            for provider in settings.VALO_SSO_OIDC
        ] + [
            (provider["name"], reverse("saml_login", args=[provider["id"]]))
            for provider in settings.VALO_SSO_SAML
        ]
        return context


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out of valo, and out of the provider one signed in with: OpenID Connect's RP-initiated
    logout, SAML's single logout (settings.VALO_SSO_LOGOUT builds its request); back to valo's
    login page once the provider has ended its session."""
    signed_in = request.session.get(SSO_SESSION_KEY) or {}
    login_url = request.build_absolute_uri(reverse("login"))
    end_session = ""
    if signed_in.get("protocol") == "openid_connect" and signed_in.get("end_session"):
        query = urlencode(
            {"client_id": signed_in.get("client_id", ""), "post_logout_redirect_uri": login_url}
        )
        end_session = f"{signed_in['end_session']}?{query}"
    elif signed_in:
        try:
            end_session = import_string(settings.VALO_SSO_LOGOUT)(request, signed_in)
        except Exception:  # a provider since removed or unreachable: valo's session ends anyway
            logger.exception("no single logout for %s", signed_in.get("provider"))
    auth_logout(request)
    if end_session:
        # A page that goes on to the provider, not a redirect: the policy lets forms post to valo
        # only (CSP form-action), and a form's redirect to another site counts as its action.
        return render(request, "core/logged_out.html", {"end_session_url": end_session})
    return HttpResponseRedirect(login_url)


def health(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 when the database and every registered check answer, else 503.
    Says which part fails, nothing about the data."""
    results: dict[str, dict[str, Any]] = {}
    try:
        connection.ensure_connection()
        usable = connection.is_usable()  # a round trip to the server (SELECT 1)
        results["core.database"] = {"ok": usable, "detail": connection.vendor}
    except DatabaseError as error:
        results["core.database"] = {"ok": False, "detail": type(error).__name__}
    for name, check in health_checks().items():
        try:
            ok, detail = check()
        except Exception as error:  # a check that breaks is a failing part, not a server error
            ok, detail = False, type(error).__name__
        results[name] = {"ok": ok, "detail": detail}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 in the product's layout, naming the parameter at fault (valo.core.bounds.BadQuery)."""
    errors = getattr(exception, "errors", {})
    return render(request, "400.html", {"errors": errors}, status=400)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"cards": home_cards(request.user), "panels": dashboard_panels(request.user)},
    )


class ChangeLogView(ObjectListView):
    """Every change of every record: auditors and administrators only (others see an empty list)."""

    model = ObjectChange
    url_base = "changelog"
    addable = False
    filterset_class = ObjectChangeFilterSet
    template_name = "core/changelog_list.html"
    columns = [
        Column("time", gettext_lazy("Time"), link=True),
        Column("user_name", gettext_lazy("User")),
        Column("source", gettext_lazy("Source")),
        Column("action", gettext_lazy("Action")),
        Column("content_type.name", gettext_lazy("Object type")),
        Column("object_id", gettext_lazy("Object id")),
        Column("object_repr", gettext_lazy("Object"), verbatim=True),
        Column("request_id", gettext_lazy("Request id"), in_table=False),
    ]

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("content_type")


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(ObjectChange.objects.restrict(request.user), pk=pk)
    return render(request, "core/change_detail.html", {"object": change})


# Records shown per page of an archive.
ARCHIVE_PAGE = 100


@login_required
def changelog_archives(request: HttpRequest) -> HttpResponse:
    """The change log's archives (valo changelog_archive), for those who read the log."""
    if not model_permits(request.user, ObjectChange, "view"):
        raise Http404
    return render(request, "core/changelog_archives.html", {"archives": archive.index()})


@login_required
def changelog_archive(request: HttpRequest, name: str) -> HttpResponse:
    """One archive's records, checked against its checksum, a page at a time; ?object=
    app.model:id keeps one object's."""
    if not model_permits(request.user, ObjectChange, "view"):
        raise Http404
    page = query_value(request.GET, "page", forms.IntegerField(min_value=1, max_value=10**6), 1)
    label = request.GET.get("object", "").strip()[:200]
    start = (page - 1) * ARCHIVE_PAGE
    try:
        found = list(
            itertools.islice(
                archive.read(name, object_label=label), start, start + ARCHIVE_PAGE + 1
            )
        )
    except archive.ArchiveError as error:
        if "no such archive" in str(error):
            raise Http404 from error
        return render(
            request, "core/changelog_archive.html", {"name": name, "error": str(error)}, status=409
        )
    return render(
        request,
        "core/changelog_archive.html",
        {
            "name": name,
            "records": found[:ARCHIVE_PAGE],
            "page": page,
            "more": len(found) > ARCHIVE_PAGE,
            "object": label,
        },
    )


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    return render(request, "core/api_token.html", {"token": token})


@require_POST
@login_required
def api_token_renew(request: HttpRequest) -> HttpResponse:
    """Revoke the current token (if any) and issue a new one; `revoke` only revokes."""
    Token.objects.filter(user=request.user).delete()
    if "revoke" in request.POST:
        messages.success(request, _("Your API token was revoked."))
    else:
        Token.objects.create(user=request.user)
        messages.success(request, _("A new API token was issued; the old one no longer works."))
    return HttpResponseRedirect(reverse("api_token"))


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """The global search (valo.core.search): the full page, or the type-ahead's list (htmx)."""
    from valo.core.search import MAX_LENGTH, search

    query = query_value(request.GET, "q", forms.CharField(max_length=MAX_LENGTH), "")
    hits = search(request.user, query) if query else []
    partial = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "core/includes/search_results.html" if partial else "core/search.html",
        {"query": query, "hits": hits[:8] if partial else hits},
    )
