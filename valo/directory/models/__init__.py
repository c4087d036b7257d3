from valo.directory.models.labels import Label, LabelAward
from valo.directory.models.memberships import Membership
from valo.directory.models.officers import UnitOfficer
from valo.directory.models.organizations import Organization, OrganizationAlias
from valo.directory.models.people import Affiliation, Person

__all__ = [
    "Affiliation",
    "Label",
    "LabelAward",
    "Membership",
    "Organization",
    "OrganizationAlias",
    "Person",
    "UnitOfficer",
]
