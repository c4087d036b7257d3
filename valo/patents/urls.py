from django.urls import path

from valo.patents import views

urlpatterns = [
    path("", views.FamilyListView.as_view(), name="patents_family_list"),
    path("add/", views.FamilyEditView.as_view(), name="patents_family_add"),
    path("<int:pk>/", views.FamilyDetailView.as_view(), name="patents_family_detail"),
    path("<int:pk>/edit/", views.FamilyEditView.as_view(), name="patents_family_edit"),
    path("<int:pk>/delete/", views.FamilyDeleteView.as_view(), name="patents_family_delete"),
    path(
        "<int:pk>/changelog/", views.FamilyChangeLogView.as_view(), name="patents_family_changelog"
    ),
    path("applications/add/", views.ApplicationEditView.as_view(), name="patents_application_add"),
    path(
        "applications/<int:pk>/edit/",
        views.ApplicationEditView.as_view(),
        name="patents_application_edit",
    ),
    path("priorities/add/", views.PriorityEditView.as_view(), name="patents_priority_add"),
    path("owners/add/", views.OwnerEditView.as_view(), name="patents_owner_add"),
    path("owners/<int:pk>/edit/", views.OwnerEditView.as_view(), name="patents_owner_edit"),
    path("costs/add/", views.CostEditView.as_view(), name="patents_cost_add"),
    path("deadlines/", views.DeadlineBoardView.as_view(), name="patents_deadline_list"),
    path("deadlines/add/", views.DeadlineEditView.as_view(), name="patents_deadline_add"),
    path(
        "deadlines/<int:pk>/edit/", views.DeadlineEditView.as_view(), name="patents_deadline_edit"
    ),
    path("budget/", views.budget, name="patents_budget"),
    path("calendar/", views.calendar_page, name="patents_calendar"),
    path("calendar/renew/", views.calendar_renew, name="patents_calendar_renew"),
    path("calendar/<str:token>.ics", views.calendar_ics, name="patents_calendar_feed"),
]
