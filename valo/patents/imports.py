"""The portfolio from spreadsheets (valo.core.onboarding): families, their applications, owners and
priority claims. Each saved application, owner or priority brings its deadlines in step, as a save on
the page does (valo.patents.services.recompute_deadlines)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.core.onboarding import ImportKind
from valo.patents import services
from valo.patents.forms import OwnerForm, PatentApplicationForm, PatentFamilyForm, PriorityClaimForm
from valo.patents.models import ApplicationOwner, PatentApplication, PatentFamily, PriorityClaim

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
            "status": "pending",
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
