from rest_framework.routers import DefaultRouter

from valo.documents.api import views

router = DefaultRouter()
router.register("documents/documents", views.DocumentViewSet, basename="document")
