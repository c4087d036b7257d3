"""valo's URLs: each registered app's pages under its prefix, one API router for every app's routes
under /api/, the OpenAPI schema and its docs (valo.core.registry)."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from valo.core.registry import api_urlpatterns, page_urlpatterns

api_router, api_views = api_urlpatterns()

urlpatterns = [
    path("", include("valo.core.urls")),
    *page_urlpatterns(),
    path("i18n/", include("django.conf.urls.i18n")),
    # Single sign-on (django-allauth: OpenID Connect providers; docs/sso.md).
    path("sso/", include("allauth.urls")),
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
