"""Forms of ventures and involvements (pages; the API validates through the same model)."""

from __future__ import annotations

from valo.core.forms import model_form
from valo.ventures.models import FundingRound, Involvement, Venture

VentureForm = model_form(
    Venture,
    [
        "company",
        "kind",
        "unit",
        "incubator",
        "created_on",
        "status",
        "institution_equity",
        "licence",
    ],
)
InvolvementForm = model_form(
    Involvement,
    [
        "venture",
        "person",
        "scheme",
        "authorised_on",
        "expires_on",
        "equity",
        "voting_rights",
        "time_share",
        "founder",
    ],
)
FundingRoundForm = model_form(FundingRound)
