"""The rankings' API: the palmarès of a year and the reconciliation with the portfolio."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from valo.rankings.views import ranking_api, reconciliation_api

router = DefaultRouter()
urlpatterns = [
    path("rankings/palmares/", ranking_api, name="api_rankings_palmares"),
    path("rankings/reconciliation/", reconciliation_api, name="api_rankings_reconciliation"),
]
