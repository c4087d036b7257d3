"""Forms of inventions: the declaration with its inventors and disclosures, and each step's form."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from valo.core.forms import DateInput, ValoModelForm, style_fields
from valo.core.pickers import set_source
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization, Person
from valo.inventions.choices import (
    InventorPosition,
    OwnershipClass,
    ProtectionRoute,
    ValorisationRoute,
)
from valo.inventions.models import (
    Assessment,
    Disclosure,
    Invention,
    Inventorship,
    KnowHow,
    Score,
    SoftwareAsset,
)
from valo.inventions.transitions import suggest_ownership


class InventionForm(ValoModelForm):
    class Meta:
        model = Invention
        fields = [
            "title",
            "field",
            "keywords",
            "owning_units",
            "origin",
            "origin_reference",
            "confidential_description",
            "public_summary",
        ]
        widgets = {"owning_units": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = self.fields["owning_units"]
        units.queryset = units.queryset.filter(kind__in=INTERNAL_KINDS)
        units.help_text = _("The laboratories or schools the invention comes from.")


FOUR_PLACES = Decimal("0.0001")


def parse_contribution(text: str) -> Decimal:
    """A contribution as people write it: 0.5, 0,5, 1/3, 33.33 % → a fraction of 1 to 4 decimals."""
    value = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        if value.endswith("%"):
            number = Decimal(value[:-1]) / 100
        elif "/" in value:
            numerator, denominator = value.split("/", 1)
            number = Decimal(numerator) / Decimal(denominator)
        else:
            number = Decimal(value)
    except (InvalidOperation, ZeroDivisionError):
        raise ValidationError(
            _("Enter a fraction of 1 (0.5), a fraction (1/3) or a percentage (50 %)."),
            code="invalid",
        ) from None
    try:
        if not number.is_finite():
            raise InvalidOperation
        return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValidationError(_("Enter a number between 0 and 1."), code="invalid") from None


class ContributionField(forms.DecimalField):
    """The contribution coefficient, typed as a decimal, a fraction or a percentage."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        return parse_contribution(str(value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}


class InventorshipForm(ValoModelForm):
    class Meta:
        model = Inventorship
        fields = ["person", "external_name", "employer", "status", "hosting_agreement", "share"]
        field_classes = {"share": ContributionField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Declarants name their co-inventors from the whole directory: a name in a list, not the
        # person's record, which stays hidden outside the declarant's scope.
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")
        set_source(self.fields["person"], "everyone")
        self.fields["employer"].help_text = _("Left empty: taken from the person's affiliation.")


class BaseInventorFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "user": self.user}

    def clean(self) -> None:
        super().clean()
        people = [
            form.cleaned_data["person"]
            for form in self.forms
            if form.cleaned_data.get("person") and not form.cleaned_data.get("DELETE")
        ]
        if len(people) != len(set(people)):
            raise ValidationError(_("A person is named twice among the inventors."))


InventorFormSet = forms.inlineformset_factory(
    Invention,
    Inventorship,
    form=InventorshipForm,
    formset=BaseInventorFormSet,
    extra=3,
    can_delete=True,
)


class DisclosureForm(ValoModelForm):
    class Meta:
        model = Disclosure
        fields = ["kind", "planned_on", "title"]


DisclosureFormSet = forms.inlineformset_factory(
    Invention,
    Disclosure,
    form=DisclosureForm,
    formset=BaseInventorFormSet,
    extra=1,
    can_delete=True,
)


class StepForm(forms.Form):
    """The form of a step of an invention's life (inventions.steps): built for the invention and
    the user; its cleaned data are the transition's arguments, named alike in the API's input."""

    def __init__(self, data: Any = None, *, invention: Invention, user: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.invention, self.user = invention, user
        self.setup()
        style_fields(self)

    def setup(self) -> None:
        """Fields that depend on the invention or the user."""

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NoteForm(StepForm):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InformationForm(StepForm):
    note = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class QualifyForm(StepForm):
    ownership_class = forms.ChoiceField(label=_("Ownership"), choices=OwnershipClass.choices)
    complete_on = forms.DateField(
        label=_("Declaration complete on"),
        widget=DateInput(),
        help_text=_("Change it if the declaration was completed after a request for information."),
    )
    co_owners = forms.ModelMultipleChoiceField(
        label=_("Co-owners to be"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    note = forms.CharField(
        label=_("Qualification notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self) -> None:
        self.fields["co_owners"].queryset = Organization.objects.restrict(self.user).exclude(
            kind__in=INTERNAL_KINDS
        )
        set_source(self.fields["co_owners"], "outside")
        self.suggestion = suggestion = suggest_ownership(self.invention)
        self.initial = {
            "ownership_class": self.invention.ownership_class or suggestion.ownership_class,
            "complete_on": self.invention.complete_on,
            "co_owners": [o.pk for o in suggestion.co_owners],
            "note": "\n".join(suggestion.notes),
        }


class ScheduleForm(StepForm):
    meeting_on = forms.DateField(label=_("Meeting date"), widget=DateInput())
    starts_at = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    location = forms.CharField(label=_("Place"), required=False, max_length=200)


class DecisionForm(StepForm):
    """The routes, the rationale, and one agreement field pair per inventor."""

    # No route chosen in advance: the committee picks both (an empty choice is refused).
    protection_route = forms.ChoiceField(
        label=_("Protection"), choices=[("", "—"), *ProtectionRoute.choices]
    )
    valorisation_route = forms.ChoiceField(
        label=_("Valorisation"), choices=[("", "—"), *ValorisationRoute.choices]
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))

    def setup(self) -> None:
        self.inventors = list(self.invention.inventorships.select_related("person"))
        for inventor in self.inventors:
            self.fields[f"position_{inventor.pk}"] = forms.ChoiceField(
                label=_("%(name)s's position") % {"name": inventor.name},
                choices=InventorPosition.choices,
                initial=InventorPosition.PENDING,
            )
            self.fields[f"comment_{inventor.pk}"] = forms.CharField(
                label=_("%(name)s's comment") % {"name": inventor.name}, required=False
            )

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "protection_route": data["protection_route"],
            "valorisation_route": data["valorisation_route"],
            "rationale": data["rationale"],
            "positions": {
                i.pk: (data[f"position_{i.pk}"], data[f"comment_{i.pk}"]) for i in self.inventors
            },
        }


class AssessmentForm(ValoModelForm):
    class Meta:
        model = Assessment
        fields = ["meeting_on", "starts_at", "location", "minutes", "inventors_absent_reason"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class ScoreForm(ValoModelForm):
    class Meta:
        model = Score
        fields = ["score", "comment"]
        widgets = {"comment": forms.TextInput()}


class SoftwareAssetForm(ValoModelForm):
    class Meta:
        model = SoftwareAsset
        fields = [
            "title",
            "unit",
            "invention",
            "version",
            "deposit_reference",
            "deposit_date",
            "licence",
            "description",
        ]


class KnowHowForm(ValoModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("People who may know it"),
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Only they (and administrators) will see it; you are added."),
    )

    class Meta:
        model = KnowHow
        fields = ["title", "unit", "invention", "description", "recorded_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["members"].queryset = get_user_model().objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["members"].initial = list(
                self.instance.members.values_list("user_id", flat=True)
            )
        style_fields(self)
