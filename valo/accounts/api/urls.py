from rest_framework.routers import DefaultRouter

from valo.accounts.api import views

router = DefaultRouter()
router.register("accounts/requests", views.AccountRequestViewSet, basename="accountrequest")
