"""{% documents_panel object %}: the record's documents and, for those who may change the record,
the form to add one. Every record page that takes documents includes it."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("documents/panel.html", takes_context=True)
def documents_panel(context: Any, record: Any) -> dict[str, Any]:
    from valo.documents.views import panel_context

    return {**panel_context(record, context["request"].user), "request": context["request"]}
