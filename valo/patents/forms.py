"""Forms of the portfolio."""

from __future__ import annotations

from valo.core.forms import ValoModelForm
from valo.patents.models import (
    ApplicationOwner,
    Cost,
    Deadline,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)


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


class CostForm(ValoModelForm):
    class Meta:
        model = Cost
        fields = list(Cost.edit_fields)
