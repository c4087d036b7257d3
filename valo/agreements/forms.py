"""Forms of agreements and their parts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from valo.agreements.models import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    AgreementKnowHow,
    AgreementParty,
    AgreementSoftware,
    CoOwnershipNotice,
    Licence,
    Obligation,
    Payment,
    RoyaltyStatement,
    RoyaltyTier,
)
from valo.core.forms import DateInput, model_form, style_fields

AgreementForm = model_form(
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
LicenceForm = model_form(
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
TierForm = model_form(RoyaltyTier, ["agreement", "from_amount", "rate"])
StatementForm = model_form(
    RoyaltyStatement, ["agreement", "year", "net_sales", "currency", "received_on"]
)
PaymentForm = model_form(
    Payment,
    ["agreement", "kind", "received_on", "amount", "currency", "invoice_reference", "statement"],
)
ObligationForm = model_form(Obligation, ["agreement", "label", "due_date", "state"])
AgreementInventionForm = model_form(AgreementInvention, ["agreement", "invention"])
AgreementFamilyForm = model_form(AgreementFamily, ["agreement", "family"])
AgreementSoftwareForm = model_form(AgreementSoftware, ["agreement", "software"])
AgreementKnowHowForm = model_form(AgreementKnowHow, ["agreement", "know_how"])
PartyForm = model_form(AgreementParty, ["agreement", "organization", "role"])
NoticeForm = model_form(
    CoOwnershipNotice, ["family", "co_owner", "notified_on", "draft_licensee", "share_price"]
)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        style_fields(self)
