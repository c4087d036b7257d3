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

AgreementForm = model_form(Agreement)
LicenceForm = model_form(Licence)
TierForm = model_form(RoyaltyTier)
StatementForm = model_form(
    RoyaltyStatement, ["agreement", "year", "net_sales", "currency", "received_on"]
)
PaymentForm = model_form(Payment)
ObligationForm = model_form(Obligation)
AgreementInventionForm = model_form(AgreementInvention)
AgreementFamilyForm = model_form(AgreementFamily)
AgreementSoftwareForm = model_form(AgreementSoftware)
AgreementKnowHowForm = model_form(AgreementKnowHow)
PartyForm = model_form(AgreementParty)
NoticeForm = model_form(CoOwnershipNotice)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        style_fields(self)
