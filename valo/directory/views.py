"""Pages of the directory: organisations, people, labels and their components."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from valo.core.access import model_permits
from valo.core.tables import Column
from valo.core.views.generic import (
    BulkEditView,
    ObjectChangeLogView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from valo.directory import forms
from valo.directory.filtersets import LabelFilterSet, OrganizationFilterSet, PersonFilterSet
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Organization,
    OrganizationAlias,
    Person,
)

# --- organisations ---------------------------------------------------------------------------------


class OrganizationMixin:
    model = Organization
    url_base = "directory_organization"


class OrganizationListView(OrganizationMixin, ObjectListView):
    filterset_class = OrganizationFilterSet
    bulk_edit = True
    # Its "Import" button opens the organisations' file of the onboarding imports.
    import_kind = "organizations"
    columns = [
        Column("name", _("Name"), link=True),
        Column("short_name", _("Short name")),
        Column("kind", _("Kind")),
        Column("parent", _("Parent")),
        Column("siren", _("SIREN")),
        Column("ror", _("ROR id")),
        Column("size_category", _("Size category"), code=True),
        Column("sector", _("Sector")),
        Column("country", _("Country")),
        Column("is_synthetic", _("Synthetic")),
    ]

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("parent")


class OrganizationDetailView(OrganizationMixin, ObjectDetailView):
    template_name = "directory/organization_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            "children": Organization.objects.restrict(user).filter(parent=obj),
            "aliases": OrganizationAlias.objects.restrict(user).filter(organization=obj),
            "label_awards": LabelAward.objects.restrict(user)
            .filter(organization=obj)
            .select_related("label"),
            "affiliations": Affiliation.objects.restrict(user)
            .filter(organization=obj)
            .select_related("person"),
            "can_add_child": model_permits(user, Organization, "add"),
        }


class OrganizationEditView(OrganizationMixin, ObjectEditView):
    form_class = forms.OrganizationForm


class OrganizationDeleteView(OrganizationMixin, ObjectDeleteView):
    pass


class OrganizationChangeLogView(OrganizationMixin, ObjectChangeLogView):
    pass


class OrganizationBulkEditView(OrganizationMixin, BulkEditView):
    form_class = forms.OrganizationBulkEditForm


class OrganizationAliasEditView(ObjectEditView):
    model = OrganizationAlias
    url_base = "directory_organization"
    form_class = forms.OrganizationAliasForm


class OrganizationAliasDeleteView(ObjectDeleteView):
    model = OrganizationAlias
    component = True
    url_base = "directory_organization"


# --- people ----------------------------------------------------------------------------------------


class PersonMixin:
    model = Person
    url_base = "directory_person"


class PersonListView(PersonMixin, ObjectListView):
    filterset_class = PersonFilterSet
    columns = [
        Column("last_name", _("Last name"), link=True),
        Column("first_name", _("First name"), link=True),
        Column("email", _("E-mail")),
        Column("orcid", _("ORCID iD")),
        Column("is_synthetic", _("Synthetic")),
    ]


class PersonDetailView(PersonMixin, ObjectDetailView):
    template_name = "directory/person_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            "affiliations": Affiliation.objects.restrict(user)
            .filter(person=obj)
            .select_related("organization"),
            "can_add_affiliation": model_permits(user, Affiliation, "add"),
        }


class PersonEditView(PersonMixin, ObjectEditView):
    form_class = forms.PersonForm


class PersonDeleteView(PersonMixin, ObjectDeleteView):
    pass


class PersonChangeLogView(PersonMixin, ObjectChangeLogView):
    pass


class AffiliationEditView(ObjectEditView):
    model = Affiliation
    url_base = "directory_person"
    form_class = forms.AffiliationForm


class AffiliationDeleteView(ObjectDeleteView):
    model = Affiliation
    component = True
    url_base = "directory_person"


# --- labels ----------------------------------------------------------------------------------------


class LabelMixin:
    model = Label
    url_base = "directory_label"


class LabelListView(LabelMixin, ObjectListView):
    filterset_class = LabelFilterSet
    columns = [
        Column("name", _("Name"), link=True),
        Column("short_name", _("Short name")),
        Column("kind", _("Kind")),
    ]


class LabelDetailView(LabelMixin, ObjectDetailView):
    template_name = "directory/label_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            "awards": LabelAward.objects.restrict(user)
            .filter(label=obj)
            .select_related("organization"),
            "can_add_award": model_permits(user, LabelAward, "add"),
        }


class LabelEditView(LabelMixin, ObjectEditView):
    form_class = forms.LabelForm


class LabelDeleteView(LabelMixin, ObjectDeleteView):
    pass


class LabelChangeLogView(LabelMixin, ObjectChangeLogView):
    pass


class LabelAwardEditView(ObjectEditView):
    model = LabelAward
    url_base = "directory_label"
    form_class = forms.LabelAwardForm


class LabelAwardDeleteView(ObjectDeleteView):
    model = LabelAward
    component = True
    url_base = "directory_label"
