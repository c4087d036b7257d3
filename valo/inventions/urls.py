from django.urls import path

from valo.core.routes import model_routes
from valo.inventions.views import assets, inventions, steps

urlpatterns = [
    *model_routes(
        "",
        "inventions_invention",
        list_view=inventions.InventionListView,
        detail=inventions.InventionDetailView,
        edit=inventions.InventionEditView,
        delete=inventions.InventionDeleteView,
        changelog=inventions.InventionChangeLogView,
        add_segment="declare",
    ),
    path("mine/", inventions.MyInventionsView.as_view(), name="inventions_mine"),
    path("queue/", inventions.work_queue, name="inventions_queue"),
    path(
        "<int:pk>/attachments/", inventions.attachment_upload, name="inventions_attachment_upload"
    ),
    path(
        "attachments/<int:pk>/",
        inventions.attachment_download,
        name="inventions_attachment_download",
    ),
    path("<int:pk>/step/<slug:name>/", steps.transition, name="inventions_transition"),
    path("meetings/<int:pk>/", steps.assessment_detail, name="inventions_assessment_detail"),
    *model_routes(
        "software",
        "inventions_software",
        list_view=assets.SoftwareListView,
        detail=assets.SoftwareDetailView,
        edit=assets.SoftwareEditView,
        delete=assets.SoftwareDeleteView,
        changelog=assets.SoftwareChangeLogView,
    ),
    *model_routes(
        "know-how",
        "inventions_knowhow",
        list_view=assets.KnowHowListView,
        detail=assets.KnowHowDetailView,
        edit=assets.KnowHowEditView,
        delete=assets.KnowHowDeleteView,
        changelog=assets.KnowHowChangeLogView,
    ),
]
