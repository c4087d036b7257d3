from rest_framework.routers import DefaultRouter

from valo.inventions.api import views

router = DefaultRouter()
router.register("inventions/inventions", views.InventionViewSet, basename="invention")
router.register("inventions/inventors", views.InventorshipViewSet, basename="inventorship")
router.register("inventions/disclosures", views.DisclosureViewSet, basename="disclosure")
router.register("inventions/meetings", views.AssessmentViewSet, basename="assessment")
router.register("inventions/scores", views.ScoreViewSet, basename="score")
router.register("inventions/participants", views.ParticipantViewSet, basename="participant")
router.register("inventions/software", views.SoftwareAssetViewSet, basename="softwareasset")
router.register(
    "inventions/software-authors", views.SoftwareAuthorViewSet, basename="softwareauthor"
)
router.register("inventions/know-how", views.KnowHowViewSet, basename="knowhow")
