from valo.core.models.base import ChangeLoggedModel, Component
from valo.core.models.changelog import ObjectChange
from valo.core.models.importkeys import ImportKey
from valo.core.models.parameters import MissingParameter, Parameter
from valo.core.models.periods import DatedPeriod
from valo.core.models.querysets import RestrictedQuerySet

__all__ = [
    "ChangeLoggedModel",
    "Component",
    "DatedPeriod",
    "ImportKey",
    "MissingParameter",
    "ObjectChange",
    "Parameter",
    "RestrictedQuerySet",
]
