"""Core's API routes: the change log."""

from rest_framework.routers import DefaultRouter

from valo.core.api_views import ObjectChangeViewSet

router = DefaultRouter()
router.register("core/changes", ObjectChangeViewSet, basename="objectchange")
