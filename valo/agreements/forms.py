"""Forms of agreements and their parts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from valo.agreements.models import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    CoOwnershipNotice,
    Licence,
    Obligation,
    Payment,
    RoyaltyStatement,
    RoyaltyTier,
)
from valo.core.forms import DateInput, ValoModelForm, style_fields


def part_form(model_class: type, field_names: list[str]) -> type:
    """A ValoModelForm for a component of an agreement (or of a family)."""
    meta = type("Meta", (), {"model": model_class, "fields": field_names})
    return type(f"{model_class.__name__}Form", (ValoModelForm,), {"Meta": meta})


AgreementForm = part_form(
    Agreement,
    [
        "reference",
        "title",
        "kind",
        "unit",
        "partner",
        "officer",
        "requested_on",
        "first_draft_on",
        "signed_on",
        "effective_on",
        "ends_on",
        "amount",
        "currency",
        "carnot",
        "ip_ownership",
        "institution_share",
        "exploitation_rights",
        "publication_review_days",
    ],
)
LicenceForm = part_form(
    Licence,
    [
        "agreement",
        "exclusive",
        "field_of_use",
        "territory",
        "upfront",
        "annual_minimum",
        "sublicence_share",
        "equity",
    ],
)
TierForm = part_form(RoyaltyTier, ["agreement", "from_amount", "rate"])
StatementForm = part_form(
    RoyaltyStatement, ["agreement", "year", "net_sales", "currency", "received_on"]
)
PaymentForm = part_form(
    Payment,
    ["agreement", "kind", "received_on", "amount", "currency", "invoice_reference", "statement"],
)
ObligationForm = part_form(Obligation, ["agreement", "label", "due_date", "state"])
AgreementInventionForm = part_form(AgreementInvention, ["agreement", "invention"])
AgreementFamilyForm = part_form(AgreementFamily, ["agreement", "family"])
NoticeForm = part_form(
    CoOwnershipNotice, ["family", "co_owner", "notified_on", "draft_licensee", "share_price"]
)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        style_fields(self)
