"""The ventures list's filters, named in the reader's language."""

from __future__ import annotations

from django.utils import translation

from valo.ventures.filtersets import VentureFilterSet


def test_the_list_filters_are_named_in_the_readers_language_whoever_asked_first():
    """django-filter names a filter from its model field once, and builds its form field once (an
    API schema or a first request may have done it, before any model was given); valo names both
    again per reader."""
    assert VentureFilterSet.base_filters["status"].field.label is None  # built as a schema does
    with translation.override("fr"):
        assert VentureFilterSet().form.fields["status"].label == "Statut"
    with translation.override("en"):
        assert VentureFilterSet().form.fields["status"].label == "Status"
        assert VentureFilterSet().form.fields["kind"].label == "Kind"
    with translation.override("fr"):
        assert VentureFilterSet().form.fields["kind"].label == "Type"
