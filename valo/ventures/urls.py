from django.urls import path

from valo.ventures import views

urlpatterns = [
    path("", views.VentureListView.as_view(), name="ventures_venture_list"),
    path("add/", views.VentureEditView.as_view(), name="ventures_venture_add"),
    path("<int:pk>/", views.VentureDetailView.as_view(), name="ventures_venture_detail"),
    path("<int:pk>/edit/", views.VentureEditView.as_view(), name="ventures_venture_edit"),
    path(
        "<int:pk>/changelog/",
        views.VentureChangeLogView.as_view(),
        name="ventures_venture_changelog",
    ),
    path("rounds/add/", views.FundingRoundEditView.as_view(), name="ventures_round_add"),
    path("rounds/<int:pk>/edit/", views.FundingRoundEditView.as_view(), name="ventures_round_edit"),
    path("involvements/add/", views.InvolvementEditView.as_view(), name="ventures_involvement_add"),
    path(
        "involvements/<int:pk>/edit/",
        views.InvolvementEditView.as_view(),
        name="ventures_involvement_edit",
    ),
]
