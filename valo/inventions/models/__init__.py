from valo.inventions.models.assessments import (
    Assessment,
    AssessmentParticipant,
    Criterion,
    Decision,
    InventorAgreement,
    Score,
)
from valo.inventions.models.assets import (
    KnowHow,
    KnowHowMember,
    KnowHowRead,
    SoftwareAsset,
    SoftwareAuthor,
)
from valo.inventions.models.inventions import (
    ClockDismissal,
    CoOwnerToBe,
    Disclosure,
    Invention,
    InventionUnit,
    Inventorship,
    StateChange,
)

__all__ = [
    "Assessment",
    "AssessmentParticipant",
    "ClockDismissal",
    "CoOwnerToBe",
    "Criterion",
    "Decision",
    "Disclosure",
    "Invention",
    "InventionUnit",
    "InventorAgreement",
    "Inventorship",
    "KnowHow",
    "KnowHowMember",
    "KnowHowRead",
    "Score",
    "SoftwareAsset",
    "SoftwareAuthor",
    "StateChange",
]
