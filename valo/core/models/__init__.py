from valo.core.models.base import ChangeLoggedModel, Component
from valo.core.models.changelog import ObjectChange
from valo.core.models.importkeys import ImportKey
from valo.core.models.parameters import Bilingual, MissingParameter, Parameter, in_language
from valo.core.models.periods import DatedPeriod
from valo.core.models.querysets import RestrictedQuerySet

__all__ = [
    "Bilingual",
    "ChangeLoggedModel",
    "Component",
    "DatedPeriod",
    "ImportKey",
    "MissingParameter",
    "ObjectChange",
    "Parameter",
    "RestrictedQuerySet",
    "in_language",
]
