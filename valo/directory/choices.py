"""Choice lists of the directory."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    INSTITUTION = "institution", _("Institution")
    SCHOOL = "school", _("School")
    SUBSIDIARY_SCHOOL = "subsidiary_school", _("Subsidiary school")
    LABORATORY = "laboratory", _("Laboratory / research unit")
    COMPANY = "company", _("Company")
    STARTUP = "startup", _("Start-up")
    INCUBATOR = "incubator", _("Incubator")
    PUBLIC_RESEARCH_BODY = "public_research_body", _("Public research body")
    UNIVERSITY = "university", _("University")
    FUNDER = "funder", _("Funder")


# The institution's own units: these make up the scopes of memberships.
INTERNAL_KINDS = frozenset(
    {
        OrganizationKind.INSTITUTION,
        OrganizationKind.SCHOOL,
        OrganizationKind.SUBSIDIARY_SCHOOL,
        OrganizationKind.LABORATORY,
    }
)
COMPANY_KINDS = frozenset({OrganizationKind.COMPANY, OrganizationKind.STARTUP})
RESEARCH_KINDS = INTERNAL_KINDS | {
    OrganizationKind.PUBLIC_RESEARCH_BODY,
    OrganizationKind.UNIVERSITY,
}
# Which kinds may sit under which (None: at the top of the tree).
ALLOWED_PARENTS = {
    OrganizationKind.INSTITUTION: frozenset(),
    OrganizationKind.SCHOOL: frozenset({OrganizationKind.INSTITUTION}),
    OrganizationKind.SUBSIDIARY_SCHOOL: frozenset({OrganizationKind.INSTITUTION}),
    OrganizationKind.LABORATORY: frozenset(
        {
            OrganizationKind.INSTITUTION,
            OrganizationKind.SCHOOL,
            OrganizationKind.SUBSIDIARY_SCHOOL,
            OrganizationKind.LABORATORY,
        }
    ),
}


class SizeCategory(models.TextChoices):
    """Company size classes (French LME decree 2008-1354, as used by INPI's palmarès)."""

    GE = "GE", _("Large company (GE, 5,000 staff or more)")
    ETI = "ETI", _("Intermediate-sized company (ETI, 250–4,999 staff)")
    PME = "PME", _("SME (PME, fewer than 250 staff and under €50M turnover)")


class Sector(models.TextChoices):
    COMPANY = "company", _("Company")
    RESE = "rese", _("Research, higher education and State bodies (RESE)")


class PersonStatus(models.TextChoices):
    """The status decides ownership rules and remuneration (see reference/french-rules.md)."""

    PERMANENT_RESEARCHER = "permanent_researcher", _("Permanent researcher")
    TEACHER_RESEARCHER = "teacher_researcher", _("Teacher-researcher")
    RESEARCH_ENGINEER = "research_engineer", _("Research engineer")
    DOCTORAL_STUDENT = "doctoral_student", _("Doctoral student (contrat doctoral)")
    CIFRE_DOCTORAL_STUDENT = "cifre_doctoral_student", _("CIFRE doctoral student")
    POSTDOC = "postdoc", _("Post-doctoral researcher")
    INTERN = "intern", _("Intern")
    EMERITUS = "emeritus", _("Emeritus")
    EXTERNAL = "external", _("External")


class LabelKind(models.TextChoices):
    CARNOT = "carnot", _("Carnot institute")
    TREMPLIN_CARNOT = "tremplin_carnot", _("Tremplin Carnot")
    OTHER = "other", _("Other label")


class AliasSource(models.TextChoices):
    MANUAL = "manual", _("Entered by staff")
    PATENT_DATA = "patent_data", _("Seen in patent data")
    IMPORT = "import", _("Imported")
