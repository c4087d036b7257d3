"""Template filters: whether to show a link (the one access path), and money as the language writes it;
and the sections other apps add to a record's page.

{% load valo %}
{{ agreement.amount|money:agreement.currency }} → "250,000.00 EUR" ("250 000,00 EUR" in French), "—"
{% if request.user|can:"agreements.record_notice" %}…{% endif %}
{% if object.invention|visible_to:request.user %}<a href="…">…</a>{% else %}…{% endif %}
"""

from __future__ import annotations

from typing import Any

from django import template

from valo.core import formats
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


@register.filter
def money(amount: Any, currency: str = "") -> str:
    """{{ amount|money:currency }}: valo.core.formats.money."""
    return formats.money(amount, currency)


@register.simple_tag(takes_context=True)
def record_panels(context: Any, record: Any) -> str:
    """{% record_panels object %}: the sections other apps add to this record's page
    (valo.core.registry.RecordPanel), each rendered only when its context function gives one."""
    from django.template.loader import render_to_string
    from django.utils.module_loading import import_string
    from django.utils.safestring import mark_safe

    from valo.core.registry import record_panels as panels

    request = context["request"]
    meta = record._meta
    rendered = []
    for panel in panels(f"{meta.app_label}.{meta.object_name}"):
        values = import_string(panel.context)(request, record)
        if values is not None:
            rendered.append(render_to_string(panel.template, values, request=request))
    # Each part is a template's output, escaped by it.
    return mark_safe("".join(rendered))
