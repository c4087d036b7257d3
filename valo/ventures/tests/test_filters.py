"""The ventures list's filters, named in the reader's language."""

from __future__ import annotations

from django.utils import translation

from valo.ventures.filtersets import VentureFilterSet


def test_the_list_filters_are_named_in_the_readers_language_whoever_asked_first():
    """django-filter names a filter from its model field once; valo names it again per reader."""
    with translation.override("fr"):
        assert VentureFilterSet().form.fields["status"].label == "Statut"
    with translation.override("en"):
        assert VentureFilterSet().form.fields["status"].label == "Status"
        assert VentureFilterSet().form.fields["kind"].label == "Kind"
    with translation.override("fr"):
        assert VentureFilterSet().form.fields["kind"].label == "Type"
