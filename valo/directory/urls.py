from django.urls import path

from valo.core.routes import component_routes, model_routes
from valo.directory import views

urlpatterns = [
    *model_routes("organizations", "directory_organization", views, "Organization"),
    path(
        "organizations/bulk-edit/",
        views.OrganizationBulkEditView.as_view(),
        name="directory_organization_bulk_edit",
    ),
    path("aliases/add/", views.OrganizationAliasEditView.as_view(), name="directory_alias_add"),
    path(
        "aliases/<int:pk>/delete/",
        views.OrganizationAliasDeleteView.as_view(),
        name="directory_alias_delete",
    ),
    *model_routes("people", "directory_person", views, "Person"),
    *component_routes(
        "affiliations",
        "directory_affiliation",
        views.AffiliationEditView,
        views.AffiliationDeleteView,
    ),
    *model_routes("labels", "directory_label", views, "Label"),
    *component_routes(
        "label-periods",
        "directory_labelaward",
        views.LabelAwardEditView,
        views.LabelAwardDeleteView,
    ),
]
