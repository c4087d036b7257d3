"""Agreements from spreadsheets (valo.core.onboarding): the agreements and their terms, their parties,
what they cover, the licences' terms and royalty tiers, royalty statements, payments, and what each
agreement requires by a date (its obligations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.agreements import forms
from valo.agreements.models import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    AgreementParty,
    AgreementSoftware,
    Licence,
    Obligation,
    Payment,
    RoyaltyStatement,
    RoyaltyTier,
)
from valo.core.onboarding import ImportKind

AGREEMENTS = ImportKind(
    code="agreements",
    label=_("Agreements"),
    model=Agreement,
    form_class=forms.AgreementForm,
    fields=(*Agreement.edit_fields, "ended_on"),
    natural_key="reference",
    help=_("Contracts of every kind, with their dates, amount and terms on results."),
    examples=(
        {
            "key": "CT-2020-011",
            "reference": "CT-2020-011",
            "title": "Licence exclusive du capteur de corrosion",
            "kind": "licence",
            "unit": "ORG-LAB",
            "partner": "ORG-CO",
            "requested_on": "2020-01-10",
            "signed_on": "2020-05-04",
            "effective_on": "2020-05-04",
            "ends_on": "2030-05-03",
            "amount": "20000",
            "currency": "EUR",
            "ip_ownership": "institution",
        },
        {
            "key": "CT-2021-004",
            "reference": "CT-2021-004",
            "title": "Recherche partenariale sur le vieillissement des capteurs",
            "kind": "research",
            "unit": "ORG-LAB",
            "partner": "ORG-CO",
            "requested_on": "2020-10-15",
            "signed_on": "2021-02-01",
            "effective_on": "2021-03-01",
            "ends_on": "2023-02-28",
            "amount": "85 000",
            "currency": "EUR",
            "carnot": "Carnot TSN",
        },
    ),
)

PARTIES = ImportKind(
    code="parties",
    label=_("Agreement parties"),
    model=AgreementParty,
    form_class=forms.PartyForm,
    fields=AgreementParty.edit_fields,
    match=("agreement", "organization", "role"),
    help=_("The other parties of each agreement, beside its main partner."),
    examples=(
        {
            "key": "CT-2020-011/ORG-START",
            "agreement": "CT-2020-011",
            "organization": "ORG-START",
            "role": "partner",
        },
    ),
)

COVERED_FAMILIES = ImportKind(
    code="covered_families",
    label=_("Families covered by agreements"),
    model=AgreementFamily,
    form_class=forms.AgreementFamilyForm,
    fields=AgreementFamily.edit_fields,
    match=("agreement", "family"),
    help=_("The patent families an agreement licenses, assigns or concerns."),
    examples=(
        {"key": "CT-2020-011/BR-2019-004", "agreement": "CT-2020-011", "family": "BR-2019-004"},
    ),
)

COVERED_INVENTIONS = ImportKind(
    code="covered_inventions",
    label=_("Inventions covered by agreements"),
    model=AgreementInvention,
    form_class=forms.AgreementInventionForm,
    fields=AgreementInvention.edit_fields,
    match=("agreement", "invention"),
    help=_("The inventions an agreement concerns (a result not yet filed, say)."),
    examples=(
        {"key": "CT-2020-011/DI-2019-07", "agreement": "CT-2020-011", "invention": "DI-2019-07"},
    ),
)

COVERED_SOFTWARE = ImportKind(
    code="covered_software",
    label=_("Software covered by agreements"),
    model=AgreementSoftware,
    form_class=forms.AgreementSoftwareForm,
    fields=AgreementSoftware.edit_fields,
    match=("agreement", "software"),
    help=_("The software an agreement licenses or concerns."),
    examples=(
        {"key": "CT-2020-011/LOG-2020-02", "agreement": "CT-2020-011", "software": "LOG-2020-02"},
    ),
)

LICENCES = ImportKind(
    code="licences",
    label=_("Licence terms"),
    model=Licence,
    form_class=forms.LicenceForm,
    fields=Licence.edit_fields,
    match=("agreement",),
    help=_("The financial terms of a licence agreement: fees, minimum, shares, reporting."),
    examples=(
        {
            "key": "CT-2020-011/terms",
            "agreement": "CT-2020-011",
            "exclusive": "yes",
            "field_of_use": "Surveillance des structures en mer",
            "territory": "Europe",
            "upfront": "20000",
            "annual_minimum": "5000",
        },
    ),
)

STATEMENTS = ImportKind(
    code="statements",
    label=_("Royalty statements"),
    model=RoyaltyStatement,
    form_class=forms.StatementForm,
    fields=("agreement", "year", "net_sales", "currency", "received_on"),
    match=("agreement", "year"),
    help=_("The licensee's yearly statements of net sales."),
    examples=(
        {
            "key": "CT-2020-011/2021",
            "agreement": "CT-2020-011",
            "year": "2021",
            "net_sales": "150 000,00",
            "currency": "EUR",
            "received_on": "15/02/2022",
        },
    ),
)

PAYMENTS = ImportKind(
    code="payments",
    label=_("Payments"),
    model=Payment,
    form_class=forms.PaymentForm,
    fields=Payment.edit_fields,
    help=_("What each agreement brought in: fees, royalties, milestones."),
    examples=(
        {
            "key": "FAC-2020-0412",
            "agreement": "CT-2020-011",
            "kind": "upfront",
            "received_on": "2020-06-30",
            "amount": "20000",
            "currency": "EUR",
            "invoice_reference": "FAC-2020-0412",
        },
        {
            "key": "FAC-2022-0107",
            "agreement": "CT-2020-011",
            "kind": "royalty",
            "received_on": "2022-03-30",
            "amount": "4500",
            "currency": "EUR",
            "invoice_reference": "FAC-2022-0107",
            "statement": "CT-2020-011/2021",
        },
    ),
)

TIERS = ImportKind(
    code="tiers",
    label=_("Royalty tiers"),
    model=RoyaltyTier,
    form_class=forms.TierForm,
    fields=RoyaltyTier.edit_fields,
    match=("agreement", "from_amount"),
    help=_(
        "A licence's royalty rates by band of the year's net sales: each rate applies to the net "
        "sales above its threshold, in per cent."
    ),
    examples=(
        {"key": "CT-2020-011/0", "agreement": "CT-2020-011", "from_amount": "0", "rate": "3 %"},
        {
            "key": "CT-2020-011/500000",
            "agreement": "CT-2020-011",
            "from_amount": "500 000",
            "rate": "2",
        },
    ),
)

OBLIGATIONS = ImportKind(
    code="obligations",
    label=_("Obligations"),
    model=Obligation,
    form_class=forms.ObligationForm,
    fields=Obligation.edit_fields,
    match=("agreement", "label", "due_date"),
    help=_(
        "What each agreement requires by a date: a report, a payment, a review before publication."
    ),
    examples=(
        {
            "key": "CT-2020-011/rapport-2021",
            "agreement": "CT-2020-011",
            "label": "Rapport annuel d'exploitation 2021",
            "due_date": "2022-03-31",
            "state": "done",
        },
        {
            "key": "CT-2020-011/rapport-2022",
            "agreement": "CT-2020-011",
            "label": "Rapport annuel d'exploitation 2022",
            "due_date": "2023-03-31",
        },
    ),
)
