"""Choice lists of agreements."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    RESEARCH = "research", _("Research collaboration (recherche partenariale)")
    SERVICE = "service", _("Service contract")
    CIFRE = "cifre", _("CIFRE collaboration")
    NDA = "nda", _("Confidentiality agreement (NDA/CDA)")
    MTA = "mta", _("Material transfer agreement")
    CO_OWNERSHIP = "co_ownership", _("Co-ownership agreement (règlement de copropriété)")
    MANDATAIRE = "mandataire", _("Mandataire unique designation")
    LICENCE = "licence", _("Licence")
    OPTION = "option", _("Option")
    ASSIGNMENT = "assignment", _("Assignment")
    STARTUP = "startup", _("Start-up agreement")


TRANSFER_KINDS = frozenset(
    {AgreementKind.LICENCE, AgreementKind.OPTION, AgreementKind.ASSIGNMENT, AgreementKind.STARTUP}
)


class IpOwnership(models.TextChoices):
    INSTITUTION = "institution", _("The institution owns the results")
    CO_OWNED = "co_owned", _("Co-owned, with shares")
    PARTNER = "partner", _("The partner owns the results")
    PARTNER_LICENCE_BACK = "partner_licence_back", _("The partner owns them, with a licence back")


class ObligationState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CLOSED = "closed", _("Closed with the agreement")


class PaymentKind(models.TextChoices):
    """What a payment is for: only the income from exploiting a result counts for the inventors'
    prime d'intéressement (CPI R611-14-1 II), not the funding of research."""

    UPFRONT = "upfront", _("Licence fee (upfront)")
    ROYALTY = "royalty", _("Royalties")
    MINIMUM = "minimum", _("Minimum royalty top-up")
    MILESTONE = "milestone", _("Milestone")
    OPTION = "option", _("Option fee")
    ASSIGNMENT = "assignment", _("Assignment price")
    SUBLICENCE = "sublicence", _("Share of sub-licence income")
    EQUITY_SALE = "equity_sale", _("Proceeds of equity sold")
    CONTRACT = "contract", _("Research contract funding (not exploitation income)")


# The income from exploiting a result: the base of the prime d'intéressement.
EXPLOITATION_PAYMENTS = frozenset(
    {
        PaymentKind.UPFRONT,
        PaymentKind.ROYALTY,
        PaymentKind.MINIMUM,
        PaymentKind.MILESTONE,
        PaymentKind.OPTION,
        PaymentKind.ASSIGNMENT,
        PaymentKind.SUBLICENCE,
        PaymentKind.EQUITY_SALE,
    }
)


class PartyRole(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CO_CONTRACTOR = "co_contractor", _("Co-contractor")
    FUNDER = "funder", _("Funder")
    CO_OWNER = "co_owner", _("Co-owner of results")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")
    HOST = "host", _("Host of the research (hébergeur)")
