from valo.agreements.models.agreements import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    AgreementKnowHow,
    AgreementParty,
    AgreementSoftware,
    CoOwnershipNotice,
    Obligation,
)
from valo.agreements.models.licences import Licence, Payment, RoyaltyStatement, RoyaltyTier

__all__ = [
    "Agreement",
    "AgreementFamily",
    "AgreementInvention",
    "AgreementKnowHow",
    "AgreementParty",
    "AgreementSoftware",
    "CoOwnershipNotice",
    "Licence",
    "Obligation",
    "Payment",
    "RoyaltyStatement",
    "RoyaltyTier",
]
