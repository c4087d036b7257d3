"""valo's URLs: each registered app's pages under its prefix, one API router for every app's routes
under /api/, the OpenAPI schema and its docs (valo.core.registry)."""

from allauth.urls import build_provider_urlpatterns
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views.generic.base import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from valo.core.registry import api_urlpatterns, page_urlpatterns

api_router, api_views = api_urlpatterns()

urlpatterns = [
    path("", include("valo.core.urls")),
    *page_urlpatterns(),
    path("i18n/", include("django.conf.urls.i18n")),
    # Single sign-on (django-allauth's OpenID Connect and SAML providers; docs/sso.md). Only its
    # social side: its own password pages (login, sign-up, password reset) would give an account
    # that signs in through a provider a password; their names lead to valo's login page.
    path(
        "sso/",
        include(
            [
                path("login/", RedirectView.as_view(pattern_name="login"), name="account_login"),
                path("logout/", RedirectView.as_view(pattern_name="login"), name="account_logout"),
                path(
                    "inactive/", RedirectView.as_view(pattern_name="login"), name="account_inactive"
                ),
                path("3rdparty/", include("allauth.socialaccount.urls")),
                *build_provider_urlpatterns(),
            ]
        ),
    ),
    path("admin/", admin.site.urls),
    path("api/", include((api_router.urls, "api"))),
    path("api/", include(api_views)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Swagger UI sets inline styles: that one page allows them (its scripts stay same-origin only).
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api_schema")
        ),
        name="api_docs",
    ),
]

handler400 = "valo.core.views.pages.bad_request"
