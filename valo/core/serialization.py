"""JSON snapshots of model instances for the change log."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

# Fields that change on every save and say nothing about what the user changed.
VOLATILE_FIELDS = frozenset({"last_updated"})


_ENCODER = DjangoJSONEncoder()
_NATIVE = (str, int, float, bool)


def _json_value(value: Any) -> Any:
    """The value as the change log stores it: JSON types as they are; dates, times, decimals and
    UUIDs as DjangoJSONEncoder writes them; anything else through a JSON round trip."""
    if value is None or isinstance(value, _NATIVE):
        return value
    try:
        return _ENCODER.default(value)
    except TypeError:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def sealed(value: Any) -> str | None:
    """What the change log keeps of a secret: a keyed fingerprint that shows it changed, from which
    the secret cannot be read back (HMAC with the site's secret key)."""
    if value in (None, ""):
        return value
    digest = hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256).hexdigest()
    return f"{SEALED_PREFIX}{digest[:16]}"


SEALED_PREFIX = "sealed:"


def serialize_object(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of `obj` by column name (foreign keys as ids), JSON-safe.

    A model's `secret_fields` (a know-how's content) are sealed: the change log says that they
    changed, never what they hold, so that no view of the log — page, API, export — shows a secret."""
    secret = set(getattr(type(obj), "secret_fields", ()))
    data = {}
    for field in obj._meta.concrete_fields:
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name or None  # the stored path, not the file
        data[field.attname] = sealed(value) if field.name in secret else _json_value(value)
    return data


def differs(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    """Whether two snapshots differ in anything but volatile fields."""
    if before is None or after is None:
        return before is not after
    keys = (before.keys() | after.keys()) - VOLATILE_FIELDS
    return any(before.get(key) != after.get(key) for key in keys)
