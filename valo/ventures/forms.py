"""Forms of ventures and involvements (pages; the API validates through the same model)."""

from __future__ import annotations

from valo.core.forms import model_form
from valo.ventures.models import FundingRound, Involvement, Venture

VentureForm = model_form(Venture)
InvolvementForm = model_form(Involvement)
FundingRoundForm = model_form(FundingRound)
