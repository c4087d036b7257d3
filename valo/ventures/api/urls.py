from rest_framework.routers import DefaultRouter

from valo.ventures.api import views

router = DefaultRouter()
router.register("ventures/ventures", views.VentureViewSet, basename="venture")
router.register("ventures/funding-rounds", views.FundingRoundViewSet, basename="fundinground")
router.register("ventures/involvements", views.InvolvementViewSet, basename="involvement")
