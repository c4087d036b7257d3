from django.urls import path
from rest_framework.routers import DefaultRouter

from valo.finance.api import views

router = DefaultRouter()
router.register("finance/direct-costs", views.DirectCostViewSet, basename="directcost")

urlpatterns = [
    path("finance/statements/<int:pk>/", views.statement_api, name="api_finance_statement"),
]
