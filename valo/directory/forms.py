"""Forms of the directory: the same forms serve the pages and the file imports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from valo.core.forms import ValoModelForm
from valo.directory.choices import Sector, SizeCategory
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Organization,
    OrganizationAlias,
    Person,
)


class CompactIdentifierField(forms.CharField):
    """An identifier typed or pasted with spaces ("732 829 320"): stored without them."""

    def to_python(self, value: object) -> str | None:
        text = super().to_python(value)
        return text.replace(" ", "").replace("\u00a0", "") if text else text


class OrganizationForm(ValoModelForm):
    class Meta:
        model = Organization
        field_classes = {
            "siren": CompactIdentifierField,
            "siret": CompactIdentifierField,
            "vat": CompactIdentifierField,
        }
        fields = list(Organization.edit_fields)


class OrganizationBulkEditForm(forms.Form):
    size_category = forms.ChoiceField(
        label=_("Size category"), choices=[("", "—"), *SizeCategory.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    city = forms.CharField(label=_("City"), max_length=128, required=False)


class OrganizationAliasForm(ValoModelForm):
    class Meta:
        model = OrganizationAlias
        fields = list(OrganizationAlias.edit_fields)


class PersonForm(ValoModelForm):
    class Meta:
        model = Person
        fields = list(Person.edit_fields)


class AffiliationForm(ValoModelForm):
    class Meta:
        model = Affiliation
        fields = list(Affiliation.edit_fields)


class LabelForm(ValoModelForm):
    class Meta:
        model = Label
        fields = list(Label.edit_fields)


class LabelAwardForm(ValoModelForm):
    class Meta:
        model = LabelAward
        fields = list(LabelAward.edit_fields)
