from rest_framework.routers import DefaultRouter

from valo.directory.api import views

router = DefaultRouter()
router.register("directory/organizations", views.OrganizationViewSet, basename="organization")
router.register("directory/aliases", views.OrganizationAliasViewSet, basename="organizationalias")
router.register("directory/people", views.PersonViewSet, basename="person")
router.register("directory/affiliations", views.AffiliationViewSet, basename="affiliation")
router.register("directory/labels", views.LabelViewSet, basename="label")
router.register("directory/label-periods", views.LabelAwardViewSet, basename="labelaward")
