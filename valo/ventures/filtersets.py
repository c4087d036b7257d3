"""One FilterSet per list, shared by the page, its exports and the API."""

from __future__ import annotations

from valo.core.filtersets import ValoFilterSet
from valo.ventures.models import Venture


class VentureFilterSet(ValoFilterSet):
    search_fields = ("company__name",)

    class Meta:
        model = Venture
        fields = ["kind", "status"]
