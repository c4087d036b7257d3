"""Choice lists of inventions, assessments and decisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InventionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DECLARED = "declared", _("Declared")
    QUALIFIED = "qualified", _("Qualified")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    DECIDED = "decided", _("Decided")
    PROTECTED = "protected", _("Protected")
    TRANSFERRED = "transferred", _("Transferred")
    RELEASED = "released", _("Released to the inventors")
    ABANDONED = "abandoned", _("Abandoned")


FINAL_STATES = frozenset({InventionState.RELEASED, InventionState.ABANDONED})


class TechnicalField(models.TextChoices):
    DIGITAL = "digital", _("Digital technologies and telecommunications")
    MATERIALS = "materials", _("Materials and processes")
    ENERGY = "energy", _("Energy")
    ENVIRONMENT = "environment", _("Environment")
    HEALTH = "health", _("Health and life sciences")
    MANAGEMENT = "management", _("Economics and management")
    OTHER = "other", _("Other")


class Origin(models.TextChoices):
    OWN_RESEARCH = "own_research", _("Own research")
    PARTNERSHIP = "partnership", _("Partnership contract")
    JOINT_LAB = "joint_lab", _("Joint laboratory")


class OwnershipClass(models.TextChoices):
    """CPI L611-7 / L611-7-1: who owns the invention."""

    MISSION = "mission", _("Mission invention (belongs to the employer)")
    ATTRIBUTABLE = "attributable", _("Outside mission, attributable (may be claimed)")
    OUTSIDE = "outside", _("Outside mission, not attributable (belongs to the inventor)")


class DisclosureKind(models.TextChoices):
    TALK = "talk", _("Talk or conference")
    PAPER = "paper", _("Paper")
    THESIS = "thesis", _("Thesis defence")
    POSTER = "poster", _("Poster")
    OTHER = "other", _("Other public disclosure")


class ProtectionRoute(models.TextChoices):
    PATENT = "patent", _("Patent")
    SOFTWARE_DEPOSIT = "software_deposit", _("Software deposit")
    KNOW_HOW = "know_how", _("Secret know-how")
    PUBLISH = "publish", _("Publish")
    NONE = "none", _("No protection")


# Routes after which the invention is "protected" once applied.
PROTECTING_ROUTES = frozenset(
    {ProtectionRoute.PATENT, ProtectionRoute.SOFTWARE_DEPOSIT, ProtectionRoute.KNOW_HOW}
)


class ValorisationRoute(models.TextChoices):
    LICENCE = "licence", _("Licence to an industrial partner")
    SPIN_OFF = "spin_off", _("Spin-off")
    STARTUP = "startup", _("Incubated start-up using it")
    PARTNERSHIP = "partnership", _("Further partnership")
    NONE = "none", _("None")


class AssessmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    INVENTOR = "inventor", _("Inventor")
    COMMITTEE = "committee", _("Committee member")
    OFFICER = "officer", _("Valorisation officer")
    EXPERT = "expert", _("Expert")


class InventorPosition(models.TextChoices):
    PENDING = "pending", _("Not yet recorded")
    AGREES = "agrees", _("Agrees")
    OBJECTS = "objects", _("Objects")


class SoftwareLicence(models.TextChoices):
    PROPRIETARY = "proprietary", _("Proprietary")
    CECILL = "CeCILL-2.1", "CeCILL 2.1"
    GPL = "GPL-3.0-or-later", "GPL 3.0 or later"
    LGPL = "LGPL-3.0-or-later", "LGPL 3.0 or later"
    APACHE = "Apache-2.0", "Apache 2.0"
    MIT = "MIT", "MIT"
    BSD = "BSD-3-Clause", "BSD 3-Clause"
    OTHER = "other", _("Other")


class ReadChannel(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    EXPORT = "export", _("Export")
