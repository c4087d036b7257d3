from django.urls import path

from valo.inventions.views import assets, inventions, steps

urlpatterns = [
    path("", inventions.InventionListView.as_view(), name="inventions_invention_list"),
    path("mine/", inventions.MyInventionsView.as_view(), name="inventions_mine"),
    path("queue/", inventions.work_queue, name="inventions_queue"),
    path("declare/", inventions.InventionEditView.as_view(), name="inventions_invention_add"),
    path("<int:pk>/", inventions.InventionDetailView.as_view(), name="inventions_invention_detail"),
    path(
        "<int:pk>/edit/", inventions.InventionEditView.as_view(), name="inventions_invention_edit"
    ),
    path(
        "<int:pk>/delete/",
        inventions.InventionDeleteView.as_view(),
        name="inventions_invention_delete",
    ),
    path(
        "<int:pk>/changelog/",
        inventions.InventionChangeLogView.as_view(),
        name="inventions_invention_changelog",
    ),
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
    path("software/", assets.SoftwareListView.as_view(), name="inventions_software_list"),
    path("software/add/", assets.SoftwareEditView.as_view(), name="inventions_software_add"),
    path(
        "software/<int:pk>/", assets.SoftwareDetailView.as_view(), name="inventions_software_detail"
    ),
    path(
        "software/<int:pk>/edit/",
        assets.SoftwareEditView.as_view(),
        name="inventions_software_edit",
    ),
    path(
        "software/<int:pk>/delete/",
        assets.SoftwareDeleteView.as_view(),
        name="inventions_software_delete",
    ),
    path(
        "software/<int:pk>/changelog/",
        assets.SoftwareChangeLogView.as_view(),
        name="inventions_software_changelog",
    ),
    path("know-how/", assets.KnowHowListView.as_view(), name="inventions_knowhow_list"),
    path("know-how/add/", assets.KnowHowEditView.as_view(), name="inventions_knowhow_add"),
    path(
        "know-how/<int:pk>/", assets.KnowHowDetailView.as_view(), name="inventions_knowhow_detail"
    ),
    path(
        "know-how/<int:pk>/edit/", assets.KnowHowEditView.as_view(), name="inventions_knowhow_edit"
    ),
    path(
        "know-how/<int:pk>/delete/",
        assets.KnowHowDeleteView.as_view(),
        name="inventions_knowhow_delete",
    ),
    path(
        "know-how/<int:pk>/changelog/",
        assets.KnowHowChangeLogView.as_view(),
        name="inventions_knowhow_changelog",
    ),
]
