from rest_framework.routers import DefaultRouter

from valo.patents.api import views

router = DefaultRouter()
router.register("patents/families", views.PatentFamilyViewSet, basename="patentfamily")
router.register(
    "patents/applications", views.PatentApplicationViewSet, basename="patentapplication"
)
router.register("patents/priorities", views.PriorityClaimViewSet, basename="priorityclaim")
router.register("patents/validations", views.ValidationViewSet, basename="validation")
router.register("patents/owners", views.ApplicationOwnerViewSet, basename="applicationowner")
router.register("patents/costs", views.CostViewSet, basename="cost")
router.register("patents/deadlines", views.DeadlineViewSet, basename="deadline")
router.register("patents/legal-events", views.LegalEventViewSet, basename="legalevent")
router.register("patents/rules", views.DeadlineRuleViewSet, basename="deadlinerule")
router.register("patents/fees", views.FeeViewSet, basename="fee")
router.register("patents/closed-days", views.ClosedDayViewSet, basename="closedday")
