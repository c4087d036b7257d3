"""The portfolio from spreadsheets (valo.core.onboarding): families, their applications, owners,
priority claims, a European patent's validations, and what was spent on each application. Each saved
application, owner, priority or validation brings its deadlines in step, as a save on the page does
(valo.patents.services.recompute_deadlines)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.core.onboarding import ImportKind
from valo.patents import services
from valo.patents.forms import (
    CostForm,
    OwnerForm,
    PatentApplicationForm,
    PatentFamilyForm,
    PriorityClaimForm,
    ValidationForm,
)
from valo.patents.models import (
    ApplicationOwner,
    Cost,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)

FAMILIES = ImportKind(
    code="families",
    label=_("Patent families"),
    model=PatentFamily,
    form_class=PatentFamilyForm,
    fields=PatentFamily.edit_fields,
    natural_key="reference",
    lookups=("inpadoc_family_id",),
    help=_("The families of the portfolio, each with its unit and the invention it protects."),
    examples=(
        {
            "key": "BR-2019-004",
            "reference": "BR-2019-004",
            "title": "Capteur de corrosion sans fil",
            "invention": "DI-2019-07",
            "unit": "ORG-LAB",
        },
    ),
)

APPLICATIONS = ImportKind(
    code="applications",
    label=_("Patent applications"),
    model=PatentApplication,
    form_class=PatentApplicationForm,
    fields=PatentApplication.edit_fields,
    lookups=("application_number", "publication_number"),
    match=("family", "office", "application_number"),
    on_save=services.recompute_deadlines,
    help=_("Each filing of a family: office, route, numbers and dates; its deadlines follow."),
    examples=(
        {
            "key": "BR-2019-004/FR",
            "family": "BR-2019-004",
            "office": "FR",
            "route": "first_filing",
            "application_number": "FR1903456",
            "filing_date": "2019-04-05",
            "status": "published",
            "publication_number": "FR3094839",
            "publication_kind": "A1",
            "publication_date": "2020-10-09",
            "language": "fr",
        },
        {
            "key": "BR-2019-004/EP",
            "family": "BR-2019-004",
            "office": "EP",
            "route": "priority_filing",
            "application_number": "EP20168013",
            "filing_date": "2020-04-03",
            "publication_number": "EP3719456",
            "publication_kind": "A1",
            "publication_date": "2020-10-07",
            "grant_number": "EP3719456",
            "grant_kind": "B1",
            "grant_date": "2023-03-15",
            "status": "granted",
            "language": "fr",
        },
    ),
)

OWNERS = ImportKind(
    code="owners",
    label=_("Applicants and owners"),
    model=ApplicationOwner,
    form_class=OwnerForm,
    fields=ApplicationOwner.edit_fields,
    match=("application", "organization"),
    on_save=services.recompute_deadlines,
    help=_("The applicants of each application and their shares (a fraction of 1, or 50 %)."),
    examples=(
        {
            "key": "BR-2019-004/FR/1",
            "application": "BR-2019-004/FR",
            "organization": "ORG-LAB",
            "share": "50 %",
            "sequence": "1",
        },
        {
            "key": "BR-2019-004/FR/2",
            "application": "BR-2019-004/FR",
            "organization": "ORG-CO",
            "name_as_published": "EXEMPLE INDUSTRIES",
            "share": "0.5",
            "sequence": "2",
        },
    ),
)

PRIORITIES = ImportKind(
    code="priorities",
    label=_("Priority claims"),
    model=PriorityClaim,
    form_class=PriorityClaimForm,
    fields=PriorityClaim.edit_fields,
    match=("application", "country", "number"),
    on_save=services.recompute_deadlines,
    help=_("The priorities an application claims: the earlier filing's country, number and date."),
    examples=(
        {
            "key": "BR-2019-004/EP/P1",
            "application": "BR-2019-004/EP",
            "priority_application": "BR-2019-004/FR",
            "country": "FR",
            "number": "FR1903456",
            "date": "2019-04-05",
            "sequence": "1",
        },
    ),
)

VALIDATIONS = ImportKind(
    code="validations",
    label=_("Validations"),
    model=Validation,
    form_class=ValidationForm,
    fields=Validation.edit_fields,
    match=("application", "state"),
    on_save=services.recompute_deadlines,
    help=_(
        "The states where a granted European patent was validated (or UP, its unitary effect): "
        "its national renewals follow from the year after the grant."
    ),
    examples=(
        {
            "key": "BR-2019-004/EP/FR",
            "application": "BR-2019-004/EP",
            "state": "FR",
            "validated_on": "2023-03-15",
        },
        {
            "key": "BR-2019-004/EP/DE",
            "application": "BR-2019-004/EP",
            "state": "DE",
            "validated_on": "2023-06-12",
            "national_number": "60 2020 004 512.7",
        },
    ),
)

COSTS = ImportKind(
    code="costs",
    label=_("Patent costs"),
    model=Cost,
    form_class=CostForm,
    fields=Cost.edit_fields,
    match=("application", "kind", "date", "amount"),
    help=_(
        "What was spent on each application: official fees, attorneys' and translators' invoices, "
        "in their currency."
    ),
    examples=(
        {
            "key": "BR-2019-004/FR/2019-04-05/dépôt",
            "application": "BR-2019-004/FR",
            "kind": "official_fee",
            "date": "2019-04-05",
            "amount": "26",
            "currency": "EUR",
            "supplier": "INPI",
            "note": "Redevance de dépôt",
        },
        {
            "key": "F-2019-118",
            "application": "BR-2019-004/FR",
            "kind": "attorney",
            "date": "2019-05-20",
            "amount": "3 450,00",
            "currency": "EUR",
            "supplier": "Cabinet Exemple",
            "invoice_reference": "F-2019-118",
        },
    ),
)
