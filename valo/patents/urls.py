from django.urls import path

from valo.core.routes import component_routes, model_routes
from valo.patents import views

urlpatterns = [
    *model_routes("", "patents_family", views, "Family"),
    *component_routes("applications", "patents_application", views.ApplicationEditView),
    *component_routes("priorities", "patents_priority", views.PriorityEditView),
    *component_routes("validations", "patents_validation", views.ValidationEditView),
    *component_routes("owners", "patents_owner", views.OwnerEditView),
    *component_routes("costs", "patents_cost", views.CostEditView),
    path("<int:pk>/office-action/", views.office_action, name="patents_office_action"),
    path("from-offices/", views.portfolio_import, name="patents_portfolio_import"),
    path(
        "from-invention/<int:pk>/",
        views.family_from_invention,
        name="patents_family_from_invention",
    ),
    path("deadlines/<int:pk>/consult/", views.renewal_consult, name="patents_renewal_consult"),
    path("renewal-opinion/<str:token>/", views.renewal_opinion, name="patents_renewal_opinion"),
    path("deadlines/", views.DeadlineBoardView.as_view(), name="patents_deadline_list"),
    path(
        "deadlines/bulk-edit/",
        views.DeadlineBulkEditView.as_view(),
        name="patents_deadline_bulk_edit",
    ),
    *component_routes("deadlines", "patents_deadline", views.DeadlineEditView),
    path("budget/", views.budget, name="patents_budget"),
    path("closures/", views.closures_page, name="patents_closures"),
    path("calendar/", views.calendar_page, name="patents_calendar"),
    path("calendar/renew/", views.calendar_renew, name="patents_calendar_renew"),
    path("calendar/<str:token>.ics", views.calendar_ics, name="patents_calendar_feed"),
]
