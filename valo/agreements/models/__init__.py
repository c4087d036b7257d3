from valo.agreements.models.agreements import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    CoOwnershipNotice,
    Obligation,
)
from valo.agreements.models.licences import Licence, Payment, RoyaltyStatement, RoyaltyTier

__all__ = [
    "Agreement",
    "AgreementFamily",
    "AgreementInvention",
    "CoOwnershipNotice",
    "Licence",
    "Obligation",
    "Payment",
    "RoyaltyStatement",
    "RoyaltyTier",
]
