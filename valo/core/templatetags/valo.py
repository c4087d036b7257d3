"""Template filters that ask the one access path whether to show a link.

{% load valo %}
{% if request.user|can:"agreements.record_notice" %}…{% endif %}
{% if object.invention|visible_to:request.user %}<a href="…">…</a>{% else %}…{% endif %}
"""

from __future__ import annotations

from typing import Any

from django import template

from valo.core.access import has_capability

register = template.Library()


@register.filter
def can(user: Any, code: str) -> bool:
    """Whether `user` holds the named capability (valo.core.access.has_capability)."""
    return has_capability(user, code)


@register.filter
def visible_to(obj: Any, user: Any) -> bool:
    """Whether `user` may see `obj` (a related record a page would link to)."""
    if obj is None:
        return False
    return type(obj)._default_manager.restrict(user, "view").filter(pk=obj.pk).exists()
