"""Forms of the portfolio."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from valo.core.bounds import YearField
from valo.core.forms import DateInput, ValoModelForm, style_fields
from valo.directory.models import Organization
from valo.documents.services import validate_upload
from valo.patents import closures
from valo.patents.choices import DeadlineState, Office, Route
from valo.patents.models import (
    ApplicationOwner,
    Cost,
    Deadline,
    Opinion,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    RenewalOpinion,
    Validation,
)


class ClosureListForm(forms.Form):
    """A year's closure days of an office, as its notice lists them."""

    office = forms.ChoiceField(label=_("office"), choices=Office.choices)
    year = YearField(label=_("year"))
    source = forms.CharField(
        label=_("source"), max_length=200, help_text=_("The notice, e.g. OJ EPO 2026, A40")
    )
    days = forms.CharField(
        label=_("days"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One per line: YYYY-MM-DD, then the reason (e.g. 2027-12-27 Bridging day)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "year" in data and "days" in data:
            try:
                data["parsed"] = closures.parse_days(data["days"], data["year"])
            except ValidationError as error:
                self.add_error("days", error)
        return data


class PatentFamilyForm(ValoModelForm):
    class Meta:
        model = PatentFamily
        fields = list(PatentFamily.edit_fields)


class PatentApplicationForm(ValoModelForm):
    class Meta:
        model = PatentApplication
        fields = list(PatentApplication.edit_fields)


class PriorityClaimForm(ValoModelForm):
    class Meta:
        model = PriorityClaim
        fields = list(PriorityClaim.edit_fields)


class ValidationForm(ValoModelForm):
    class Meta:
        model = Validation
        fields = list(Validation.edit_fields)


class OwnerForm(ValoModelForm):
    class Meta:
        model = ApplicationOwner
        fields = list(ApplicationOwner.edit_fields)


class DeadlineForm(ValoModelForm):
    """A manual deadline (an office action), or the follow-up of a computed one."""

    class Meta:
        model = Deadline
        fields = [
            "application",
            "label",
            "due_date",
            "state",
            "responsible",
            "renewal_decision",
            "decide_by",
            "decision_reason",
            "note",
        ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.rule_id:
            # A computed deadline's dates come from its rule: only its follow-up is edited here.
            for name in ("application", "label", "due_date"):
                self.fields[name].disabled = True


class DeadlineBulkEditForm(forms.Form):
    """What the board sets on the deadlines ticked: who is responsible, and what became of them."""

    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=get_user_model().objects.none(), required=False
    )
    state = forms.ChoiceField(
        label=_("State"), choices=[("", "—"), *DeadlineState.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A responsible person is a member of the office's staff (as on the deadline's own form).
        self.fields["responsible"].queryset = import_string(settings.VALO_STAFF_USERS)(
            get_user_model().objects.all()
        )


class CostForm(ValoModelForm):
    class Meta:
        model = Cost
        fields = list(Cost.edit_fields)


class OfficeActionForm(forms.Form):
    """An office action received on one of the family's applications, and when its reply is due."""

    application = forms.ModelChoiceField(
        label=_("Application"), queryset=PatentApplication.objects.none()
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    reply_by = forms.DateField(
        label=_("Reply due by"),
        widget=DateInput(),
        help_text=_("As the office's letter sets it."),
    )
    file = forms.FileField(label=_("The office's letter"), validators=[validate_upload])
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, family: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = family.applications.order_by("filing_date", "id")
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("received_on")
            and data.get("reply_by")
            and data["reply_by"] < data["received_on"]
        ):
            self.add_error("reply_by", _("The reply is due after the action was received."))
        return data


class RenewalOpinionForm(forms.ModelForm):
    class Meta:
        model = RenewalOpinion
        fields = ["opinion", "comment"]
        widgets = {"opinion": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opinion"].required = True
        self.fields["opinion"].choices = Opinion.choices
        style_fields(self)


class FamilyFromInventionForm(forms.Form):
    """The family and first application of an invention decided for a patent, prefilled from it."""

    reference = forms.CharField(label=_("Family reference"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=400)
    unit = forms.ModelChoiceField(label=_("Owning unit"), queryset=Organization.objects.none())
    office = forms.ChoiceField(label=_("Office of the first filing"), choices=Office.choices)
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices)
    filing_date = forms.DateField(label=_("Filing date"), required=False, widget=DateInput())
    application_number = forms.CharField(
        label=_("Application number"), max_length=40, required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from valo.directory.pickers import internal_units

        self.fields["unit"].queryset = internal_units(user)
        style_fields(self)

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if PatentFamily.objects.filter(reference=reference).exists():
            raise ValidationError(_("A family already has this reference."))
        return reference


# The most numbers one page's portfolio import fetches (EPO's fair use; a command takes more).
PORTFOLIO_MAX_NUMBERS = 50


class PortfolioImportForm(forms.Form):
    """Publication or application numbers whose families the offices' data brings in."""

    numbers = forms.CharField(
        label=_("Publication or application numbers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line, or separated by commas: EP.2400812.A1, FR3094839A1, EP20168013."
        ),
        max_length=4000,
    )
    unit = forms.ModelChoiceField(
        label=_("Owning unit of new families"), queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from valo.directory.pickers import internal_units

        self.fields["unit"].queryset = internal_units(user)
        style_fields(self)

    def clean_numbers(self) -> list[str]:
        from valo.officedata.ops_client import reference_of

        numbers = [n.strip() for n in self.cleaned_data["numbers"].replace(",", "\n").split("\n")]
        numbers = list(dict.fromkeys(n for n in numbers if n))
        if len(numbers) > PORTFOLIO_MAX_NUMBERS:
            raise ValidationError(
                _("At most %(count)s numbers at once (valo fetch_ops takes more).")
                % {"count": PORTFOLIO_MAX_NUMBERS}
            )
        wrong = []
        for number in numbers:
            try:
                reference_of(number)
            except ValueError:
                wrong.append(number)
        if wrong:
            raise ValidationError(
                _("Not a publication or application number: %(numbers)s")
                % {"numbers": ", ".join(wrong)}
            )
        return numbers
