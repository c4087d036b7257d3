from rest_framework.routers import DefaultRouter

from valo.agreements.api import views

router = DefaultRouter()
router.register("agreements/agreements", views.AgreementViewSet, basename="agreement")
router.register(
    "agreements/inventions", views.AgreementInventionViewSet, basename="agreementinvention"
)
router.register("agreements/families", views.AgreementFamilyViewSet, basename="agreementfamily")
router.register("agreements/software", views.AgreementSoftwareViewSet, basename="agreementsoftware")
router.register("agreements/know-how", views.AgreementKnowHowViewSet, basename="agreementknowhow")
router.register("agreements/parties", views.AgreementPartyViewSet, basename="agreementparty")
router.register("agreements/obligations", views.ObligationViewSet, basename="obligation")
router.register("agreements/licences", views.LicenceViewSet, basename="licence")
router.register("agreements/royalty-tiers", views.RoyaltyTierViewSet, basename="royaltytier")
router.register("agreements/statements", views.RoyaltyStatementViewSet, basename="royaltystatement")
router.register("agreements/payments", views.PaymentViewSet, basename="payment")
router.register("agreements/notices", views.CoOwnershipNoticeViewSet, basename="coownershipnotice")
