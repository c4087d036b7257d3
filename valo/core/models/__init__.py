from valo.core.models.base import ChangeLoggedModel
from valo.core.models.changelog import ObjectChange
from valo.core.models.parameters import MissingParameter, Parameter
from valo.core.models.periods import DatedPeriod
from valo.core.models.querysets import RestrictedQuerySet

__all__ = [
    "ChangeLoggedModel",
    "DatedPeriod",
    "MissingParameter",
    "ObjectChange",
    "Parameter",
    "RestrictedQuerySet",
]
