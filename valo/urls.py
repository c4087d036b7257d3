"""valo's URLs: pages per app, the API under /api/ with its OpenAPI schema and docs."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from valo.agreements.api.urls import router as agreements_router
from valo.core.api_views import ObjectChangeViewSet
from valo.directory.api.urls import router as directory_router
from valo.finance.api.urls import router as finance_router
from valo.finance.api.urls import urlpatterns as finance_api
from valo.inventions.api.urls import router as inventions_router
from valo.patents.api.urls import router as patents_router
from valo.rankings.views import ranking_api, reconciliation_api
from valo.ventures.api.urls import router as ventures_router

api_router = DefaultRouter()
api_router.register("core/changes", ObjectChangeViewSet, basename="objectchange")
api_router.registry.extend(directory_router.registry)
api_router.registry.extend(inventions_router.registry)
api_router.registry.extend(patents_router.registry)
api_router.registry.extend(agreements_router.registry)
api_router.registry.extend(ventures_router.registry)
api_router.registry.extend(finance_router.registry)

urlpatterns = [
    path("", include("valo.core.urls")),
    path("directory/", include("valo.directory.urls")),
    path("inventions/", include("valo.inventions.urls")),
    path("patents/", include("valo.patents.urls")),
    path("rankings/", include("valo.rankings.urls")),
    path("agreements/", include("valo.agreements.urls")),
    path("ventures/", include("valo.ventures.urls")),
    path("finance/", include("valo.finance.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include((api_router.urls, "api"))),
    path("api/", include(finance_api)),
    path("api/rankings/palmares/", ranking_api, name="api_rankings_palmares"),
    path("api/rankings/reconciliation/", reconciliation_api, name="api_rankings_reconciliation"),
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
