from django.urls import URLPattern, path
from django.views import View

from valo.directory import views

urlpatterns = []


def _routes(prefix: str, base: str, *views_: type[View]) -> list[URLPattern]:
    list_view, detail, edit, delete, changelog = views_
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{base}_list"),
        path(f"{prefix}/add/", edit.as_view(), name=f"{base}_add"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{base}_detail"),
        path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{base}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{base}_delete"),
        path(f"{prefix}/<int:pk>/changelog/", changelog.as_view(), name=f"{base}_changelog"),
    ]


urlpatterns += _routes(
    "organizations",
    "directory_organization",
    views.OrganizationListView,
    views.OrganizationDetailView,
    views.OrganizationEditView,
    views.OrganizationDeleteView,
    views.OrganizationChangeLogView,
)
urlpatterns += [
    path(
        "organizations/bulk-edit/",
        views.OrganizationBulkEditView.as_view(),
        name="directory_organization_bulk_edit",
    ),
    path(
        "organizations/import/",
        views.OrganizationImportView.as_view(),
        name="directory_organization_import",
    ),
    path(
        "aliases/add/",
        views.OrganizationAliasEditView.as_view(),
        name="directory_alias_add",
    ),
    path(
        "aliases/<int:pk>/delete/",
        views.OrganizationAliasDeleteView.as_view(),
        name="directory_alias_delete",
    ),
]
urlpatterns += _routes(
    "people",
    "directory_person",
    views.PersonListView,
    views.PersonDetailView,
    views.PersonEditView,
    views.PersonDeleteView,
    views.PersonChangeLogView,
)
urlpatterns += [
    path(
        "affiliations/add/", views.AffiliationEditView.as_view(), name="directory_affiliation_add"
    ),
    path(
        "affiliations/<int:pk>/edit/",
        views.AffiliationEditView.as_view(),
        name="directory_affiliation_edit",
    ),
    path(
        "affiliations/<int:pk>/delete/",
        views.AffiliationDeleteView.as_view(),
        name="directory_affiliation_delete",
    ),
]
urlpatterns += _routes(
    "labels",
    "directory_label",
    views.LabelListView,
    views.LabelDetailView,
    views.LabelEditView,
    views.LabelDeleteView,
    views.LabelChangeLogView,
)
urlpatterns += [
    path("label-periods/add/", views.LabelAwardEditView.as_view(), name="directory_labelaward_add"),
    path(
        "label-periods/<int:pk>/edit/",
        views.LabelAwardEditView.as_view(),
        name="directory_labelaward_edit",
    ),
    path(
        "label-periods/<int:pk>/delete/",
        views.LabelAwardDeleteView.as_view(),
        name="directory_labelaward_delete",
    ),
]
